"""The pure rules: fractions, the not-applicable rule and the redistribution of weights, points, ranks, facts."""

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from diaodu.evaluation.facts import (
    InvestmentRecord,
    IssueRecord,
    LeadRecord,
    LightRecord,
    ReportRecord,
    StepRecord,
    investment_fact,
    issue_fact,
    light_fact,
    report_fact,
    signed_facts,
    step_fact,
)
from diaodu.evaluation.models import DEFAULT_WEIGHTS
from diaodu.evaluation.scoring import Fact, counted, criterion_fraction, points_for, rank, score_subject, shares

D = dt.date
START, AS_OF = D(2026, 1, 1), D(2026, 4, 30)
WEIGHTS = {str(code): value for code, value in DEFAULT_WEIGHTS.items()}


def fact(criterion: str, passed: bool) -> Fact:
    return counted(criterion, "step", 1, "x", "", passed, "")


def test_a_criterion_without_facts_is_not_applicable():
    assert criterion_fraction([]) == (Decimal(0), Decimal(0), None)
    assert criterion_fraction([fact("steps", True), fact("steps", False)]) == (1, 2, Decimal("0.5"))


def test_a_money_fraction_never_rates_above_one():
    over = Fact("signed", "lead", 1, "x", "", True, "", Decimal(30000), Decimal(0))
    target = Fact("signed", "target", None, "x", "", True, "", Decimal(0), Decimal(24000))
    assert criterion_fraction([over, target])[2] == Decimal(1)


def test_with_every_general_criterion_applicable_the_weights_are_the_points():
    assert shares(WEIGHTS, ["steps", "reports", "issues", "investment", "red"]) == {
        "steps": 25, "reports": 20, "issues": 20, "investment": 25, "red": 10,
    }  # fmt: skip


def test_the_weight_of_a_criterion_that_does_not_apply_is_shared_in_proportion_to_the_cent():
    # 75 points of weight scaled to 100: 33.333…, 26.666…, 26.666…, 13.333… → the two spare cents go to the
    # largest remainders (.00666…), the earlier criterion first.
    assert shares(WEIGHTS, ["steps", "reports", "issues", "red"]) == {
        "steps": Decimal("33.33"), "reports": Decimal("26.67"), "issues": Decimal("26.67"), "red": Decimal("13.33"),
    }  # fmt: skip
    assert shares(WEIGHTS, ["red"]) == {"red": Decimal(100)}
    assert shares({"steps": Decimal(0)}, ["steps"]) == {}


@given(st.lists(st.decimals(min_value=0, max_value=100, places=2), min_size=1, max_size=6))
def test_shares_always_add_up_to_the_full_score(weights):
    codes = [f"c{i}" for i in range(len(weights))]
    result = shares(dict(zip(codes, weights, strict=True)), codes)
    assert result == {} if sum(weights) == 0 else sum(result.values()) == Decimal(100)


def test_points_are_the_share_times_the_rate_half_up_to_the_cent():
    assert points_for(Decimal("26.67"), Decimal(1), Decimal(2)) == Decimal("13.34")  # 13.335
    assert points_for(Decimal(25), Decimal(1), Decimal(3)) == Decimal("8.33")
    assert points_for(Decimal("16.67"), Decimal(20000), Decimal(24000)) == Decimal("13.89")
    assert points_for(Decimal(25), Decimal(5), Decimal(4)) == Decimal("25.00")


def test_a_subject_is_scored_only_on_what_applies_to_it_and_passing_everything_makes_100():
    score = score_subject(7, "财政局", WEIGHTS, [fact("reports", True), fact("red", True)])
    assert score.total == Decimal("100.00")
    assert [(item.criterion, item.share) for item in score.criteria if item.applicable] == [
        ("reports", Decimal("66.67")), ("red", Decimal("33.33")),
    ]  # fmt: skip
    assert score.criterion("steps").points is None and not score.criterion("steps").applicable
    assert score_subject(7, "财政局", WEIGHTS, []) is None


def test_changing_a_weight_changes_the_points():
    facts = [fact("steps", True), fact("reports", False), fact("issues", True), fact("red", True)]
    assert score_subject(1, "a", WEIGHTS, facts).total == Decimal("73.33")  # 33.33 + 0 + 26.67 + 13.33
    heavier = WEIGHTS | {"reports": Decimal(50), "steps": Decimal(0)}
    assert score_subject(1, "a", heavier, facts).total == Decimal("37.50")  # 0 + 0 + 25 + 12.5


def test_equal_totals_share_a_rank_and_the_next_rank_skips():
    scores = [
        score_subject(1, "乙", WEIGHTS, [fact("red", True)]),
        score_subject(2, "甲", WEIGHTS, [fact("red", True)]),
        score_subject(3, "丙", WEIGHTS, [fact("red", False), fact("red", True)]),
        score_subject(4, "丁", WEIGHTS, [fact("red", False)]),
    ]
    assert [(s.rank, s.name, str(s.total)) for s in rank(scores)] == [
        (1, "乙", "100.00"), (1, "甲", "100.00"), (3, "丙", "50.00"), (4, "丁", "0.00"),
    ]  # fmt: skip


def test_a_step_is_measured_once_its_deadline_has_passed_or_once_it_is_done():
    def rule(deadline, finished):
        result = step_fact(StepRecord(1, "用地预审", "P", deadline, finished), start=START, as_of=AS_OF, url="")
        return None if result is None else (result.passed, result.reason)

    assert rule(D(2026, 4, 30), None) is None  # due today: not late yet
    assert rule(D(2026, 5, 10), None) is None
    assert rule(D(2026, 5, 10), D(2026, 4, 2)) == (True, "任务时限2026-05-10，2026-04-02完成，按期")
    assert rule(D(2026, 4, 29), D(2026, 5, 3)) == (False, "任务时限2026-04-29，截至2026-04-30未完成，已逾期1天")
    assert rule(D(2025, 12, 1), None) is None  # last year's: not this year's
    assert rule(D(2025, 12, 1), D(2026, 1, 5)) == (False, "任务时限2025-12-01，实际完成2026-01-05，逾期35天")


def test_a_report_is_measured_once_due_or_submitted_and_a_draft_is_not_submitted():
    def rule(submitted, state="submitted", due=None):
        due = due or D(2026, 4, 25)
        record = ReportRecord(1, "P", "2026年4月", due, submitted, state)
        result = report_fact(record, as_of=AS_OF, url="")
        return None if result is None else (result.passed, result.reason)

    assert rule(None, "draft") == (
        False,
        "2026年4月报告截至2026-04-30未报送（截止2026-04-25），已逾期5天；草稿尚未报送",
    )
    assert rule(None, "returned")[1].endswith("；被退回后尚未重新报送")
    assert rule(None, "missing", due=D(2026, 4, 30)) is None
    assert rule(D(2026, 4, 28), due=D(2026, 5, 25)) == (
        True, "2026年4月报告按时报送（截止2026-05-25，2026-04-28报送）",
    )  # fmt: skip
    assert rule(D(2026, 5, 2))[0] is False  # submitted after the day asked about: not submitted on it


def test_an_issue_passes_when_resolved_by_its_due_date():
    def rule(due, resolved):
        result = issue_fact(IssueRecord(1, "用地", "", due, resolved), start=START, as_of=AS_OF, url="")
        return None if result is None else (result.passed, result.label, result.reason)

    assert rule(D(2026, 4, 20), D(2026, 4, 22)) == (False, "用地", "办理时限2026-04-20，2026-04-22办结，逾期2天")
    assert rule(D(2026, 5, 20), D(2026, 4, 2)) == (True, "用地", "办理时限2026-05-20，2026-04-02办结，按期")
    assert rule(D(2026, 5, 20), None) is None


def test_investment_counts_up_to_its_schedule_and_light_counts_red_only():
    record = InvestmentRecord(3, "P", Decimal(3650), Decimal(1200), Decimal(1500))
    result = investment_fact(record, as_of=AS_OF, url="")
    assert (result.passed, result.credit, result.basis) == (True, Decimal(1200), Decimal("1200.00"))
    assert result.reason.endswith("为序时进度的125.0%；超出部分不计")
    assert investment_fact(InvestmentRecord(3, "P", Decimal(0), Decimal(0), Decimal(0)), as_of=AS_OF, url="") is None
    assert light_fact(LightRecord(3, "P", "yellow", D(2026, 4, 2)), as_of=AS_OF, url="").passed
    red = light_fact(LightRecord(3, "P", "red", D(2026, 4, 2), ("甲。", "乙。")), as_of=AS_OF, url="")
    assert (red.passed, red.reason) == (False, "2026-04-02起亮红灯：甲。；乙。")


def test_signed_investment_counts_the_year_up_to_the_day_against_the_prorated_target():
    leads = [
        LeadRecord(1, "去年", Decimal(5000), D(2025, 12, 20)),
        LeadRecord(2, "一", Decimal(20000), D(2026, 2, 10)),
        LeadRecord(3, "五月", Decimal(9000), D(2026, 5, 2)),
    ]
    facts = signed_facts(leads, target=Decimal(73000), start=START, as_of=AS_OF, lead_url=str, target_url="/t/")
    assert [(f.kind, f.label, f.credit, f.basis) for f in facts] == [
        ("lead", "一", Decimal(20000), 0), ("target", "年度签约目标", 0, Decimal("24000.00")),
    ]  # fmt: skip
    assert signed_facts(leads, target=Decimal(0), start=START, as_of=AS_OF, lead_url=str, target_url="")[-1].kind == (
        "lead"
    )
