"""The speech's key projects as demo data: 64 planned starts of the year, the 续建 projects, a small reserve.

The year of the speech is shown as the current year. Every date is placed relative to
`timezone.localdate()`, so the pages always show every case: projects comfortably ahead of their
planned start, projects with little float left, projects whose start is already out of reach (some
with the planned start passed unstarted), and projects under construction.

How a project's progress is made: each project has a profile. The profile picks how many of the
procedures before 开工 are done (a prefix of the template network in a natural order), which of the
next ones are in progress and since when, and a target float. The actual dates of the done steps
are laid backwards from today (or from the actual start) so that they lie in the past and follow
their predecessors. The planned start is then set so that the project's float is the target: the
in-memory schedule (the same `scheduling.compute_schedule` the pages use) gives the earliest date
开工 can be reached; the planned start is that many working days after it (or before it).

Idempotent: projects, organisations and people are upserted by name and saved only when a value
differs; the template, the progress, the annual plan and the funding sources are laid only on a
project that has none yet, and the dates (placed relative to the day of the first run) are never
moved afterwards. Deterministic: one `random.Random(2021)` drawn in the same order on every run.
"""

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from stdnum.cn import uscc

from diaodu.core import workdays
from diaodu.core.validators import validate_project_code
from diaodu.org.choices import OrganisationKind
from diaodu.org.demo import PLATFORMS
from diaodu.org.models import Area, Department, Organisation, Person, Zone

from . import scheduling
from .choices import Category, ConstructionType, FundingKind, Stage, StepKind, StepStatus, TemplateKind
from .models import FundingSource, InvestmentPlan, Project, ScheduleTemplate, Step
from .services import portfolio_recompute_schedules, project_apply_template, project_change_stage, step_save

SEED = 2021
REASON = "演示数据"
YI = Decimal(1_000_000)  # 百亿元 in 万元

JUFENG, GUANGHUI = PLATFORMS[0][0], PLATFORMS[1][0]
PLATFORM_ALIASES = {"聚丰": JUFENG, "广汇": GUANGHUI}

# Progress profiles.
AHEAD = "ahead"  # early procedures done, float large
TIGHT = "tight"  # float 0–9 working days
LATE = "late"  # negative float: the planned start is already out of reach
BUILDING = "building"  # new project, started this year
CONTINUING = "continuing"  # 续建: started in an earlier year
RESERVE = "reserve"  # 储备
CONCEIVED = "conceived"  # 谋划

IND, INFRA, PUB = Category.INDUSTRIAL, Category.INFRASTRUCTURE, Category.PUBLIC_SERVICE
AGR, TOUR, RE, OTHER = Category.AGRICULTURE, Category.TOURISM_HEALTH, Category.REAL_ESTATE, Category.OTHER

LIMING, SUNHAO, WANGJIANGUO = "李明", "孙浩", "王建国"

# 包保领导 beside the demo logins (no login of their own).
LEADERS = [
    ("陈志强", "党工委副书记、管委会常务副主任"),
    ("刘洪涛", "管委会副主任"),
    ("张伟东", "管委会副主任"),
    ("杨帆", "党工委委员、管委会副主任"),
    ("马晓东", "管委会主任助理"),
]

# 包保干部 by department; 孙浩 (经济发展局, a demo login) is assigned explicitly.
OFFICERS = {
    "经济发展局": [("高文博", "经济发展局项目科科长"), ("林晓雪", "经济发展局科员"), ("谢婷", "经济发展局科员")],
    "自然资源局": [("魏东升", "自然资源局规划科科长"), ("许佳", "自然资源局科员")],
    "征收办公室": [("韩立军", "征收办公室副主任"), ("曹磊", "征收办公室科员")],
    "投资促进局": [("田野", "投资促进局招商一科科长"), ("冯雪", "投资促进局科员"), ("邓宇航", "投资促进局科员")],
    "建设局": [("彭国庆", "建设局工程科科长"), ("邱爽", "建设局科员"), ("蒋浩然", "建设局科员")],
    "项目服务办公室": [("沈冰", "项目服务办公室科员"), ("钱程", "项目服务办公室科员")],
    "财政局": [("唐慧", "财政局预算科科长")],
    "生态环境分局": [("袁野", "生态环境分局科员")],
}

# Rough centre of each area (latitude, longitude), for the map.
AREA_CENTRES = {
    "康养新城": (44.030, 125.360),
    "都市圈城镇发展带": (44.010, 125.330),
    "快速路经济发展带": (44.045, 125.400),
    "三产融合发展带": (44.060, 125.350),
    "文化旅游产业园": (44.080, 125.310),
    "休闲康养产业园": (44.070, 125.420),
    "现代农业产业园": (44.100, 125.380),
    "洁净工业园": (43.990, 125.390),
}

# The projects whose land the land ledger (diaodu/land/demo.py) shows still planned, being acquired or reserved:
# they cannot have started, nor gone further with their land, whatever the time of year.
WAITING_FOR_LAND = frozenset(
    {
        "吉通机械总部及生产基地", "铸诚门业智能制造项目", "康养新城健康养老社区", "北山山体公园",
        "影都影视文化产业基地", "金穗鲜食玉米精深加工项目", "奢爱良蔬蔬菜深加工及冷链配送中心",
        "森源食用菌工厂化生产基地", "汽车综合服务园",
        "康养新城冷链物流中心", "北部新城·悦府住宅小区二期", "南北连接线道路工程",
    }
)  # fmt: skip

# The order in which procedures are usually done: the prefix of this order is what a project has done.
PRIORITY = [
    "filing",
    "proposal",
    "land_pre_review",
    "eia",
    "energy_review",
    "feasibility",
    "expropriation",
    "preliminary_design",
    "land_supply",
    "land_planning_permit",
    "property_certificate",
    "engineering_planning_permit",
    "drawing_review",
    "construction_tender",
    "construction_permit",
]


@dataclass(frozen=True)
class Spec:
    name: str
    category: str
    area: str
    owner: str  # organisation name, or 聚丰 / 广汇
    investment: int  # 万元
    department: str
    profile: str
    scope: str
    leader: str | None = None
    officer: str | None = None
    na: tuple[str, ...] = ()  # procedure codes that do not apply (土地已收储 …)
    code: bool = False  # give it a national project code once filed
    credit: bool = False  # give its owner a unified social credit code

    @property
    def owner_name(self) -> str:
        return PLATFORM_ALIASES.get(self.owner, self.owner)

    @property
    def government(self) -> bool:
        return self.owner in PLATFORM_ALIASES


S = Spec
NA_LAND = ("expropriation",)  # 土地已收储/国有土地，不涉及征拆
NA_ENERGY = ("energy_review",)  # 年综合能耗不足1000吨标准煤，不单独进行节能审查

PROJECTS = [
    # --- 百亿元项目 -------------------------------------------------------------------------------
    S("康养新城健康养老社区", TOUR, "休闲康养产业园", "吉林康养新城健康产业投资有限公司", 1_200_000, "投资促进局", LATE,
      "总用地约186公顷，总建筑面积约260万平方米，建设养老公寓、护理院、康复医院、老年大学、颐养中心及配套商业，"
      "分三期实施，一期建设养老公寓及康复医院约42万平方米。", leader=LIMING, code=True, credit=True),
    S("温泉小镇", TOUR, "休闲康养产业园", "吉林汇泉温泉小镇文旅发展有限公司", 1_050_000, "投资促进局", BUILDING,
      "规划用地约320公顷，建设温泉度假酒店、温泉水疗中心、康养度假公寓、特色商业街区及温泉井等配套设施，"
      "总建筑面积约180万平方米。", leader=WANGJIANGUO, code=True, credit=True),
    S("生命健康城", TOUR, "休闲康养产业园", "长春生命健康城开发建设有限公司", 1_100_000, "经济发展局", TIGHT,
      "总用地约260公顷，建设生物医药研发中心、精准医疗中心、健康管理中心、医疗器械产业孵化基地及人才公寓，"
      "总建筑面积约210万平方米。", leader=WANGJIANGUO, officer=SUNHAO, code=True),
    # --- 基础设施 ---------------------------------------------------------------------------------
    S("北部快速路连接线工程", INFRA, "快速路经济发展带", "聚丰", 185_000, "建设局", AHEAD,
      "全长约12.6公里，双向六车道，设计速度80公里/小时，建设互通立交2座、桥梁4座及排水、照明、绿化等附属工程。",
      code=True),
    S("互联互通旅游路工程", INFRA, "文化旅游产业园", "广汇", 68_000, "建设局", TIGHT,
      "全长约18.4公里，串联温泉小镇、生命健康城及文化旅游产业园主要景区，双向四车道，建设慢行绿道、观景平台及停车场。",
      leader=LIMING),
    S("开发区供水厂及配套管网工程", INFRA, "康养新城", "聚丰", 52_000, "建设局", CONTINUING,
      "新建日供水能力10万立方米水厂一座，敷设DN300–DN1200供水管网约46公里，建设加压泵站2座。", code=True),
    S("康养新城回迁楼一期", INFRA, "康养新城", "广汇", 86_000, "征收办公室", CONTINUING,
      "总建筑面积约28万平方米，建设回迁安置住宅2260套及地下车库、社区用房等配套设施。"),
    S("康养新城回迁楼二期", INFRA, "康养新城", "广汇", 92_000, "征收办公室", LATE,
      "总建筑面积约31万平方米，建设回迁安置住宅2480套及幼儿园、社区服务中心等配套。", leader=LIMING),
    S("南北连接线道路工程", INFRA, "三产融合发展带", "聚丰", 46_000, "建设局", AHEAD,
      "全长约7.8公里，双向四车道，同步建设雨污水管网、照明及绿化工程。"),
    S("洁净工业园市政道路及综合管网工程", INFRA, "洁净工业园", "聚丰", 38_500, "建设局", AHEAD,
      "新建园区道路6条共9.2公里，同步敷设给排水、燃气、电力、通信管网。", na=NA_LAND),
    S("康养新城污水处理厂及配套管网工程", INFRA, "康养新城", "聚丰", 42_000, "生态环境分局", CONTINUING,
      "新建日处理能力5万吨污水处理厂一座，出水执行一级A标准，敷设污水管网约32公里。"),
    S("康养新城集中供热热源厂及管网工程", INFRA, "康养新城", "聚丰", 36_000, "建设局", CONTINUING,
      "建设2×70兆瓦燃气热水锅炉及换热站12座，敷设供热管网约28公里，供热面积约500万平方米。"),
    S("康养新城220千伏输变电工程", INFRA, "快速路经济发展带", "国网吉林省电力有限公司长春供电公司", 28_000,
      "经济发展局", AHEAD, "新建220千伏变电站一座，主变容量2×240兆伏安，新建220千伏线路约14公里。"),
    S("康养新城天然气输配管网工程", INFRA, "康养新城", "长春北部新城燃气有限公司", 16_500, "建设局", TIGHT,
      "建设门站1座、调压站3座，敷设中压燃气管网约38公里。", na=NA_LAND),
    S("康养新城地下综合管廊工程", INFRA, "康养新城", "聚丰", 120_000, "财政局", RESERVE,
      "规划建设干支线综合管廊约15公里，纳入给水、再生水、电力、通信、热力等管线（储备项目，拟申报专项债券）。"),
    S("北部新城有轨电车示范线", INFRA, "都市圈城镇发展带", "广汇", 260_000, "项目服务办公室", CONCEIVED,
      "规划线路长约16公里，设站14座及车辆段1处，连接康养新城与主城区（谋划项目）。"),
    S("都市圈城镇发展带道路提升改造工程", INFRA, "都市圈城镇发展带", "聚丰", 24_000, "建设局", LATE,
      "对现状公路约9.5公里实施拓宽改造，新建人行道、非机动车道及照明、排水设施。", na=NA_LAND),
    S("康养新城智慧停车及充电设施项目", INFRA, "康养新城", "广汇", 12_000, "建设局", AHEAD,
      "建设公共停车场14处、停车泊位4200个，配套建设充电桩800个及智慧停车管理平台。", na=NA_LAND + NA_ENERGY),
    # --- 公共服务 ---------------------------------------------------------------------------------
    S("康养新城综合医院", PUB, "康养新城", "广汇", 120_000, "建设局", AHEAD,
      "三级综合医院，设置床位800张，总建筑面积约15万平方米，建设门急诊、医技、住院楼及后勤保障用房。",
      leader=LIMING, code=True),
    S("康养新城九年一贯制学校", PUB, "康养新城", "聚丰", 36_000, "建设局", TIGHT,
      "办学规模72个教学班，总建筑面积约6.2万平方米，建设教学楼、实验楼、风雨操场及400米标准运动场。"),
    S("康养新城实验高级中学", PUB, "康养新城", "聚丰", 45_000, "建设局", AHEAD,
      "办学规模60个教学班，总建筑面积约7.5万平方米，建设教学楼、图书馆、体育馆及学生宿舍。"),
    S("康养新城第一幼儿园", PUB, "康养新城", "聚丰", 7_200, "建设局", LATE,
      "办学规模18个班，总建筑面积约9000平方米，建设教学用房、室外活动场地及配套用房。", na=NA_ENERGY),
    S("开发区规划展馆", PUB, "康养新城", "广汇", 18_000, "自然资源局", LATE,
      "总建筑面积约1.2万平方米，建设城市规划展示厅、数字沙盘、多功能报告厅及配套用房。"),
    S("康养新城全民健身体育中心", PUB, "康养新城", "聚丰", 58_000, "建设局", AHEAD,
      "建设1.5万座体育场、3000座综合体育馆、游泳馆及全民健身广场，总建筑面积约8.6万平方米。"),
    S("北山山体公园", PUB, "文化旅游产业园", "广汇", 26_000, "自然资源局", TIGHT,
      "规划面积约210公顷，实施山体生态修复，建设登山步道、观景平台、游客服务中心及停车场。", na=NA_ENERGY),
    S("开发区总部经济大楼", OTHER, "快速路经济发展带", "广汇", 65_000, "投资促进局", AHEAD,
      "总建筑面积约12万平方米，主楼28层，建设企业总部办公、会议中心、金融服务及商务配套，"
      "吉通机械、铸诚门业等企业总部拟入驻。", leader=LIMING, na=NA_LAND),
    S("康养新城人才公寓", PUB, "康养新城", "广汇", 32_000, "项目服务办公室", TIGHT,
      "总建筑面积约9万平方米，建设人才公寓1200套及配套商业、社区服务用房。"),
    S("康养新城便民服务中心", PUB, "康养新城", "聚丰", 8_500, "项目服务办公室", LATE,
      "总建筑面积约1.6万平方米，建设政务服务大厅、社区卫生服务中心、养老驿站及文体活动用房。",
      na=NA_LAND + NA_ENERGY),
    S("康养新城消防救援站", PUB, "快速路经济发展带", "聚丰", 6_800, "建设局", AHEAD,
      "一级普通消防站，总建筑面积约5200平方米，建设车库、训练塔、执勤用房及训练场地。", na=NA_ENERGY),
    # --- 洁净工业园：装备制造、医药健康 -----------------------------------------------------------
    S("吉通机械总部及生产基地", IND, "洁净工业园", "吉林省吉通机械制造有限公司", 85_000, "经济发展局", AHEAD,
      "总用地约21公顷，建设总部办公楼、农机及工程机械零部件智能化生产车间、研发中心及仓储物流用房，"
      "达产后年产各类机械零部件12万台（套）。", leader=LIMING, officer=SUNHAO, code=True, credit=True),
    S("铸诚门业智能制造项目", IND, "洁净工业园", "吉林铸诚门业有限公司", 32_000, "经济发展局", TIGHT,
      "总用地约8.5公顷，建设防火门、安全门智能化生产线6条及总部办公楼，达产后年产各类门业产品30万樘。",
      officer=SUNHAO, code=True, credit=True),
    S("医药产业园标准厂房一期", IND, "洁净工业园", "广汇", 48_000, "经济发展局", CONTINUING,
      "建设符合GMP要求的多层标准厂房12栋，总建筑面积约16万平方米，配套建设研发检测中心及污水预处理站。"),
    S("医药产业园标准厂房二期", IND, "洁净工业园", "广汇", 56_000, "财政局", LATE,
      "建设多层标准厂房及洁净车间14栋，总建筑面积约18万平方米，拟使用专项债券资金。", na=NA_LAND),
    S("洁净工业园标准厂房三期", IND, "洁净工业园", "聚丰", 40_000, "财政局", RESERVE,
      "规划建设装备制造标准厂房10栋，总建筑面积约13万平方米（储备项目，拟申报专项债券）。"),
    S("同仁众合医疗器械产业基地", IND, "洁净工业园", "吉林同仁众合医疗科技有限公司", 28_000, "投资促进局", AHEAD,
      "建设医用耗材及康复器械生产车间、十万级洁净车间及研发中心，总建筑面积约6.5万平方米。", credit=True),
    S("华康药业中药提取及制剂生产线项目", IND, "洁净工业园", "吉林华康药业股份有限公司", 46_000, "经济发展局", LATE,
      "建设中药前处理、提取车间及固体制剂生产线4条，配套建设质检中心和原料仓库，年处理中药材1.2万吨。",
      officer=SUNHAO),
    S("博远生物疫苗研发生产基地", IND, "洁净工业园", "长春博远生物制品有限公司", 68_000, "投资促进局", AHEAD,
      "建设人用疫苗原液车间、制剂车间、质检研发楼及动物房，总建筑面积约7.8万平方米。", code=True),
    S("精诚汽车零部件智能工厂", IND, "洁净工业园", "吉林精诚汽车零部件有限公司", 24_000, "经济发展局", TIGHT,
      "建设冲压、焊装智能化生产线8条，年产汽车底盘结构件300万件。", officer=SUNHAO),
    S("拓驰新能源装备制造项目", IND, "洁净工业园", "长春拓驰新能源装备有限公司", 38_000, "投资促进局", AHEAD,
      "建设风电塔筒、储能集装箱生产车间及总装测试中心，年产风电塔筒400套、储能系统1吉瓦时。"),
    S("恒信精密铸造项目", IND, "洁净工业园", "吉林恒信精密铸造有限公司", 15_600, "经济发展局", LATE,
      "建设精密铸造车间、机加工车间及熔炼中心，年产高端铸件3万吨。"),
    S("丰禾智能农机装备生产基地", IND, "洁净工业园", "吉林丰禾农业装备有限公司", 26_000, "经济发展局", AHEAD,
      "建设智能农机总装车间、结构件车间及试验场，年产智能播种机、收获机械5000台。", officer=SUNHAO),
    S("康洁医用防护材料生产项目", IND, "洁净工业园", "吉林康洁医用材料有限公司", 12_000, "经济发展局", BUILDING,
      "建设医用无纺布、防护服生产车间及十万级洁净车间，年产医用防护材料8000吨。"),
    S("北方建筑科技装配式建筑构件生产基地", IND, "洁净工业园", "吉林北方建筑科技集团有限公司", 30_000,
      "投资促进局", AHEAD, "建设预制混凝土构件生产线6条、钢结构生产线2条及总部办公楼，年产装配式构件25万立方米。",
      na=NA_LAND),
    S("中科光电精密仪器产业化项目", IND, "洁净工业园", "长春中科光电仪器有限公司", 18_000, "投资促进局", AHEAD,
      "建设光电检测仪器装配车间、超净实验室及研发楼，年产高端光电精密仪器2000台（套）。", credit=True),
    S("金桥包装新材料项目", IND, "洁净工业园", "吉林金桥包装材料有限公司", 9_800, "经济发展局", TIGHT,
      "建设可降解包装材料生产线4条，年产环保包装材料3.5万吨。", na=NA_ENERGY),
    S("瑞康医药物流配送中心", IND, "洁净工业园", "吉林瑞康医药物流有限公司", 16_800, "经济发展局", BUILDING,
      "建设医药阴凉库、冷库及自动化分拣中心，年配送医药产品货值50亿元。", na=NA_LAND),
    S("康养新城大数据中心", IND, "快速路经济发展带", "吉林云谷数据科技有限公司", 56_000, "经济发展局", AHEAD,
      "建设数据中心机房楼3栋，部署标准机柜3000架，配套建设110千伏变电站及运维中心。"),
    S("康养新城冷链物流中心", IND, "快速路经济发展带", "吉林同辉冷链物流有限公司", 22_000, "经济发展局", TIGHT,
      "建设冷库库容5万吨、分拣加工中心及冷链配送车辆停车场，总建筑面积约4.2万平方米。"),
    S("东润经贸集团总部大厦", OTHER, "快速路经济发展带", "吉林东润经贸集团有限公司", 22_000, "投资促进局", LATE,
      "总建筑面积约5.2万平方米，建设集团总部办公、商贸展示及配套用房。"),
    S("汽车综合服务园", OTHER, "快速路经济发展带", "吉林驰骋汽车服务有限公司", 20_000, "投资促进局", LATE,
      "建设汽车销售展厅、维修检测中心及新能源汽车充换电站，总建筑面积约3.6万平方米。"),
    # --- 现代农业产业园 ---------------------------------------------------------------------------
    S("奢爱良蔬智慧农业产业园一期", AGR, "现代农业产业园", "吉林奢爱良蔬农业科技有限公司", 26_000, "经济发展局",
      CONTINUING, "建设智能连栋温室12万平方米、育苗中心及分拣包装车间，年产高端蔬菜1.5万吨。", credit=True),
    S("奢爱良蔬蔬菜深加工及冷链配送中心", AGR, "现代农业产业园", "吉林奢爱良蔬农业科技有限公司", 35_000,
      "经济发展局", AHEAD, "建设净菜加工、预制菜生产车间及冷链配送中心，年加工蔬菜5万吨。", leader=LIMING),
    S("禾丰设施农业示范园", AGR, "现代农业产业园", "吉林禾丰现代农业发展有限公司", 18_000, "经济发展局", TIGHT,
      "建设日光温室200栋、智能育苗工厂及农业科技展示中心，占地约80公顷。"),
    S("北部新城稻渔田园综合体", AGR, "现代农业产业园", "吉林稻香田园农业开发有限公司", 42_000, "自然资源局", LATE,
      "建设高标准稻田1.2万亩、稻渔共生示范区、农事体验区及民宿集群。", leader=LIMING),
    S("金穗鲜食玉米精深加工项目", AGR, "现代农业产业园", "吉林金穗食品有限公司", 16_000, "经济发展局", AHEAD,
      "建设鲜食玉米加工生产线6条及速冻冷藏库，年加工鲜食玉米1.2亿穗。"),
    S("鹿鸣梅花鹿产业园", AGR, "现代农业产业园", "吉林鹿鸣生物科技有限公司", 22_000, "经济发展局", BUILDING,
      "建设梅花鹿标准化养殖区、鹿产品精深加工车间及鹿文化展示中心，存栏梅花鹿5000只。"),
    S("农产品加工物流园", AGR, "现代农业产业园", "吉林北方农产品物流有限公司", 28_000, "投资促进局", AHEAD,
      "建设农产品加工车间、交易大厅、冷链仓储及电商物流中心，总建筑面积约6万平方米。"),
    S("森源食用菌工厂化生产基地", AGR, "现代农业产业园", "吉林森源菌业有限公司", 12_500, "经济发展局", LATE,
      "建设食用菌工厂化生产车间、菌种研发中心及冷藏库，年产鲜品食用菌2万吨。"),
    # --- 文化旅游、休闲康养 -----------------------------------------------------------------------
    S("美凯龙爱琴海购物公园", TOUR, "文化旅游产业园", "长春美凯龙商业管理有限公司", 160_000, "投资促进局", TIGHT,
      "总建筑面积约32万平方米，建设家居生活馆、主题购物中心、室内亲子乐园及文化演艺中心。",
      leader=LIMING, code=True, credit=True),
    S("北部新城冰雪运动乐园", TOUR, "文化旅游产业园", "吉林雪域文旅发展有限公司", 78_000, "投资促进局", AHEAD,
      "建设室内滑雪馆、冰雪主题乐园、冰上运动中心及配套酒店，总建筑面积约16万平方米。"),
    S("影都影视文化产业基地", TOUR, "文化旅游产业园", "长春影都文化产业发展有限公司", 150_000, "投资促进局", AHEAD,
      "建设影视摄影棚20座、影视外景街区、后期制作中心及影视主题酒店，总建筑面积约28万平方米。", code=True),
    S("颐和康养中心", TOUR, "休闲康养产业园", "吉林颐和康养产业有限公司", 36_000, "投资促进局", LATE,
      "建设康养公寓、医养结合护理中心及康复理疗中心，设置床位1500张。"),
    S("中医药健康旅游示范基地", TOUR, "休闲康养产业园", "吉林本草堂健康产业有限公司", 48_000, "经济发展局", AHEAD,
      "建设中医药文化博物馆、中医康养理疗中心、中药材种植观光园及养生酒店。"),
    S("康养新城森林康养度假区", TOUR, "休闲康养产业园", "吉林林泉康养旅游开发有限公司", 58_000, "自然资源局", LATE,
      "依托森林资源建设森林康养步道、康养木屋、自然教育基地及度假酒店，规划面积约300公顷。"),
    S("青少年研学实践教育基地", TOUR, "文化旅游产业园", "吉林启航研学教育科技有限公司", 14_000, "项目服务办公室",
      TIGHT, "建设研学课堂、农耕体验区、科技探索馆及学员宿舍，可同时接待研学学生2000人。"),
    S("东北民俗文化街区", TOUR, "文化旅游产业园", "吉林关东印象文化旅游有限公司", 26_000, "投资促进局", AHEAD,
      "建设民俗风情商业街、非遗展示馆、特色餐饮及演艺广场，总建筑面积约5.5万平方米。"),
    S("康泰康复医院", TOUR, "休闲康养产业园", "吉林康泰医疗管理有限公司", 32_000, "经济发展局", BUILDING,
      "二级康复专科医院，设置床位500张，总建筑面积约5.8万平方米。"),
    S("自驾车房车露营地", TOUR, "文化旅游产业园", "吉林途居旅游发展有限公司", 9_500, "项目服务办公室", TIGHT,
      "建设房车营位260个、帐篷营地、游客服务中心及配套停车场。"),
    # --- 房地产 -----------------------------------------------------------------------------------
    S("北部新城·悦府住宅小区一期", RE, "都市圈城镇发展带", "吉林万润房地产开发有限公司", 58_000, "自然资源局",
      CONTINUING, "总建筑面积约22万平方米，建设高层住宅18栋及商业配套，可容纳住户约1900户。"),
    S("北部新城·悦府住宅小区二期", RE, "都市圈城镇发展带", "吉林万润房地产开发有限公司", 68_000, "自然资源局", AHEAD,
      "总建筑面积约25万平方米，建设高层住宅20栋、幼儿园及社区商业。"),
    S("康养新城滨河湾商住小区", RE, "都市圈城镇发展带", "长春滨河置业有限公司", 96_000, "自然资源局", LATE,
      "总建筑面积约36万平方米，建设住宅、商业及滨河景观带。", leader=LIMING),
    S("快速路经济带商务综合体", RE, "快速路经济发展带", "吉林汇金置业有限公司", 72_000, "自然资源局", TIGHT,
      "建设甲级写字楼、商务酒店及商业中心，总建筑面积约19万平方米。"),
    S("康养新城邻里中心", RE, "康养新城", "长春北城商业运营管理有限公司", 15_000, "投资促进局", AHEAD,
      "建设社区商业、生鲜超市、托育及社区服务用房，总建筑面积约3.2万平方米。"),
    S("颐景园适老化住宅小区", RE, "休闲康养产业园", "吉林颐景置业有限公司", 54_000, "投资促进局", BUILDING,
      "总建筑面积约18万平方米，建设适老化住宅、社区养老服务中心及康养景观花园。"),
]  # fmt: skip


# --- the plan of one project, computed in memory --------------------------------------------------


@dataclass(frozen=True)
class Node:
    """One step of a template: its procedure code, kind, planned duration and predecessors."""

    code: str
    name: str
    kind: str
    duration: int
    preds: tuple[str, ...]
    is_target: bool


@dataclass
class StepState:
    status: str
    actual_start: dt.date | None = None
    actual_finish: dt.date | None = None
    approval_number: str = ""


@dataclass
class Plan:
    template: ScheduleTemplate
    states: dict[str, StepState] = field(default_factory=dict)
    stage: str = Stage.PREPARATION
    planned_start: dt.date | None = None
    planned_completion: dt.date | None = None
    actual_start: dt.date | None = None
    statistics_date: dt.date | None = None
    code: str | None = None
    investment_done_before: Decimal = Decimal(0)
    plan_amount: Decimal | None = None
    funding: list[tuple[str, str | None, Decimal, str]] = field(default_factory=list)
    latitude: Decimal | None = None
    longitude: Decimal | None = None


def _template_nodes(template: ScheduleTemplate) -> list[Node]:
    steps = template.steps.select_related("procedure_type").prefetch_related("after__procedure_type")
    return [
        Node(
            code=step.procedure_type.code,
            name=step.procedure_type.name,
            kind=step.procedure_type.kind,
            duration=0 if step.procedure_type.kind == StepKind.MILESTONE else step.duration_days,
            preds=tuple(before.procedure_type.code for before in step.after.all()),
            is_target=step.is_target,
        )
        for step in steps.order_by("sort_order")
    ]


class Planner:
    """Lays out a project's progress and dates relative to today, drawing from one random stream."""

    def __init__(self, rng: random.Random, today: dt.date, templates: dict[str, ScheduleTemplate], division: str):
        self.rng = rng
        self.division = division
        self.today = today
        self.cal = workdays.get_calendar()
        self.today_n = self.cal.workday_number_on_or_before(today)
        self.templates = templates
        self.nodes = {kind: _template_nodes(template) for kind, template in templates.items()}
        self.counters: dict[tuple[str, int], int] = {}
        self.codes: set[str] = set()
        # The year of the speech is this year: its first and last working days, and how much of it has gone.
        self.year_first_n = self.cal.workday_number_on_or_after(dt.date(today.year, 1, 1))
        self.year_last_n = self.cal.workday_number_on_or_before(dt.date(today.year, 12, 31))
        self.season = (self.today_n - self.year_first_n) / max(1, self.year_last_n - self.year_first_n)

    def seasonal(self, profile: str) -> str:
        """The later in the year the demo is first loaded, the more of the year's planned starts have started.

        A project that is ahead (or tight) of its planned start in spring has, by autumn, mostly started.
        """
        share = {AHEAD: 0.95, TIGHT: 0.6}.get(profile)
        if share is not None and self.today_n - self.year_first_n > 30 and self.rng.random() < self.season * share:
            return BUILDING
        return profile

    # working-day numbers ↔ dates
    def date(self, number: int) -> dt.date:
        return self.cal.workday_date(number)

    def number(self, day: dt.date) -> int:
        return self.cal.workday_number_on_or_before(day)

    def plan(self, spec: Spec) -> Plan:
        """The project's plan, moved on by the time of year where its land allows.

        The plan as the speech's spring would have it is drawn first, from the shared stream, so that every
        project draws the same numbers whatever the date; a project that has moved on since is then drawn again
        from a stream of its own.
        """
        counters, codes = dict(self.counters), set(self.codes)
        spring = self._plan(spec, spec.profile, 0.0)
        if spec.name in WAITING_FOR_LAND:
            return spring
        shared = self.rng
        self.rng = random.Random(f"{spec.name}:{self.today.year}")
        try:
            profile = self.seasonal(spec.profile)
            if profile not in (AHEAD, TIGHT, BUILDING) or (profile == spec.profile == BUILDING):
                return spring
            self.counters, self.codes = counters, codes
            return self._plan(spec, profile, self.season)
        finally:
            self.rng = shared

    def _plan(self, spec: Spec, profile: str, season: float) -> Plan:
        rng = self.rng
        kind = TemplateKind.GOVERNMENT if spec.government else TemplateKind.ENTERPRISE
        nodes = self.nodes[kind]
        by_code = {node.code: node for node in nodes}
        na = {code for code in spec.na if code in by_code}
        target = next(node.code for node in nodes if node.is_target)

        def effective_preds(code: str) -> list[str]:
            result = []
            for pred in by_code[code].preds:
                for item in effective_preds(pred) if pred in na else [pred]:
                    if item not in result:
                        result.append(item)
            return result

        preds = {node.code: effective_preds(node.code) for node in nodes if node.code not in na}
        successors: dict[str, list[str]] = {code: [] for code in preds}
        for code, items in preds.items():
            for pred in items:
                successors[pred].append(code)

        # The procedures before 开工, in the order a zone does them.
        ancestors: set[str] = set()
        stack = [target]
        while stack:
            for pred in preds[stack.pop()]:
                if pred not in ancestors:
                    ancestors.add(pred)
                    stack.append(pred)
        rank = {code: i for i, code in enumerate(PRIORITY)}
        order: list[str] = []
        remaining = sorted(ancestors, key=lambda c: rank.get(c, len(rank)))
        while remaining:
            code = next(c for c in remaining if all(p in order for p in preds[c]))
            order.append(code)
            remaining.remove(code)
        n_pre = len(order)

        plan = Plan(template=self.templates[kind])
        dates: dict[str, tuple[int, int | None]] = {}  # code → (actual start, actual finish) as workday numbers
        done: set[str] = set()
        start_n = None
        passed = False

        if profile in (BUILDING, CONTINUING):
            done = set(order)
            if profile == BUILDING and not season:
                start_n = self.today_n - rng.randint(15, 140)
            elif profile == BUILDING:  # started this year, between its first weeks and three weeks ago
                elapsed = self.today_n - self.year_first_n
                start_n = self.today_n - rng.randint(min(15, elapsed // 2), max(15, min(140, elapsed - 10)))
            else:  # 续建: started in an earlier year
                start_n = self.number(dt.date(self.today.year, 1, 1)) - rng.randint(20, 240)
            dates[target] = (start_n, start_n)
        else:
            passed = profile == LATE and rng.random() < 0.4
            # Later in the year, the projects still to start have done more of their procedures.
            if profile == AHEAD:
                k = rng.randint(max(1, round(season * (n_pre - 2))), max(1, n_pre - 2))
            elif profile == TIGHT:
                k = rng.randint(max(2, round(season * (n_pre - 1))), max(2, n_pre - 1))
            elif profile == LATE and passed:  # the last permits are stuck and the planned start has gone by
                k = rng.randint(max(1, n_pre - 3), max(1, n_pre - 1))
            elif profile == LATE:  # planned start ahead, but too many procedures still to do
                k = rng.randint(max(1, n_pre // 3), max(1, n_pre - 2))
            else:  # reserve, conceived: nothing done yet
                k = 0
            done = set(order[:k])
            ready = [code for code in order[k:] if all(p in done for p in preds[code])]
            if profile == CONCEIVED or not ready:
                n_started = 0
            elif profile == RESERVE:
                n_started = 1
            else:
                n_started = rng.randint(1, min(2, len(ready)))
            for code in ready[:n_started]:
                duration = max(by_code[code].duration, 1)
                if profile == LATE:  # stalled: started long ago
                    elapsed = rng.randint(max(1, duration // 2), duration * 2)
                else:
                    elapsed = rng.randint(1, max(1, duration - 1))
                dates[code] = (self.today_n - elapsed, None)

        # Lay the done steps backwards: each finishes before its started successors begin.
        for code in reversed(order):
            if code not in done:
                continue
            limits = [dates[succ][0] - 1 - rng.randint(0, 4) for succ in successors[code] if succ in dates]
            finish = min(limits) if limits else self.today_n - rng.randint(1, 12)
            duration = by_code[code].duration
            taken = max(1, round(duration * rng.uniform(0.5, 1.15))) if duration else 0
            dates[code] = (finish - taken + 1 if taken else finish, finish)

        # After 开工: 入库纳统 and 主体施工.
        if start_n is not None:
            if "statistics" in preds:
                finish = start_n + rng.randint(10, 30)
                # Not yet in the statistics (the light turns yellow a month after the start): moved on by the
                # season, only some recent starts.
                draw = rng.random() if profile == BUILDING else 1.0
                recent = self.today_n - start_n < 40
                missing = draw < 0.3 if not season else recent and draw < 0.5
                if missing:
                    pass
                elif finish <= self.today_n:
                    dates["statistics"] = (max(start_n + 1, finish - 9), finish)
                    plan.statistics_date = self.date(finish)
                else:
                    dates["statistics"] = (min(start_n + 1, self.today_n), None)
            if "construction" in preds:
                dates["construction"] = (min(start_n + rng.randint(0, 5), self.today_n), None)

        for node in nodes:
            if node.code in na:
                plan.states[node.code] = StepState(StepStatus.NOT_APPLICABLE)
            elif node.code in dates:
                begun, finish = dates[node.code]
                state = StepState(
                    StepStatus.IN_PROGRESS if finish is None else StepStatus.DONE,
                    actual_start=self.date(begun),
                    actual_finish=self.date(finish) if finish is not None else None,
                )
                if finish is not None and node.kind == StepKind.PROCEDURE:
                    state.approval_number = self.approval_number(node.code, state.actual_finish, spec.government)
                plan.states[node.code] = state
            else:
                plan.states[node.code] = StepState(StepStatus.NOT_STARTED)

        # Dates of the project.
        if start_n is not None:
            plan.actual_start = self.date(start_n)
            plan.stage = Stage.CONSTRUCTION
            if profile == BUILDING:
                plan.planned_start = plan.actual_start + dt.timedelta(days=rng.randint(-25, 20))
            else:
                plan.planned_start = plan.actual_start - dt.timedelta(days=rng.randint(0, 30))
        elif profile == CONCEIVED:
            plan.stage = Stage.CONCEIVED
        else:
            earliest = self.earliest_start(nodes, preds, plan.states, target)
            if profile == AHEAD:
                slack = rng.randint(15, 80)
            elif profile == TIGHT:
                slack = rng.randint(0, 9)
            elif profile == RESERVE:
                slack = rng.randint(60, 150)
            elif passed:  # late, and the planned start has already gone by unstarted
                planned = self.number(self.today - dt.timedelta(days=rng.randint(7, 60)))
                slack = min(planned - earliest, -3)
            else:
                slack = -rng.randint(3, 45)
            planned = earliest + slack
            if profile in (AHEAD, TIGHT, LATE):
                # One of the year's planned starts: planned within the year, even when that is out of reach now.
                planned = min(planned, self.year_last_n)
            plan.planned_start = self.date(planned)
            if profile == RESERVE:
                plan.stage = Stage.RESERVE
        if plan.planned_start is not None:
            months = rng.randint(36, 60) if spec.investment >= YI else rng.randint(12, 30)
            plan.planned_completion = plan.planned_start + dt.timedelta(days=round(months * 30.4))

        # A national project code, once the project is filed or its proposal approved.
        filed = next((plan.states[c] for c in ("filing", "proposal") if c in plan.states), None)
        serial = f"{rng.randint(0, 99999):05d}{rng.choice('0123456789ABCDEFGHJKLMNPQRTUWXY')}"
        if spec.code and filed is not None and filed.status == StepStatus.DONE:
            code = "{:%y%m}-{}-{}-{}-{}".format(
                filed.actual_finish,
                self.division,
                {IND: "04", AGR: "01", INFRA: "02", PUB: "05", TOUR: "06", RE: "07"}.get(spec.category, "08"),
                "01" if spec.government else "03",
                serial,
            )
            validate_project_code(code)
            if code not in self.codes:
                self.codes.add(code)
                plan.code = code

        # Money: what was done before this year, this year's plan, and where it comes from.
        total = spec.investment
        share_before = rng.uniform(0.35, 0.6)
        if profile == CONTINUING:
            plan.investment_done_before = _round(total * share_before)
        share = rng.uniform(0.0, 1.0)
        if profile == CONTINUING:
            plan.plan_amount = _round(total * (0.2 + 0.15 * share))
        elif profile == BUILDING:
            plan.plan_amount = _round(total * ((0.08 + 0.07 * share) if total >= YI else (0.15 + 0.15 * share)))
        elif profile in (AHEAD, TIGHT, LATE):
            this_year = plan.planned_start.year <= self.today.year
            plan.plan_amount = _round(total * ((0.1 + 0.15 * share) if this_year else (0.02 + 0.04 * share)))
        plan.funding = self.funding(spec, profile)

        centre = AREA_CENTRES.get(spec.area, (44.03, 125.36))
        plan.latitude = Decimal(str(round(centre[0] + rng.uniform(-0.012, 0.012), 6)))
        plan.longitude = Decimal(str(round(centre[1] + rng.uniform(-0.015, 0.015), 6)))
        return plan

    def earliest_start(self, nodes, preds, states: dict[str, StepState], target: str) -> int:
        """The working-day number of the earliest date 开工 can be reached, as the schedule computes it."""
        ids = {node.code: i for i, node in enumerate(nodes, start=1)}
        inputs = [
            scheduling.StepInput(
                id=ids[node.code],
                name=node.name,
                duration_days=node.duration,
                status=states[node.code].status,
                predecessors=tuple((ids[p], 0) for p in node.preds),
                actual_start=states[node.code].actual_start,
                actual_finish=states[node.code].actual_finish,
            )
            for node in nodes
        ]
        schedule = scheduling.compute_schedule(inputs, self.today, self.cal)
        return self.number(schedule.steps[ids[target]].early_finish)

    def approval_number(self, code: str, finish: dt.date, government: bool) -> str:
        year = finish.year
        prefix = {
            "filing": "发改备",
            "proposal": "发改审批",
            "feasibility": "发改审批",
            "preliminary_design": "发改审批",
            "approval": "发改核准",
            "expropriation": "征收",
            "land_supply": "自然资划拨" if government else "自然资出让",
            "eia": "环审",
            "energy_review": "发改能审",
            "drawing_review": "施审",
            "acceptance": "建竣备",
        }.get(code, code)
        key = (prefix, year)
        self.counters[key] = self.counters.get(key, self.rng.randint(3, 15)) + self.rng.randint(1, 4)
        n = self.counters[key]
        if code == "land_pre_review":
            return f"用字第{self.division}{year}{n:05d}号"
        if code == "land_planning_permit":
            return f"地字第{self.division}{year}{n:05d}号"
        if code == "engineering_planning_permit":
            return f"建字第{self.division}{year}{n:05d}号"
        if code == "property_certificate":
            return f"吉（{year}）长春市不动产权第{n + 41000:07d}号"
        if code == "construction_permit":
            return f"{self.division}{finish:%Y%m%d}{n % 100:02d}01"
        return f"长经开{prefix}〔{year}〕{n}号"

    def funding(self, spec: Spec, profile: str) -> list[tuple[str, str | None, Decimal, str]]:
        """(kind, organisation name, amount, note) rows adding up to the total investment."""
        rng = self.rng
        total = spec.investment
        a, b, c = rng.uniform(0, 1), rng.uniform(0, 1), rng.uniform(0, 1)
        if profile == CONCEIVED or c < 0.1:
            return []  # 资金尚未落位
        year = self.today.year
        if spec.government:
            bond_note = (
                f"{year}年新增地方政府专项债券" if profile in (CONTINUING, BUILDING, AHEAD) else "专项债券申报中"
            )
            if "供水" in spec.name or "污水" in spec.name or "管廊" in spec.name:
                parts = [
                    (FundingKind.CENTRAL_BUDGET, None, 0.1 + 0.1 * a, "中央预算内投资"),
                    (FundingKind.SPECIAL_BOND, None, 0.4 + 0.2 * b, bond_note),
                    (FundingKind.PLATFORM, spec.owner_name, None, "平台公司自筹及融资"),
                ]
            elif b < 0.6:
                parts = [
                    (FundingKind.FISCAL, None, 0.15 + 0.15 * a, "开发区本级财政资金"),
                    (FundingKind.SPECIAL_BOND, None, 0.35 + 0.25 * b, bond_note),
                    (FundingKind.PLATFORM, spec.owner_name, None, "平台公司自筹"),
                ]
            else:
                parts = [
                    (FundingKind.FISCAL, None, 0.1 + 0.1 * a, "开发区本级财政资金"),
                    (FundingKind.PLATFORM, spec.owner_name, 0.3 + 0.1 * b, "平台公司自筹"),
                    (FundingKind.BANK_LOAN, None, None, "国家开发银行吉林省分行政策性贷款"),
                ]
        elif a < 0.7:
            parts = [
                (FundingKind.SOCIAL, spec.owner_name, 0.45 + 0.25 * b, "企业自有资金"),
                (FundingKind.BANK_LOAN, None, None, "银行项目贷款"),
            ]
        else:
            parts = [(FundingKind.SOCIAL, spec.owner_name, None, "企业自有资金")]
        rows, used = [], Decimal(0)
        for kind, organisation, fraction, note in parts:
            amount = Decimal(total) - used if fraction is None else _round(total * fraction)
            used += amount
            rows.append((kind, organisation, amount, note))
        return rows


def _round(value: float) -> Decimal:
    """An amount in 万元, rounded as ledgers round them: to 10 万元, or 100 from 1 亿元."""
    step = 100 if value >= 10_000 else 10
    return Decimal(max(step, round(value / step) * step))


def _credit_code(rng: random.Random, division: str) -> str:
    """A unified social credit code: 9 (工商) 1 (企业), division, organisation code with its check, check."""
    digits = [rng.randint(0, 9) for _ in range(8)]
    check = 11 - sum(d * w for d, w in zip(digits, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    org_code = "".join(map(str, digits)) + {10: "X", 11: "0"}.get(check, str(check))
    body = f"91{division}{org_code}"
    return body + uscc.calc_check_digit(body)


def _short_name(name: str) -> str:
    short = name
    for prefix in ("吉林省", "吉林", "长春"):
        if short.startswith(prefix) and len(short) > len(prefix) + 4:
            short = short[len(prefix) :]
            break
    for suffix in ("股份有限公司", "集团有限公司", "有限责任公司", "有限公司", "公司"):
        if short.endswith(suffix):
            return short[: -len(suffix)]
    return short


# --- writing --------------------------------------------------------------------------------------


def _upsert(model, lookup: dict, values: dict):
    """Get by `lookup` or create; save only the values that differ (so a second run writes nothing)."""
    obj = model.objects.filter(**lookup).order_by("pk").first()
    if obj is None:
        obj = model(**lookup, **values)
        obj._change_reason = REASON
        obj.save()
        return obj, True
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj._change_reason = REASON
        obj.save()
    return obj, False


def _people(departments: dict[str, Department]) -> tuple[dict[str, Person], dict[str, list[Person]]]:
    office = departments.get("党政办公室")
    leaders = {}
    for name, title in LEADERS:
        leaders[name], _ = _upsert(Person, {"name": name}, {"title": title, "department": office})
    officers: dict[str, list[Person]] = {}
    serial = 0
    for department, people in OFFICERS.items():
        for name, title in people:
            serial += 1
            person, _ = _upsert(
                Person,
                {"name": name},
                {"title": title, "department": departments.get(department), "phone": f"1394310{serial:04d}"},
            )
            officers.setdefault(department, []).append(person)
    return leaders, officers


def _templates() -> dict[str, ScheduleTemplate]:
    from .catalogue import TEMPLATES

    result = {}
    for name, (kind, _description, _steps) in TEMPLATES.items():
        result[kind] = (
            ScheduleTemplate.objects.filter(name=name).first()
            or ScheduleTemplate.objects.filter(kind=kind).order_by("pk").first()
        )
    return result


def _apply_progress(project: Project, plan: Plan) -> None:
    """Lay the template on a project without steps, then set its steps as planned and start it if due."""
    steps = project_apply_template(project=project, template=plan.template)
    for step in steps:
        state = plan.states.get(step.procedure_type.code if step.procedure_type else "")
        if state is None or state.status == StepStatus.NOT_STARTED:
            continue
        if step.procedure_type.code == "start" and plan.stage == Stage.CONSTRUCTION:
            continue  # reached by project_change_stage on the actual start date
        step.status = state.status
        step.actual_start = state.actual_start
        step.actual_finish = state.actual_finish
        step.approval_number = state.approval_number
        step._change_reason = REASON
        step_save(step=step, recompute=False)
    if plan.stage == Stage.CONSTRUCTION and project.stage == Stage.PREPARATION:
        project_change_stage(
            project=project, stage=Stage.CONSTRUCTION, actual_start=plan.actual_start, reason="开工建设"
        )


@transaction.atomic
def seed_projects() -> dict:
    """Load the demo registry; safe to run again (nothing is duplicated, existing records are left as they are)."""
    rng = random.Random(SEED)
    today = timezone.localdate()
    zone = Zone.current()
    division = zone.division_code if zone else "220105"
    areas = {area.name: area for area in Area.objects.all()}
    departments = {department.name: department for department in Department.objects.all()}
    people = {person.name: person for person in Person.objects.filter(name__in=[LIMING, SUNHAO, WANGJIANGUO])}
    leaders, officers = _people(departments)
    people.update(leaders)
    templates = _templates()
    planner = Planner(rng, today, templates, division)

    # Owners: enterprises are created as needed; a few get a credit code.
    owners: dict[str, Organisation] = {}
    credit = {spec.owner_name: _credit_code(rng, division) for spec in PROJECTS if spec.credit}
    for spec in PROJECTS:
        name = spec.owner_name
        if name in owners:
            continue
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is None:
            organisation = Organisation(name=name, short_name=_short_name(name), kind=OrganisationKind.ENTERPRISE)
            organisation._change_reason = REASON
            organisation.save()
        code = credit.get(name)
        if code and not organisation.credit_code and not Organisation.objects.filter(credit_code=code).exists():
            organisation.credit_code = code
            organisation._change_reason = REASON
            organisation.save()
        owners[name] = organisation

    # 包保: explicit where the spec says, else leaders in turn and the department's officers in turn.
    leader_cycle = [leaders[name] for name, _title in LEADERS]
    leader_turn = 0
    officer_turn: dict[str, int] = {}
    existing_codes = set(Project.objects.exclude(code=None).values_list("code", flat=True))

    for spec in PROJECTS:
        plan = planner.plan(spec)  # drawn for every spec on every run: the stream stays the same
        if spec.leader:
            leader = people.get(spec.leader)
        else:
            leader = leader_cycle[leader_turn % len(leader_cycle)]
            leader_turn += 1
        if spec.officer:
            officer = people.get(spec.officer)
        else:
            pool = officers.get(spec.department) or [p for group in officers.values() for p in group]
            officer = pool[officer_turn.get(spec.department, 0) % len(pool)]
            officer_turn[spec.department] = officer_turn.get(spec.department, 0) + 1

        static = {
            "category": spec.category,
            "construction_type": ConstructionType.CONTINUING if spec.profile == CONTINUING else ConstructionType.NEW,
            "area": areas.get(spec.area),
            "owner": owners[spec.owner_name],
            "scope": spec.scope,
            "total_investment": Decimal(spec.investment),
            "responsible_leader": leader,
            "responsible_officer": officer,
            "responsible_department": departments.get(spec.department),
            "latitude": plan.latitude,
            "longitude": plan.longitude,
        }
        project = Project.objects.filter(name=spec.name).order_by("pk").first()
        if project is None:
            project = Project(
                name=spec.name,
                **static,
                stage=Stage.PREPARATION if plan.stage == Stage.CONSTRUCTION else plan.stage,
                code=plan.code if plan.code not in existing_codes else None,
                planned_start=plan.planned_start,
                planned_completion=plan.planned_completion,
                statistics_date=plan.statistics_date,
                investment_done_before=plan.investment_done_before,
            )
            project._change_reason = REASON
            project.full_clean()
            project.save()
        else:
            changed = [name for name, value in static.items() if getattr(project, name) != value]
            if changed:
                for name in changed:
                    setattr(project, name, static[name])
                project._change_reason = REASON
                project.save()

        if not project.steps.exists():
            _apply_progress(project, plan)
        if plan.plan_amount is not None and not project.plans.filter(year=today.year).exists():
            investment_plan = InvestmentPlan(project=project, year=today.year, amount=plan.plan_amount)
            investment_plan._change_reason = REASON
            investment_plan.save()
        if plan.funding and not project.funding.exists():
            for kind, organisation, amount, note in plan.funding:
                source = FundingSource(
                    project=project,
                    kind=kind,
                    organisation=owners.get(organisation) if organisation else None,
                    amount=amount,
                    note=note,
                )
                source._change_reason = REASON
                source.save()

    portfolio_recompute_schedules()
    projects = Project.objects.all()
    return {
        "projects": projects.count(),
        "yi": projects.filter(total_investment__gte=YI).count(),
        "steps": Step.objects.count(),
        "infeasible": projects.filter(schedule_feasible=False).count(),
    }
