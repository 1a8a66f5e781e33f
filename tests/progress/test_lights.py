"""The traffic-light rules of DESIGN.md, pure: every rule at and on both sides of each threshold.

No database: `compute_light` works over `LightInputs` and `Thresholds`.
"""

import datetime as dt
import re
from dataclasses import replace
from decimal import Decimal

import pytest

from diaodu.progress.lights import LightInputs, Reason, Thresholds, compute_light, scheduled_amount

DEFAULTS = Thresholds()
CHINESE = re.compile(r"[\u4e00-\u9fff]")

# 2026-08-07 is day 219 of 365: exactly 60% of the year has elapsed, so 序时进度 of a 1000 万元 plan is 600.
SIXTY_PERCENT_DAY = dt.date(2026, 8, 7)
PLAN = Decimal(1000)


def light_of(facts: LightInputs, as_of: dt.date, limits: Thresholds = DEFAULTS):
    return compute_light(facts, limits, as_of)


def reason(result, rule: str) -> Reason | None:
    """The one reason of a rule, or None when the rule did not apply."""
    found = [item for item in result.reasons if item.rule == rule]
    assert len(found) <= 1, found
    return found[0] if found else None


def rule_light(facts: LightInputs, as_of: dt.date, rule: str, limits: Thresholds = DEFAULTS) -> str | None:
    found = reason(light_of(facts, as_of, limits), rule)
    return found.light if found else None


# --- investment -------------------------------------------------------------------------------------


def building(invested: str, **fields) -> LightInputs:
    return LightInputs(stage="construction", annual_plan=PLAN, invested_this_year=Decimal(invested), **fields)


def test_the_elapsed_share_of_the_year_is_exact_on_the_chosen_day():
    assert scheduled_amount(SIXTY_PERCENT_DAY, PLAN) == Decimal(600)
    assert scheduled_amount(dt.date(2026, 12, 31), PLAN) == PLAN
    # A leap year counts 366 days: 2028-12-31 is the whole plan, 2028-07-01 (day 183) exactly half.
    assert scheduled_amount(dt.date(2028, 7, 1), PLAN) == Decimal(500)


@pytest.mark.parametrize(
    ("invested", "expected", "gap_text"),
    [
        ("700", "green", None),  # ahead of 序时进度
        ("600", "green", None),  # gap exactly 0
        ("500.10", "green", "9.99"),  # just below the yellow gap
        ("500", "yellow", "10.0"),  # exactly 10 points below
        ("400", "yellow", "20.0"),
        ("300", "yellow", "30.0"),  # exactly 30 points below: still yellow
        ("299.90", "red", "30.01"),  # just more than 30 below
        ("0", "red", "60.0"),
    ],
)
def test_investment_light_at_and_around_each_gap(invested, expected, gap_text):
    found = reason(light_of(building(invested), SIXTY_PERCENT_DAY), "investment")
    assert found.light == expected
    assert "序时进度60.0%" in found.message
    if gap_text is None:
        assert "达到序时进度" in found.message
    elif expected == "green":
        assert "略低于序时进度" in found.message
    else:
        assert f"落后序时进度{Decimal(gap_text).quantize(Decimal('0.1'))}个百分点" in found.message


def test_investment_message_names_the_amount_and_the_shares():
    found = reason(light_of(building("500"), SIXTY_PERCENT_DAY), "investment")
    assert found.message == "本年完成投资500.00万元，占年度计划50.0%，序时进度60.0%，落后序时进度10.0个百分点。"


def test_a_monthly_plan_replaces_the_elapsed_share_of_the_year():
    # A front-loaded plan: 600 of 1000 in January. By 2026-03-14 the elapsed year calls for 20% (day 73 of 365),
    # the monthly plan for 60%.
    as_of = dt.date(2026, 3, 14)
    assert scheduled_amount(as_of, PLAN) == Decimal(200)
    assert scheduled_amount(as_of, PLAN, {1: Decimal(600), 12: Decimal(400)}) == Decimal(600)

    without_months = reason(light_of(building("300"), as_of), "investment")
    with_months = reason(
        light_of(building("300", monthly_plan={1: Decimal(600), 12: Decimal(400)}), as_of), "investment"
    )
    assert without_months.light == "green"
    assert with_months.light == "yellow"
    assert "序时进度60.0%" in with_months.message and "落后序时进度30.0个百分点" in with_months.message


def test_a_monthly_plan_counts_the_elapsed_share_of_the_current_month():
    # 100 a month; on 2026-06-15 (15 of 30 days of June) five months and a half: 550.
    months = {month: Decimal(100) for month in range(1, 11)}
    as_of = dt.date(2026, 6, 15)
    assert scheduled_amount(as_of, PLAN, months) == Decimal(550)
    assert rule_light(building("450", monthly_plan=months), as_of, "investment") == "yellow"  # 10 points
    assert rule_light(building("450.01", monthly_plan=months), as_of, "investment") == "green"
    assert rule_light(building("249.99", monthly_plan=months), as_of, "investment") == "red"  # 30.001 points


def test_an_all_zero_monthly_plan_falls_back_to_the_elapsed_year():
    facts = building("500", monthly_plan={1: Decimal(0), 2: Decimal(0)})
    assert rule_light(facts, SIXTY_PERCENT_DAY, "investment") == "yellow"


@pytest.mark.parametrize("stage", ["conceived", "reserve", "preparation", "completed", "operating", "suspended"])
def test_investment_rule_applies_only_under_construction(stage):
    facts = replace(building("0"), stage=stage)
    assert rule_light(facts, SIXTY_PERCENT_DAY, "investment") is None


def test_investment_rule_needs_an_annual_plan():
    facts = LightInputs(stage="construction", annual_plan=Decimal(0), invested_this_year=Decimal(0))
    assert rule_light(facts, SIXTY_PERCENT_DAY, "investment") is None


def test_custom_investment_gaps_move_both_boundaries():
    limits = Thresholds(investment_yellow_gap=Decimal(5), investment_red_gap=Decimal(15))
    assert rule_light(building("551"), SIXTY_PERCENT_DAY, "investment", limits) == "green"  # 4.9 points
    assert rule_light(building("550"), SIXTY_PERCENT_DAY, "investment", limits) == "yellow"  # 5 points
    assert rule_light(building("450"), SIXTY_PERCENT_DAY, "investment", limits) == "yellow"  # 15 points
    assert rule_light(building("449"), SIXTY_PERCENT_DAY, "investment", limits) == "red"  # 15.1 points
    assert rule_light(building("449"), SIXTY_PERCENT_DAY, "investment") == "yellow"  # defaults: 15.1 is yellow


# --- start ------------------------------------------------------------------------------------------


def unstarted(planned: dt.date, **fields) -> LightInputs:
    return LightInputs(stage=fields.pop("stage", "preparation"), planned_start=planned, **fields)


PLANNED = dt.date(2026, 3, 15)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (dt.date(2026, 2, 28), "green"),  # before the planned month
        (dt.date(2026, 3, 31), "green"),  # the planned month has not passed yet
        (dt.date(2026, 4, 1), "yellow"),  # passed by 1 month
        (dt.date(2026, 6, 30), "yellow"),  # passed by exactly start_red_months (3)
        (dt.date(2026, 7, 1), "red"),  # passed by start_red_months + 1
    ],
)
def test_start_light_around_the_planned_month(as_of, expected):
    assert rule_light(unstarted(PLANNED), as_of, "start") == expected


def test_start_messages_name_the_planned_month():
    assert reason(light_of(unstarted(PLANNED), dt.date(2026, 3, 1)), "start").message == "计划于2026年3月开工。"
    yellow = reason(light_of(unstarted(PLANNED), dt.date(2026, 4, 1)), "start")
    assert yellow.message == "计划开工月（2026年3月）已过，尚未开工。"
    red = reason(light_of(unstarted(PLANNED), dt.date(2026, 7, 1)), "start")
    assert red.message == "计划开工月（2026年3月）已过4个月，仍未开工。"


def test_start_rule_counts_months_across_a_year_boundary():
    planned = dt.date(2025, 11, 20)
    assert rule_light(unstarted(planned), dt.date(2026, 2, 28), "start") == "yellow"  # 3 months
    assert rule_light(unstarted(planned), dt.date(2026, 3, 1), "start") == "red"  # 4 months


@pytest.mark.parametrize(
    "facts",
    [
        unstarted(PLANNED, actual_start=dt.date(2026, 5, 1)),  # started, although the stage was not moved on
        unstarted(PLANNED, stage="construction"),
        unstarted(PLANNED, stage="completed"),
        LightInputs(stage="preparation"),  # no planned start
    ],
    ids=["actual-start", "construction", "completed", "no-plan"],
)
def test_start_rule_does_not_apply_once_started_or_without_a_planned_start(facts):
    assert rule_light(facts, dt.date(2026, 12, 1), "start") is None


def test_custom_start_red_months_change_the_outcome():
    limits = Thresholds(start_red_months=1)
    assert rule_light(unstarted(PLANNED), dt.date(2026, 4, 30), "start", limits) == "yellow"
    assert rule_light(unstarted(PLANNED), dt.date(2026, 5, 1), "start", limits) == "red"
    assert rule_light(unstarted(PLANNED), dt.date(2026, 5, 1), "start") == "yellow"


# --- schedule ---------------------------------------------------------------------------------------


AS_OF = dt.date(2026, 9, 28)


def scheduled(**fields) -> LightInputs:
    return LightInputs(
        stage=fields.pop("stage", "preparation"), worst_step=fields.pop("worst_step", "用地预审"), **fields
    )


@pytest.mark.parametrize(
    ("min_float", "expected"),
    [(30, "green"), (10, "green"), (9, "yellow"), (1, "yellow"), (0, "yellow"), (-1, "red"), (-20, "red")],
)
def test_schedule_light_by_float(min_float, expected):
    assert rule_light(scheduled(min_float=min_float), AS_OF, "schedule") == expected


def test_schedule_messages_name_the_step_and_the_days():
    assert (
        reason(light_of(scheduled(min_float=10), AS_OF), "schedule").message == "工期可实现，最小浮动时间10个工作日。"
    )
    yellow = reason(light_of(scheduled(min_float=9), AS_OF), "schedule")
    assert yellow.message == "“用地预审”的浮动时间仅剩9个工作日。"
    red = reason(light_of(scheduled(min_float=-3), AS_OF), "schedule")
    assert red.message == "按倒排工期，“用地预审”已落后3个工作日，时限已无法实现。"


def test_an_overdue_step_is_red_and_named_even_with_ample_float():
    found = reason(light_of(scheduled(min_float=40, overdue_steps=("项目备案",)), AS_OF), "schedule")
    assert found.light == "red"
    assert found.message == "“项目备案”已超过任务时限。"


def test_many_overdue_steps_name_the_first_three_and_the_count():
    steps = ("项目备案", "用地预审", "环评批复", "施工许可")
    found = reason(light_of(scheduled(overdue_steps=steps), AS_OF), "schedule")
    assert found.light == "red"
    assert "“项目备案”、“用地预审”、“环评批复”等4项" in found.message
    assert "施工许可" not in found.message


def test_a_schedule_error_is_red_with_its_message():
    found = reason(
        light_of(scheduled(min_float=40, schedule_error="前置关系存在循环：备案 → 预审 → 备案"), AS_OF), "schedule"
    )
    assert found.light == "red"
    assert found.message == "前置关系存在循环：备案 → 预审 → 备案"


def test_schedule_rule_does_not_apply_without_a_schedule_or_after_construction():
    assert rule_light(scheduled(), AS_OF, "schedule") is None  # no steps: no float
    assert rule_light(scheduled(min_float=-5, stage="completed"), AS_OF, "schedule") is None
    assert rule_light(scheduled(min_float=-5, stage="suspended"), AS_OF, "schedule") is None
    assert rule_light(scheduled(min_float=-5, stage="construction"), AS_OF, "schedule") == "red"


def test_custom_float_yellow_days_change_the_outcome():
    limits = Thresholds(float_yellow_days=5)
    assert rule_light(scheduled(min_float=9), AS_OF, "schedule", limits) == "green"
    assert rule_light(scheduled(min_float=5), AS_OF, "schedule", limits) == "green"
    assert rule_light(scheduled(min_float=4), AS_OF, "schedule", limits) == "yellow"
    assert rule_light(scheduled(min_float=9), AS_OF, "schedule") == "yellow"


# --- statistics -------------------------------------------------------------------------------------


STARTED = dt.date(2026, 3, 15)


def started(total: str = "500", **fields) -> LightInputs:
    return LightInputs(
        stage=fields.pop("stage", "construction"),
        actual_start=fields.pop("actual_start", STARTED),
        total_investment=Decimal(total),
        **fields,
    )


def test_statistics_rule_applies_from_500_wan_yuan():
    late = dt.date(2026, 12, 1)
    assert rule_light(started("499.99"), late, "statistics") is None
    assert rule_light(started("500"), late, "statistics") == "red"
    assert rule_light(started("500.01"), late, "statistics") == "red"


def test_statistics_rule_does_not_apply_before_the_actual_start():
    assert rule_light(started(actual_start=None), dt.date(2026, 12, 1), "statistics") is None
    assert rule_light(started(stage="preparation"), dt.date(2026, 12, 1), "statistics") is None


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (dt.date(2026, 3, 15), "green"),  # the day of the start
        (dt.date(2026, 4, 14), "green"),  # the day before one month
        (dt.date(2026, 4, 15), "yellow"),  # one month after the start
        (dt.date(2026, 5, 14), "yellow"),  # the day before two months
        (dt.date(2026, 5, 15), "red"),  # two months after the start
    ],
)
def test_statistics_light_around_one_and_two_months_after_the_start(as_of, expected):
    assert rule_light(started(), as_of, "statistics") == expected


def test_statistics_months_end_on_the_last_day_of_a_shorter_month():
    facts = started(actual_start=dt.date(2026, 1, 31))
    assert rule_light(facts, dt.date(2026, 2, 27), "statistics") == "green"
    assert rule_light(facts, dt.date(2026, 2, 28), "statistics") == "yellow"
    assert rule_light(facts, dt.date(2026, 3, 30), "statistics") == "yellow"
    assert rule_light(facts, dt.date(2026, 3, 31), "statistics") == "red"


def test_statistics_messages_name_the_start_and_the_months():
    assert reason(light_of(started(), dt.date(2026, 4, 1)), "statistics").message == (
        "2026-03-15开工，尚未入库纳统（未到时限）。"
    )
    assert reason(light_of(started(), dt.date(2026, 4, 15)), "statistics").message == (
        "2026-03-15开工，已满1个月尚未入库纳统。"
    )
    assert reason(light_of(started(), dt.date(2026, 5, 15)), "statistics").message == (
        "2026-03-15开工，已满2个月仍未入库纳统。"
    )


def test_a_statistics_date_turns_the_rule_green():
    facts = started(statistics_date=dt.date(2026, 4, 20))
    found = reason(light_of(facts, dt.date(2026, 9, 1)), "statistics")
    assert found.light == "green"
    assert found.message == "已于2026-04-20入库纳统。"
    # As of a day before it was entered, it was not yet entered.
    assert rule_light(facts, dt.date(2026, 4, 19), "statistics") == "yellow"


def test_custom_statistics_thresholds_change_the_outcome():
    limits = Thresholds(statistics_min_investment=Decimal(1000), statistics_yellow_months=2, statistics_red_months=4)
    assert rule_light(started("999"), dt.date(2026, 12, 1), "statistics", limits) is None
    assert rule_light(started("1000"), dt.date(2026, 5, 14), "statistics", limits) == "green"
    assert rule_light(started("1000"), dt.date(2026, 5, 15), "statistics", limits) == "yellow"
    assert rule_light(started("1000"), dt.date(2026, 7, 15), "statistics", limits) == "red"


# --- reporting --------------------------------------------------------------------------------------


DUE = dt.date(2026, 3, 25)


def reporting(*missing: tuple[str, dt.date]) -> LightInputs:
    return LightInputs(stage="construction", reports_required=True, missing_reports=missing)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (dt.date(2026, 3, 25), "green"),  # due today: not late yet
        (dt.date(2026, 3, 26), "yellow"),  # 1 day late
        (dt.date(2026, 4, 4), "yellow"),  # 10 days late
        (dt.date(2026, 4, 5), "red"),  # 11 days late
    ],
)
def test_reporting_light_by_days_late(as_of, expected):
    assert rule_light(reporting(("2026年3月", DUE)), as_of, "reporting") == expected


def test_no_missing_report_is_green():
    found = reason(light_of(reporting(), dt.date(2026, 4, 5)), "reporting")
    assert found.light == "green"
    assert "报送" in found.message and "逾期" not in found.message


def test_reporting_message_names_the_oldest_late_period_and_its_due_date():
    facts = reporting(("2026年2月", dt.date(2026, 2, 25)), ("2026年3月", DUE))
    found = reason(light_of(facts, dt.date(2026, 3, 26)), "reporting")
    assert found.light == "red"  # February: 29 days late
    assert found.message == "2026年2月报告逾期29天未报（截止2026-02-25）。"
    yellow = reason(light_of(reporting(("2026年3月", DUE)), dt.date(2026, 3, 27)), "reporting")
    assert yellow.message == "2026年3月报告逾期2天未报（截止2026-03-25）。"


def test_reporting_rule_does_not_apply_when_reports_are_not_required():
    facts = replace(reporting(("2026年3月", DUE)), reports_required=False)
    assert rule_light(facts, dt.date(2026, 6, 1), "reporting") is None


def test_custom_report_red_days_change_the_outcome():
    limits = Thresholds(report_red_days=3)
    assert rule_light(reporting(("2026年3月", DUE)), dt.date(2026, 3, 28), "reporting", limits) == "yellow"
    assert rule_light(reporting(("2026年3月", DUE)), dt.date(2026, 3, 29), "reporting", limits) == "red"


# --- issues -----------------------------------------------------------------------------------------


def test_an_overdue_issue_is_yellow_and_named():
    found = reason(light_of(LightInputs(stage="construction", overdue_issues=("临时用电未接入",)), AS_OF), "issues")
    assert found.light == "yellow"
    assert found.message == "问题“临时用电未接入”已超过办理时限。"


def test_an_escalated_issue_is_red_and_named():
    facts = LightInputs(stage="construction", overdue_issues=("临时用电未接入",), escalated_issues=("征地补偿未到位",))
    found = reason(light_of(facts, AS_OF), "issues")
    assert found.light == "red"
    assert found.message == "问题“征地补偿未到位”逾期未办结，已督办。"


def test_no_issue_gives_no_issue_reason():
    assert rule_light(LightInputs(stage="construction"), AS_OF, "issues") is None


# --- together ---------------------------------------------------------------------------------------


def test_no_applicable_rule_is_green_without_reasons():
    result = light_of(LightInputs(stage="operating"), AS_OF)
    assert result.light == "green"
    assert result.reasons == ()


def test_the_worst_light_wins_and_every_reason_is_kept():
    facts = LightInputs(
        stage="construction",
        annual_plan=PLAN,
        invested_this_year=Decimal(600),  # green
        min_float=5,  # yellow
        worst_step="主体施工",
        actual_start=dt.date(2026, 1, 10),
        total_investment=Decimal(50000),
        statistics_date=dt.date(2026, 2, 1),  # green
        reports_required=True,  # green
    )
    result = light_of(facts, SIXTY_PERCENT_DAY)
    assert result.light == "yellow"
    assert [(r.rule, r.light) for r in result.reasons] == [
        ("investment", "green"),
        ("schedule", "yellow"),
        ("statistics", "green"),
        ("reporting", "green"),
    ]
    red = light_of(replace(facts, escalated_issues=("征地补偿未到位",)), SIXTY_PERCENT_DAY)
    assert red.light == "red"
    assert [r.rule for r in red.reasons if r.light == "red"] == ["issues"]


def test_a_single_red_beats_any_number_of_yellows():
    facts = LightInputs(
        stage="preparation",
        planned_start=dt.date(2026, 3, 1),  # yellow: passed by 1
        min_float=2,  # yellow
        worst_step="施工许可",
        reports_required=True,
        missing_reports=(("2026年3月", dt.date(2026, 3, 25)),),  # 7 days late: yellow
        overdue_issues=("林地手续",),  # yellow
        schedule_error="",
    )
    as_of = dt.date(2026, 4, 1)
    assert light_of(facts, as_of).light == "yellow"
    assert light_of(replace(facts, min_float=-1), as_of).light == "red"


def test_reasons_carry_plain_rule_light_and_message_strings():
    facts = LightInputs(
        stage="construction",
        annual_plan=PLAN,
        invested_this_year=Decimal(0),
        min_float=3,
        worst_step="主体施工",
        actual_start=dt.date(2026, 1, 10),
        total_investment=Decimal(50000),
        reports_required=True,
        missing_reports=(("2026年7月", dt.date(2026, 7, 25)),),
        overdue_issues=("临时用电未接入",),
    )
    result = light_of(facts, SIXTY_PERCENT_DAY)
    assert result.light == "red"
    as_dict = result.as_dict()
    assert as_dict["light"] == "red" and type(as_dict["light"]) is str
    assert [r["rule"] for r in as_dict["reasons"]] == ["investment", "schedule", "statistics", "reporting", "issues"]
    for item in as_dict["reasons"]:
        assert set(item) == {"rule", "light", "message"}
        assert type(item["rule"]) is str and type(item["light"]) is str
        assert item["light"] in {"green", "yellow", "red"}
        assert CHINESE.search(item["message"]), item["message"]
        assert item["message"].endswith("。")


def test_the_start_rule_code_is_start():
    result = light_of(unstarted(PLANNED), dt.date(2026, 8, 1))
    assert result.as_dict() == {
        "light": "red",
        "reasons": [{"rule": "start", "light": "red", "message": "计划开工月（2026年3月）已过5个月，仍未开工。"}],
    }


def test_thresholds_are_read_from_a_settings_object():
    class Row:
        investment_yellow_gap = Decimal(5)
        investment_red_gap = Decimal(20)
        start_red_months = 2
        float_yellow_days = 5
        statistics_min_investment = Decimal(800)
        statistics_yellow_months = 2
        statistics_red_months = 3
        report_red_days = 7
        monthly_due_day = 20  # not a threshold of the rules
        weekly_due_weekday = 3

    limits = Thresholds.from_settings(Row())
    assert limits == Thresholds(Decimal(5), Decimal(20), 2, 5, Decimal(800), 2, 3, 7)
    assert rule_light(scheduled(min_float=7), AS_OF, "schedule", limits) == "green"
