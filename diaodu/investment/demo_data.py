"""The investment demo's data: the bureau's officers, the companies (named and generated), headquarters moves and the
leads with their stages and dates (relative to today). `demo.py` writes them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from stdnum.cn import uscc

from diaodu.core import workdays

from .choices import HeadquartersStatus, LeadSource, LeadStage
from .models import (
    HEADQUARTERS_BUILDING,
)

REASON = "演示数据"
DEMO_PASSWORD = "Diaodu@2026"
LOGIN = ("zhaoshang", "田野")
BUREAU = "投资促进局"
TARGET = Decimal(500_000)  # 50 亿元 of signed investment this year
TARGET_COUNT = 12
TARGET_NOTE = "年度工作报告：加大招商力度，坚持以商招商、产业链招商，大力发展总部经济"
RESIDENT_2020 = 116  # the speech: 116 enterprises in the zone in 2020

# 招商 officers: the 投资促进局's (as the registry's demo names them) and 孙浩, the demo officer login.
TIANYE, FENGXUE, DENGYUHANG, SUNHAO = "田野", "冯雪", "邓宇航", "孙浩"
OFFICERS = {
    TIANYE: "投资促进局招商一科科长",
    FENGXUE: "投资促进局科员",
    DENGYUHANG: "投资促进局科员",
}

JIE, NONG, KANG, WEN = "洁净工业园", "现代农业产业园", "休闲康养产业园", "文化旅游产业园"
KUAI, XIN, DU = "快速路经济发展带", "康养新城", "都市圈城镇发展带"
EQUIP, PHARMA, HEALTH, AGRI, ENERGY, TRADE = "装备制造", "医药健康", "文旅康养", "现代农业", "新能源", "商贸物流"


@dataclass(frozen=True)
class DemoCompany:
    name: str
    industry: str
    area: str | None
    registered_in: str = "吉林省长春市"
    resident_since: str | None = None  # ISO date
    resident_until: str | None = None
    contact: tuple[str, str] = ("", "")


C = DemoCompany
# Enterprises of the registry (owners of demo projects) and the companies of the leads below.
NAMED = [
    C("吉林奢爱良蔬农业科技有限公司", "A", NONG, resident_since="2016-05-18", contact=("曲良", "13604310518")),
    C("吉林华康药业股份有限公司", "C", JIE, resident_since="2014-09-02", contact=("付建华", "13944051210")),
    C("长春博远生物制品有限公司", "C", JIE, resident_since="2017-03-20"),
    C("吉林精诚汽车零部件有限公司", "C", JIE, resident_since="2015-06-11"),
    C("吉林恒信精密铸造有限公司", "C", JIE, resident_since="2012-04-26"),
    C("吉林丰禾农业装备有限公司", "C", JIE, resident_since="2018-08-08"),
    C("吉林康洁医用材料有限公司", "C", JIE, resident_since="2020-03-16"),
    C("吉林北方建筑科技集团有限公司", "E", JIE, resident_since="2019-07-01"),
    C("吉林金桥包装材料有限公司", "C", JIE, resident_since="2013-10-15"),
    C("吉林瑞康医药物流有限公司", "G", JIE, resident_since="2019-11-05"),
    C("吉林禾丰现代农业发展有限公司", "A", NONG, resident_since="2017-04-12"),
    C("吉林金穗食品有限公司", "C", NONG, resident_since="2016-09-19"),
    C("吉林鹿鸣生物科技有限公司", "A", NONG, resident_since="2018-05-30"),
    C("吉林北方农产品物流有限公司", "G", NONG, resident_since="2020-06-22"),
    C("吉林森源菌业有限公司", "A", NONG, resident_since="2015-03-09"),
    C("吉林万润房地产开发有限公司", "K", DU, resident_since="2011-08-16"),
    C("吉林康泰医疗管理有限公司", "Q", KANG, resident_since="2019-12-02"),
    C("吉林本草堂健康产业有限公司", "C", KANG, resident_since="2020-08-28"),
    C("吉林颐和康养产业有限公司", "Q", KANG, resident_since="2019-06-18"),
    C("吉林启航研学教育科技有限公司", "P", WEN, resident_since="2021-04-06"),
    C("长春中科光电仪器有限公司", "C", JIE, resident_since="2021-09-13"),
    C("吉林云谷数据科技有限公司", "I", KUAI, resident_since="2022-05-10"),
    C("吉林同辉冷链物流有限公司", "G", KUAI, resident_since="2021-11-29"),
    C("长春拓驰新能源装备有限公司", "C", JIE, resident_since="2024-03-18"),
    C("长春影都文化产业发展有限公司", "R", WEN, resident_since="2025-05-20"),
    C("吉林东润经贸集团有限公司", "F", KUAI, resident_since="2023-02-14"),
    # Courted: not (yet) resident.
    C("吉林省吉通机械制造有限公司", "C", JIE, "吉林省吉林市", contact=("吉通办", "0432-62015888")),
    C("吉林铸诚门业有限公司", "C", JIE, "吉林省四平市", contact=("白诚", "13843406622")),
    C("吉林同仁众合医疗科技有限公司", "C", JIE, "吉林省长春市", contact=("任众", "13756012345")),
    C("吉林盛邦农机装备有限公司", "C", None, "吉林省松原市"),
    C("天津康运医药物流有限公司", "G", None, "天津市"),
    C("上海瑞和健康产业集团有限公司", "Q", None, "上海市"),
    C("浙江汇宇电子科技有限公司", "C", None, "浙江省宁波市"),
    C("辽宁鲜味食品集团有限公司", "C", None, "辽宁省沈阳市"),
    C("深圳云启跨境电商有限公司", "F", None, "广东省深圳市"),
    C("江苏康宁医疗用品有限公司", "C", None, "江苏省常州市"),
    C("江苏天衡风电科技有限公司", "C", None, "江苏省盐城市"),
    C("山东鲁康中药有限公司", "C", None, "山东省济南市"),
    C("河北雪峰运动装备有限公司", "C", None, "河北省张家口市"),
    C("北京幻境数字科技有限公司", "I", None, "北京市"),
    C("吉林安达机械配件有限公司", "C", None, "吉林省长春市"),
    C("苏州博联生物材料有限公司", "C", None, "江苏省苏州市"),
    C("海南椰风酒店管理集团有限公司", "H", None, "海南省海口市"),
    C("山东寿光绿源温室工程有限公司", "E", None, "山东省潍坊市"),
    C("深圳储能时代科技有限公司", "C", None, "广东省深圳市"),
    C("吉林长白鹿业集团有限公司", "A", None, "吉林省通化市"),
    C("上海瑞迈医疗科技有限公司", "C", None, "上海市"),
    C("北京泰和康养产业集团有限公司", "Q", None, "北京市"),
    C("宁波恒驰汽车部件有限公司", "C", None, "浙江省宁波市"),
    C("吉林顺达冷链物流有限公司", "G", None, "吉林省长春市"),
    C("北京光年影视科技有限公司", "R", None, "北京市"),
    C("山东金耘农业装备有限公司", "C", None, "山东省潍坊市"),
    C("吉林参源堂药业有限公司", "C", None, "吉林省白山市"),
    C("江苏阳光新能科技有限公司", "C", None, "江苏省无锡市"),
    C("四川蜀香酒业有限公司", "C", None, "四川省宜宾市"),
    C("广州雅迅汽车内饰有限公司", "C", None, "广东省广州市"),
    C("长春盛世华联商贸集团有限公司", "F", None, "吉林省长春市"),
    C("吉林远航供应链管理集团有限公司", "L", None, "吉林省长春市"),
]  # fmt: skip

# Generated resident enterprises: a trade name of two characters and a business by industry section.
_FIRST = "恒鑫宏瑞盛嘉华永隆兴泰达润丰远通信诚鼎锦"
_SECOND = "泰源达祥通昌宇晟和安康宁业发辰峰洋航邦远"
_BUSINESS = [
    ("C", "机械制造有限公司", JIE), ("C", "精密机械有限公司", JIE), ("C", "汽车零部件有限公司", JIE),
    ("A", "生态农业有限公司", NONG), ("C", "食品有限公司", NONG), ("C", "药业有限公司", JIE),
    ("C", "新材料有限公司", JIE), ("G", "物流有限公司", KUAI), ("F", "商贸有限公司", XIN),
    ("C", "医疗器械有限公司", JIE), ("E", "建筑工程有限公司", DU), ("I", "信息技术有限公司", KUAI),
    ("C", "电子科技有限公司", JIE), ("A", "牧业有限公司", NONG), ("L", "企业管理咨询有限公司", XIN),
    ("H", "酒店管理有限公司", WEN), ("M", "检测技术有限公司", JIE), ("Q", "健康管理有限公司", KANG),
    ("C", "包装制品有限公司", JIE), ("R", "文化传媒有限公司", WEN),
]  # fmt: skip
GENERATED_BY_2020 = 99  # of which 2 moved out before the end of 2020: 97 + 19 named = 116
GENERATED_SINCE = 14
MOVED_OUT = {3: "2019-06-30", 41: "2020-10-31", 57: "2023-08-31"}  # generated index → 迁出日期


def _trade_names(taken: set[str]) -> list[str]:
    """Distinct two-character trade names in a fixed order, none a doubled character or already taken."""
    names = []
    for k in range(len(_FIRST) * len(_SECOND)):
        first, second = _FIRST[k % 20], _SECOND[(7 * (k % 20) + k // 20) % 20]
        name = first + second
        if first != second and name not in taken:
            names.append(name)
    return names


def generated_companies(today: dt.date) -> list[DemoCompany]:
    taken = {spec.name[2:4] for spec in NAMED} | {"精诚", "恒信", "金桥", "禾丰", "金穗", "同辉", "云谷"}
    names = _trade_names(taken)
    start, end = dt.date(2008, 3, 1), dt.date(2020, 11, 30)
    later_start = dt.date(2021, 1, 15)
    later_end = max(today - dt.timedelta(days=30), later_start)
    result = []
    for index in range(GENERATED_BY_2020 + GENERATED_SINCE):
        section, business, area = _BUSINESS[index % len(_BUSINESS)]
        prefix = "长春" if index % 3 == 0 else "吉林"
        if index < GENERATED_BY_2020:
            since = start + (end - start) * index / (GENERATED_BY_2020 - 1)
        else:
            step = index - GENERATED_BY_2020
            since = later_start + (later_end - later_start) * step / (GENERATED_SINCE - 1)
        result.append(
            C(
                f"{prefix}{names[index]}{business}",
                section,
                area,
                resident_since=since.isoformat(),
                resident_until=MOVED_OUT.get(index),
            )
        )
    return result


def demo_credit_code(serial: int, division: str) -> str:
    """A unified social credit code made from a serial: 9 1, the division, an organisation code, the check."""
    digits = [int(char) for char in f"{(serial * 7_919 + 26_017) % 10**8:08d}"]
    check = 11 - sum(d * w for d, w in zip(digits, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    org_code = "".join(map(str, digits)) + {10: "X", 11: "0"}.get(check, str(check))
    body = f"91{division}{org_code}"
    return body + uscc.calc_check_digit(body)


def demo_short_name(name: str) -> str:
    short = name
    for prefix in ("吉林省", "吉林", "长春", "上海", "北京", "天津", "深圳", "广州"):
        if short.startswith(prefix) and len(short) > len(prefix) + 4:
            short = short[len(prefix) :]
            break
    for suffix in ("股份有限公司", "集团有限公司", "有限责任公司", "有限公司"):
        if short.endswith(suffix):
            return short[: -len(suffix)]
    return short


# --- headquarters ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoMove:
    company: str
    status: str
    agreed: tuple[int, int, int] | None = None  # (years back, month, day)
    registered: tuple[int, int, int] | None = None
    floor_area: str | None = None
    floors: str = ""
    building: str = HEADQUARTERS_BUILDING
    officer: str = TIANYE
    note: str = ""


NEG, AGREED, MOVED = HeadquartersStatus.NEGOTIATING, HeadquartersStatus.AGREED, HeadquartersStatus.MOVED
MOVES = [
    DemoMove("吉林省吉通机械制造有限公司", AGREED, (1, 11, 18), None, "2400", "18–19层", officer=SUNHAO,
             note="已签订总部入驻协议，总部经济大楼建成后迁入；过渡期在康养新城商务中心办公"),
    DemoMove("吉林铸诚门业有限公司", AGREED, (1, 12, 6), None, "1200", "20层", officer=SUNHAO,
             note="已签订总部入驻协议，销售及结算中心先行注册"),
    DemoMove("吉林同仁众合医疗科技有限公司", NEG, None, None, "1500", "", note="洽谈总部及研发中心整体迁入"),
    DemoMove("长春中科光电仪器有限公司", NEG, None, None, "800", "", officer=SUNHAO, note="洽谈研发总部迁入"),
    DemoMove("长春盛世华联商贸集团有限公司", NEG, None, None, "2000", "", officer=DENGYUHANG,
             note="洽谈集团总部及结算中心迁入"),
    DemoMove("吉林远航供应链管理集团有限公司", NEG, None, None, "1000", "", officer=FENGXUE,
             note="洽谈供应链结算总部落户"),
    DemoMove("吉林北方建筑科技集团有限公司", MOVED, (3, 5, 10), (3, 9, 1), "1800", "8–9层", "康养新城商务中心",
             note="集团总部已注册并迁入"),
    DemoMove("吉林云谷数据科技有限公司", MOVED, (4, 3, 20), (4, 5, 10), "900", "12层", "康养新城商务中心",
             officer=FENGXUE, note="区域总部已注册并迁入"),
]  # fmt: skip


# --- leads ----------------------------------------------------------------------------------------

# A day is given as: an int, working days before today; a float, that fraction of this year so far; or
# (years back, month, day), a day of an earlier year.
Day = int | float | tuple[int, int, int]


@dataclass(frozen=True)
class DemoLead:
    title: str
    company: str
    source: str
    chain: str | None
    investment: int  # 万元
    park: str | None
    officer: str
    stage: str
    received: Day
    description: str
    referrer: str | None = None
    source_detail: str = ""
    land_ha: str | None = None
    since: Day | None = None  # the day the current stage was reached (default: as `received`)
    signed: Day | None = None  # signing day of a lead past 签约 (default: `since`)
    assessed: int | None = None  # working days after coming in (None: not yet)
    feedback: int | None = None
    reported: int | None = None  # working days before today of the last progress report (None: none)
    project: str | None = None  # the registry's project it became
    lost_reason: str = ""
    next_action: str = ""
    next_due: int | None = None  # working days after today


L = DemoLead
REF, CHAIN, EXPO, OFFICE, ONLINE, OTHER = (
    LeadSource.REFERRAL, LeadSource.INDUSTRY_CHAIN, LeadSource.EXPO, LeadSource.RESIDENT_OFFICE, LeadSource.ONLINE,
    LeadSource.OTHER,
)  # fmt: skip
S = LeadStage
LEADS = [
    # --- 线索 -------------------------------------------------------------------------------------
    L("盛邦农机智能装备生产基地", "吉林盛邦农机装备有限公司", REF, EQUIP, 8_000, JIE, FENGXUE, S.LEAD, 3,
      "拟建设智能播种机、植保机械总装车间，年产农机装备3000台。", referrer="吉林丰禾农业装备有限公司",
      land_ha="6.0000", next_action="电话对接企业负责人，了解用地和配套需求", next_due=3),
    L("医药冷链分拨中心", "天津康运医药物流有限公司", ONLINE, TRADE, 8_000, KUAI, DENGYUHANG, S.LEAD, 2,
      "拟建设医药冷链分拨中心及区域配送网络。", source_detail="开发区投资热线", land_ha="3.0000",
      next_action="发送园区物流用地资料", next_due=2),
    L("瑞和大健康产业园", "上海瑞和健康产业集团有限公司", OFFICE, HEALTH, 120_000, KANG, TIANYE, S.LEAD, 2,
      "拟建设健康管理中心、康复医院及康养社区，分两期实施。", source_detail="驻上海招商联络处",
      land_ha="45.0000", next_action="组织研判并报分管领导", next_due=1),
    L("智能网联汽车线束项目", "浙江汇宇电子科技有限公司", EXPO, EQUIP, 15_000, JIE, FENGXUE, S.LEAD, 6,
      "为一汽配套智能网联汽车线束，年产线束200万套。", source_detail="中国（长春）国际汽车博览会",
      land_ha="5.0000", assessed=2, feedback=4, next_action="约请企业来区考察", next_due=5),
    L("鲜味预制菜中央厨房项目", "辽宁鲜味食品集团有限公司", REF, AGRI, 26_000, NONG, DENGYUHANG, S.LEAD, 8,
      "依托奢爱良蔬蔬菜基地建设预制菜中央厨房及冷链配送中心。", referrer="吉林奢爱良蔬农业科技有限公司",
      land_ha="8.0000", next_action="组织研判", next_due=0),
    L("跨境电商产业园", "深圳云启跨境电商有限公司", ONLINE, TRADE, 9_000, KUAI, DENGYUHANG, S.LEAD, 1,
      "拟建设跨境电商直播基地、海外仓及孵化中心。", source_detail="招商网站留言"),
    # --- 接洽 -------------------------------------------------------------------------------------
    L("高端医用敷料生产项目", "江苏康宁医疗用品有限公司", REF, PHARMA, 12_000, JIE, FENGXUE, S.CONTACTED, 20,
      "建设医用敷料、功能性敷料生产线6条。", referrer="吉林康洁医用材料有限公司", land_ha="4.5000", since=15,
      assessed=2, feedback=4, reported=3, next_action="邀请企业来区实地考察", next_due=8),
    L("风电叶片制造项目", "江苏天衡风电科技有限公司", CHAIN, ENERGY, 46_000, JIE, TIANYE, S.CONTACTED, 25,
      "为拓驰新能源风电塔筒配套，建设风电叶片生产基地，年产叶片600片。", source_detail="新能源产业链延链补链",
      land_ha="20.0000", since=18, assessed=3, feedback=5, reported=14,
      next_action="向分管领导报告接洽进展", next_due=0),
    L("中药配方颗粒生产线", "山东鲁康中药有限公司", CHAIN, PHARMA, 9_800, JIE, FENGXUE, S.CONTACTED, 14,
      "建设中药配方颗粒生产线及中药材仓储中心。", source_detail="医药健康产业链", since=9,
      next_action="提供标准厂房租赁方案", next_due=4),
    L("冰雪运动装备制造项目", "河北雪峰运动装备有限公司", EXPO, EQUIP, 7_500, JIE, DENGYUHANG, S.CONTACTED, 11,
      "生产滑雪板、雪具及冰雪场馆设备。", source_detail="中国国际冰雪产业博览会", since=7,
      next_action="对接标准厂房", next_due=6),
    L("数字文旅体验中心", "北京幻境数字科技有限公司", OFFICE, HEALTH, 16_000, WEN, TIANYE, S.CONTACTED, 12,
      "建设沉浸式数字文旅体验馆及XR内容制作中心。", source_detail="驻北京招商联络处", land_ha="3.2000",
      since=8, assessed=2, feedback=7, reported=2, next_action="组织企业考察文化旅游产业园", next_due=5),
    L("农机具零部件配套项目", "吉林安达机械配件有限公司", REF, EQUIP, 5_200, JIE, SUNHAO, S.CONTACTED, 16,
      "为区内整机企业配套齿轮箱、传动轴等零部件。", referrer="吉林精诚汽车零部件有限公司", since=10,
      next_action="协调标准厂房", next_due=10),
    # --- 考察 -------------------------------------------------------------------------------------
    L("同仁众合总部及研发中心", "吉林同仁众合医疗科技有限公司", OTHER, PHARMA, 30_000, KUAI, TIANYE, S.VISITED, 40,
      "同仁众合集团总部、研发中心及结算中心整体迁入总部经济大楼。", source_detail="总部经济", since=12,
      assessed=1, feedback=4, reported=4, next_action="报送总部入驻扶持政策方案", next_due=7),
    L("生物疫苗配套耗材项目", "苏州博联生物材料有限公司", REF, PHARMA, 22_000, JIE, FENGXUE, S.VISITED, 30,
      "为博远生物疫苗生产配套预灌封注射器、培养基等耗材。", referrer="长春博远生物制品有限公司",
      land_ha="6.8000", since=20, assessed=2, next_action="向企业反馈研判意见", next_due=0),
    L("温泉康养度假酒店", "海南椰风酒店管理集团有限公司", EXPO, HEALTH, 38_000, KANG, TIANYE, S.VISITED, 35,
      "建设温泉康养度假酒店及疗养中心，客房400间。", source_detail="中国—东北亚博览会", land_ha="12.0000",
      since=14, assessed=2, feedback=5, reported=5, next_action="商谈用地条件", next_due=9),
    L("设施农业智能装备项目", "山东寿光绿源温室工程有限公司", REF, AGRI, 6_800, NONG, DENGYUHANG, S.VISITED, 24,
      "建设智能温室骨架及水肥一体化设备生产线。", referrer="吉林禾丰现代农业发展有限公司", since=11,
      next_action="测算用地指标", next_due=5),
    L("锂电储能系统集成项目", "深圳储能时代科技有限公司", CHAIN, ENERGY, 52_000, JIE, SUNHAO, S.VISITED, 28,
      "建设储能电池模组及储能系统集成生产线，年产2吉瓦时。", source_detail="新能源产业链", land_ha="18.0000",
      since=9, assessed=3, feedback=5, reported=6, next_action="组织第二轮考察", next_due=8),
    L("鹿产品精深加工项目", "吉林长白鹿业集团有限公司", REF, AGRI, 8_600, NONG, FENGXUE, S.VISITED, 26,
      "建设鹿茸、鹿血精深加工车间及鹿产品交易中心。", referrer="吉林鹿鸣生物科技有限公司", since=13,
      next_action="对接鹿鸣产业园用地", next_due=6),
    # --- 洽谈 -------------------------------------------------------------------------------------
    L("奢爱良蔬净菜加工二期", "吉林奢爱良蔬农业科技有限公司", OTHER, AGRI, 18_000, NONG, DENGYUHANG,
      S.NEGOTIATING, 45, "奢爱良蔬增资扩产，建设净菜加工及中央厨房二期，年加工蔬菜3万吨。",
      source_detail="在区企业增资扩产", land_ha="5.5000", since=20, assessed=2, feedback=5, reported=12,
      next_action="报告洽谈进展，协调二期用地", next_due=0),
    L("医疗器械CDMO平台", "上海瑞迈医疗科技有限公司", OFFICE, PHARMA, 65_000, JIE, TIANYE, S.NEGOTIATING, 50,
      "建设医疗器械研发生产外包平台及洁净厂房8万平方米。", source_detail="驻上海招商联络处", land_ha="16.0000",
      since=18, assessed=2, feedback=4, reported=3, next_action="起草投资协议", next_due=10),
    L("泰和康养旅居综合体", "北京泰和康养产业集团有限公司", REF, HEALTH, 150_000, KANG, TIANYE,
      S.NEGOTIATING, 60, "建设康养旅居社区、医养结合中心及温泉疗养设施，分三期实施。",
      referrer="吉林颐和康养产业有限公司", land_ha="68.0000", since=22, assessed=1, feedback=3, reported=2,
      next_action="主要领导会见企业董事长", next_due=4),
    L("新能源汽车零部件产业园", "宁波恒驰汽车部件有限公司", CHAIN, EQUIP, 80_000, JIE, FENGXUE, S.NEGOTIATING, 55,
      "建设新能源汽车电驱壳体、轻量化底盘件生产基地。", source_detail="汽车零部件产业链", land_ha="30.0000",
      since=16, assessed=4, feedback=6, reported=11, next_action="报告洽谈进展", next_due=0),
    L("冷链物流智慧园区", "吉林顺达冷链物流有限公司", ONLINE, TRADE, 24_000, KUAI, DENGYUHANG, S.NEGOTIATING, 38,
      "建设冷库8万吨、冷链分拣中心及冷链车辆智能调度平台。", source_detail="招商网站", land_ha="10.0000",
      since=15, assessed=2, feedback=5, reported=4, next_action="商谈土地出让条件", next_due=6),
    L("影视后期制作基地", "北京光年影视科技有限公司", EXPO, HEALTH, 12_000, WEN, TIANYE, S.NEGOTIATING, 42,
      "建设影视后期制作、数字特效及影视人才实训基地。", source_detail="北京国际电影节", since=17, assessed=3,
      feedback=5, reported=5, next_action="对接影都基地场地", next_due=7),
    L("中科光电研发总部", "长春中科光电仪器有限公司", OTHER, EQUIP, 9_000, KUAI, SUNHAO, S.NEGOTIATING, 33,
      "研发总部迁入总部经济大楼，建设光电检测研发中心。", source_detail="总部经济", since=14,
      next_action="确定总部入驻面积", next_due=8),
    # --- 签约 -------------------------------------------------------------------------------------
    L("吉通机械总部及生产基地", "吉林省吉通机械制造有限公司", OTHER, EQUIP, 85_000, JIE, SUNHAO, S.SIGNED,
      (1, 8, 20), "总部迁入开发区，建设农机及工程机械零部件智能化生产基地和研发中心。",
      source_detail="总部经济", land_ha="21.0000", since=(1, 11, 18), assessed=1, feedback=3,
      project="吉通机械总部及生产基地", next_action="督促办理用地预审", next_due=10),
    L("铸诚门业智能制造项目", "吉林铸诚门业有限公司", CHAIN, EQUIP, 32_000, JIE, SUNHAO, S.SIGNED, (1, 9, 8),
      "建设防火门、安全门智能化生产线6条及总部办公楼。", source_detail="装备制造产业链（门业及建材装备）",
      land_ha="8.5000", since=(1, 12, 6), assessed=2, feedback=4, project="铸诚门业智能制造项目"),
    L("同仁众合医疗器械产业基地", "吉林同仁众合医疗科技有限公司", CHAIN, PHARMA, 28_000, JIE, TIANYE, S.SIGNED,
      (1, 10, 12), "建设医用耗材及康复器械生产车间、十万级洁净车间及研发中心。", source_detail="医药健康产业链",
      land_ha="7.0000", since=0.12, assessed=2, feedback=4, project="同仁众合医疗器械产业基地"),
    L("智能农机装备配套产业园", "山东金耘农业装备有限公司", REF, EQUIP, 36_000, JIE, FENGXUE, S.SIGNED, 0.55,
      "建设智能农机整机及关键零部件生产基地，为丰禾农机配套。", referrer="吉林丰禾农业装备有限公司",
      land_ha="15.0000", since=20, assessed=2, feedback=4, reported=4, next_action="报项目办转为重点项目",
      next_due=3),
    L("中药材种植加工一体化项目", "吉林参源堂药业有限公司", REF, PHARMA, 15_000, NONG, DENGYUHANG, S.SIGNED, 0.6,
      "建设人参、五味子种植基地及饮片加工车间。", referrer="吉林华康药业股份有限公司", land_ha="40.0000",
      since=25, assessed=1, feedback=3, reported=13, next_action="报告签约后进展", next_due=0),
    L("青少年研学营地二期", "吉林启航研学教育科技有限公司", OTHER, HEALTH, 6_000, WEN, TIANYE, S.SIGNED, 0.7,
      "扩建研学营地，新增科技探索馆及营地宿舍。", source_detail="在区企业增资扩产", since=12,
      next_action="办理项目备案", next_due=5),
    # --- 注册 -------------------------------------------------------------------------------------
    L("农产品加工物流园", "吉林北方农产品物流有限公司", REF, AGRI, 28_000, NONG, DENGYUHANG, S.REGISTERED,
      (1, 3, 15), "建设农产品加工车间、交易大厅、冷链仓储及电商物流中心。",
      referrer="吉林奢爱良蔬农业科技有限公司", since=(1, 9, 10), signed=(1, 6, 28), assessed=2, feedback=4,
      project="农产品加工物流园"),
    L("拓驰新能源装备制造项目", "长春拓驰新能源装备有限公司", CHAIN, ENERGY, 38_000, JIE, TIANYE, S.REGISTERED,
      (2, 10, 9), "建设风电塔筒、储能集装箱生产车间及总装测试中心。", source_detail="新能源产业链",
      since=(1, 3, 18), signed=(1, 1, 12), assessed=2, feedback=5, project="拓驰新能源装备制造项目"),
    L("影都影视文化产业基地", "长春影都文化产业发展有限公司", EXPO, HEALTH, 150_000, WEN, TIANYE, S.REGISTERED,
      (1, 4, 2), "建设影视摄影棚20座、影视外景街区、后期制作中心及影视主题酒店。",
      source_detail="中国—东北亚博览会", since=0.35, signed=0.08, assessed=1, feedback=3,
      project="影都影视文化产业基地"),
    L("北方建筑科技装配式构件基地", "吉林北方建筑科技集团有限公司", OTHER, EQUIP, 30_000, JIE, FENGXUE,
      S.REGISTERED, (1, 5, 6), "建设预制混凝土构件及钢结构生产线，总部同步迁入。", source_detail="在区企业增资扩产",
      since=0.2, signed=0.1, assessed=2, feedback=4, project="北方建筑科技装配式建筑构件生产基地"),
    # --- 开工 -------------------------------------------------------------------------------------
    L("康洁医用防护材料生产项目", "吉林康洁医用材料有限公司", REF, PHARMA, 12_000, JIE, FENGXUE, S.STARTED,
      (2, 6, 3), "建设医用无纺布、防护服生产车间及十万级洁净车间。", referrer="吉林华康药业股份有限公司",
      since=0.45, signed=(1, 10, 16), assessed=2, feedback=4, project="康洁医用防护材料生产项目"),
    L("瑞康医药物流配送中心", "吉林瑞康医药物流有限公司", ONLINE, TRADE, 16_800, JIE, DENGYUHANG, S.STARTED,
      (2, 4, 20), "建设医药阴凉库、冷库及自动化分拣中心。", source_detail="开发区投资热线", since=0.4,
      signed=(1, 11, 3), assessed=3, feedback=5, project="瑞康医药物流配送中心"),
    L("鹿鸣梅花鹿产业园", "吉林鹿鸣生物科技有限公司", EXPO, AGRI, 22_000, NONG, FENGXUE, S.STARTED, (2, 8, 25),
      "建设梅花鹿标准化养殖区、鹿产品精深加工车间及鹿文化展示中心。", source_detail="中国—东北亚博览会",
      since=0.5, signed=(1, 12, 20), assessed=2, feedback=4, project="鹿鸣梅花鹿产业园"),
    L("康泰康复医院", "吉林康泰医疗管理有限公司", OFFICE, HEALTH, 32_000, KANG, TIANYE, S.STARTED, (2, 3, 11),
      "二级康复专科医院，设置床位500张。", source_detail="驻北京招商联络处", since=0.3, signed=(1, 9, 26),
      assessed=1, feedback=4, project="康泰康复医院"),
    # --- 终止 -------------------------------------------------------------------------------------
    L("光伏组件生产项目", "江苏阳光新能科技有限公司", EXPO, ENERGY, 60_000, JIE, TIANYE, S.LOST, 70,
      "拟建设高效光伏组件生产线，年产组件2吉瓦。", source_detail="中国国际进口博览会", since=30, assessed=2,
      feedback=5, reported=32, lost_reason="企业战略调整，产能转投西部地区"),
    L("高端白酒酿造项目", "四川蜀香酒业有限公司", OTHER, None, 20_000, KUAI, DENGYUHANG, S.LOST, 48,
      "拟建设白酒酿造、灌装及酒文化展示中心。", source_detail="企业来访", since=20, assessed=3, feedback=5,
      reported=22, lost_reason="用地规模与园区规划不符，企业未接受调整方案"),
    L("汽车内饰件项目", "广州雅迅汽车内饰有限公司", ONLINE, EQUIP, 7_000, JIE, FENGXUE, S.LOST, 36,
      "拟建设汽车座椅面套、顶棚等内饰件生产线。", source_detail="招商网站", since=12,
      lost_reason="配套主机厂订单转移，企业暂缓投资"),
]  # fmt: skip


def day_of(value: Day, today: dt.date) -> dt.date:
    if isinstance(value, bool):  # pragma: no cover  (a spec error)
        raise TypeError(value)
    if isinstance(value, int):
        return workdays.add_workdays(today, -value) if value else today
    if isinstance(value, float):
        new_year = dt.date(today.year, 1, 1)
        return new_year + dt.timedelta(days=round(value * (today - new_year).days))
    years_back, month, day = value
    return dt.date(today.year - years_back, month, day)


def workdays_after(start: dt.date, working_days: int, today: dt.date) -> dt.date:
    return min(workdays.add_workdays(start, working_days), today)
