"""The indicators of the speech, its 2020 figures and its 2025 targets: seeded by a data migration.

The speech (2021 全体会议): “2020年开发区生产总值实现95.6亿元，固定资产投资完成26亿元，入驻企业116家，全口径财政
收入、本级财政收入分别达到7.7亿元、2.4亿元” and “到2025年辖区人口规模要实现翻番增长，城镇化率要达到65%，城镇人口
净增10万”. Money is kept in 万元 like every ledger: 95.6 亿元 = 956,000 万元.

The speech gives no 2020 population. The demo values below are chosen so that its three 2025 targets agree:
with P the 2020 population and U the urban population (万人), doubling gives 2P, “净增10万” gives U + 10,
and a 65 % rate needs U + 10 = 0.65 × 2P, i.e. U = 1.3P − 10. P = 12.5 万人 gives U = 6.25 万人 (a 2020 rate
of 50.0 %), hence the 2025 targets 常住人口 25 万人, 城镇人口 16.25 万人 and 16.25 ÷ 25 = 65.0 % exactly. They are
stored with a source that says they are demo values, for the dispatch office to correct from the 统计公报.

The functions take the models as arguments so that the data migration can pass its historical models; they
create what is missing and leave what an office has since edited alone.
"""

import datetime as dt
from decimal import Decimal

SPEECH = "2021年开发区全体会议讲话"
POPULATION_DEMO_SOURCE = (
    "演示值：讲话未给出2020年人口，按讲话的2025年目标（人口翻番、城镇化率65%、城镇人口净增10万）取值，请按统计公报更正"
)

# (code, name, unit, kind, decimals, source note, live source, sort order, note)
INDICATORS = [
    ("gdp", "地区生产总值", "万元", "flow", 2, "区统计局（季度核算）", "", 10, ""),
    ("fixed_asset_investment", "固定资产投资", "万元", "flow", 2, "区统计局（月度快报）", "", 20, ""),
    ("fiscal_revenue_total", "全口径财政收入", "万元", "flow", 2, "区财政局", "", 30, ""),
    ("fiscal_revenue_local", "本级财政收入", "万元", "flow", 2, "区财政局", "", 40, ""),
    (
        "resident_enterprises",
        "入驻企业",
        "家",
        "stock",
        0,
        "招商局企业台账",
        "resident_enterprises",
        50,
        "接入企业库后按实时户数计；未接入时用录入值",
    ),
    ("resident_population", "常住人口", "万人", "stock", 2, "区统计局（年度人口抽样调查）", "", 60, ""),
    ("urban_population", "城镇人口", "万人", "stock", 2, "区统计局（年度人口抽样调查）", "", 70, ""),
    (
        "urbanization_rate",
        "城镇化率",
        "%",
        "ratio",
        1,
        "由城镇人口 ÷ 常住人口计算",
        "",
        80,
        "城镇人口 ÷ 常住人口 × 100",
    ),
]
RATIOS = {"urbanization_rate": ("urban_population", "resident_population")}

BASE_YEAR = 2020
# 2020 values: (code, value in the indicator's unit, source)
BASE_VALUES = [
    ("gdp", Decimal("956000"), SPEECH + "：2020年开发区生产总值实现95.6亿元"),
    ("fixed_asset_investment", Decimal("260000"), SPEECH + "：固定资产投资完成26亿元"),
    ("fiscal_revenue_total", Decimal("77000"), SPEECH + "：全口径财政收入7.7亿元"),
    ("fiscal_revenue_local", Decimal("24000"), SPEECH + "：本级财政收入2.4亿元"),
    ("resident_enterprises", Decimal("116"), SPEECH + "：入驻企业116家"),
    ("resident_population", Decimal("12.5"), POPULATION_DEMO_SOURCE),
    ("urban_population", Decimal("6.25"), POPULATION_DEMO_SOURCE),
]

PLAN_END_YEAR = 2025  # the end of the 十四五 plan
# 2025 targets: (code, value, basis)
PLAN_END_TARGETS = [
    ("resident_population", Decimal("25"), "讲话：到2025年辖区人口规模实现翻番增长（2020年 12.5 万人 × 2）"),
    ("urban_population", Decimal("16.25"), "讲话：到2025年城镇人口净增10万（2020年 6.25 万人 + 10 万人）"),
    ("urbanization_rate", Decimal("65"), "讲话：到2025年城镇化率达到65%"),
]


def seed_indicators(indicator_model, value_model, target_model) -> dict:
    """Create the speech's indicators, 2020 values and 2025 targets that are missing; returns indicators by code."""
    indicators = {indicator.code: indicator for indicator in indicator_model.objects.all()}
    for code, name, unit, kind, decimals, source_note, live, order, note in INDICATORS:
        if code not in indicators:
            indicators[code] = indicator_model.objects.create(
                code=code,
                name=name,
                unit=unit,
                kind=kind,
                decimals=decimals,
                source_note=source_note,
                registry_source=live,
                sort_order=order,
                note=note,
            )
    for code, (numerator, denominator) in RATIOS.items():
        ratio = indicators[code]
        if ratio.numerator_id is None and ratio.denominator_id is None:
            ratio.numerator = indicators[numerator]
            ratio.denominator = indicators[denominator]
            ratio.save(update_fields=["numerator", "denominator", "updated_at"])
    start = dt.date(BASE_YEAR, 1, 1)
    for code, value, source in BASE_VALUES:
        value_model.objects.get_or_create(
            indicator=indicators[code],
            granularity="year",
            period_start=start,
            defaults={"value": value, "source": source},
        )
    for code, value, basis in PLAN_END_TARGETS:
        target_model.objects.get_or_create(
            indicator=indicators[code],
            year=PLAN_END_YEAR,
            defaults={"value": value, "is_plan_end": True, "note": basis},
        )
    return indicators
