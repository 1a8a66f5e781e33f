"""Plausible names and identifiers for generated records: people, enterprises, projects, codes.

Everything is drawn from a `random.Random` passed in, so the same seed gives the same names. Identifiers that
must be unique (organisation names, credit codes, project codes, parcel numbers) are built from a running
index, never drawn at random: a draw collides sooner or later, an index does not.
"""

from __future__ import annotations

import random

from stdnum.cn import uscc

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志宏海波晓东"
    "雪梅文斌俊峰浩然宇航子轩欣怡思远嘉诚佳琪博文立新春雨"
)

LEADER_TITLES = ("管委会副主任", "党工委委员、管委会副主任", "管委会主任助理", "党工委副书记")
OFFICER_TITLES = ("科长", "副科长", "科员", "一级主任科员", "四级主任科员")

PLACES = ("吉林省", "长春", "吉林", "")
BRANDS = (
    "鼎盛 华信 恒通 瑞丰 宏远 金石 东方 北辰 天成 兴业 博源 嘉禾 中科 汇通 长青 泰和 启航 新元 佳和 远航 "
    "盛世 永安 万达 锦程 同创 德润 诚信 高新 华泰 正邦 亿联 安泰 凯旋 隆基 思源 景润 明阳 聚力 信达 宝丰 "
    "金阳 通达 华晨 伟业 海川 盈科 鑫源 融创 康泰 吉瑞 圣泉 汇丰 卓越 众合 同仁 天润 亚泰 一汽 富奥 中誉"
).split()
INDUSTRIES = (
    "机械制造 汽车零部件 精密仪器 医疗器械 生物医药 新材料 新能源 光电科技 电子科技 智能装备 食品 农业发展 "
    "冷链物流 文化旅游 健康产业 置业 建设工程 环保科技 化工 纺织 包装 木业 粮油 乳业 数据科技 云计算 物流 "
    "商贸 酒店管理 养老服务"
).split()
SUFFIXES = ("有限公司", "股份有限公司", "集团有限公司", "科技有限公司")

# Words of project names by category.
PRODUCTS = {
    "industrial": (
        "精密机械制造",
        "新能源汽车零部件",
        "医疗器械",
        "生物医药",
        "智能装备",
        "新材料",
        "光伏组件",
        "锂电池材料",
        "电子元器件",
        "食品加工",
        "装配式建筑构件",
        "汽车线束",
    ),
    "agriculture": ("设施蔬菜", "高标准农田", "智慧温室", "冷链物流", "农产品加工", "种猪繁育", "食用菌"),
    "tourism_health": ("温泉度假", "康养社区", "文旅小镇", "健康管理中心", "研学基地", "民宿集群", "滑雪度假"),
    "real_estate": ("住宅小区", "商业综合体", "人才公寓", "邻里中心", "商务写字楼"),
    "other": ("总部大楼", "数据中心", "物流园", "展示中心"),
}
INDUSTRIAL_SUFFIXES = ("项目", "产业园项目", "生产基地项目", "扩能改造项目", "二期项目", "智能工厂项目")
INFRA_KINDS = ("道路工程", "排水管网工程", "综合管廊工程", "桥梁工程", "供热管网工程", "给水管网工程", "绿化工程")
PUBLIC_KINDS = ("中学", "小学", "幼儿园", "社区卫生服务中心", "养老服务中心", "文化活动中心", "体育公园", "消防站")
NUMERALS = "一二三四五六七八九十"


def person_name(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def enterprise_name(index: int) -> str:
    """The `index`-th enterprise name: every combination of the pools once before any repeats."""
    index, brand = divmod(index, len(BRANDS))
    index, industry = divmod(index, len(INDUSTRIES))
    index, place = divmod(index, len(PLACES))
    index, suffix = divmod(index, len(SUFFIXES))
    name = f"{PLACES[place]}{BRANDS[brand]}{INDUSTRIES[industry]}{SUFFIXES[suffix]}"
    return name if index == 0 else f"{name}（{index + 1}）"


def brand_of(name: str) -> str:
    """The two-character brand (字号) of an enterprise name: 吉林省鼎盛机械制造有限公司 → 鼎盛."""
    for place in PLACES:
        if place and name.startswith(place):
            return name[len(place) : len(place) + 2]
    return name[:2]


def credit_code(index: int, division: str) -> str:
    """A unified social credit code, unique per index: 9 1, division, organisation code and check, check."""
    # 7919 is prime to 10**8, so distinct indexes give distinct organisation codes.
    digits = [int(c) for c in f"{(index * 7919 + 12_345_678) % 10**8:08d}"]
    check = 11 - sum(d * w for d, w in zip(digits, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    organisation_code = "".join(map(str, digits)) + {10: "X", 11: "0"}.get(check, str(check))
    body = f"91{division}{organisation_code}"
    return body + uscc.calc_check_digit(body)


def project_code(serial: int, filed_year: int, filed_month: int, division: str, rng: random.Random) -> str:
    """A national project code: YYMM from November 2020 (a year and six digits before), then region, two, two."""
    if (filed_year, filed_month) >= (2020, 11):
        first = f"{filed_year % 100:02d}{filed_month:02d}"
    else:
        first = str(max(filed_year, 2000))
    industry = rng.choice(("04", "07", "13", "26", "35", "47", "50", "70", "78", "83"))
    kind = rng.choice(("01", "02", "03"))
    return f"{first}-{division}-{industry}-{kind}-{serial % 1_000_000:06d}"


def project_name(rng: random.Random, category: str, company: str, area: str) -> str:
    """A project name as ledgers write them, by category."""
    if category == "infrastructure":
        road = f"{rng.choice('经纬')}{rng.choice(NUMERALS)}路"
        return f"{road}（{rng.choice(NUMERALS)}号路至{rng.choice(NUMERALS)}号路）{rng.choice(INFRA_KINDS)}"
    if category == "public_service":
        return f"{area}第{rng.choice(NUMERALS)}{rng.choice(PUBLIC_KINDS)}建设项目"
    brand = brand_of(company)
    if category == "industrial":
        return f"{brand}{rng.choice(PRODUCTS['industrial'])}{rng.choice(INDUSTRIAL_SUFFIXES)}"
    words = PRODUCTS.get(category, PRODUCTS["other"])
    return f"{brand}{rng.choice(words)}项目"
