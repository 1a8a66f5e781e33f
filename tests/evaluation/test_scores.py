"""The small zone of conftest.py scored as of 30 April 2026: every total, every point, every fact and its reason."""

from decimal import Decimal

import pytest

from diaodu.evaluation.selectors import compute_ranking
from tests.evaluation.conftest import APRIL_30

pytestmark = pytest.mark.django_db


def facts(score, criterion) -> list[tuple[bool, str, str]]:
    return [(fact.passed, fact.label, fact.reason) for fact in score.criterion(criterion).facts]


def points(score) -> dict[str, str | None]:
    return {item.criterion: None if item.points is None else str(item.points) for item in score.criteria}


def by_name(scores) -> dict:
    return {score.name: score for score in scores}


def test_departments_are_ranked_by_total_with_every_point_from_their_records(zone_2026):
    scores = compute_ranking("department", APRIL_30)
    assert [(score.rank, score.name, str(score.total)) for score in scores] == [
        (1, "经济发展局", "53.75"),
        (2, "自然资源局", "53.34"),
    ]
    jingfa, land = scores
    # All five apply: the weights are the points.
    assert points(jingfa) == {
        "steps": "25.00", "reports": "10.00", "issues": "0.00", "investment": "18.75", "red": "0.00", "signed": None,
    }  # fmt: skip
    assert facts(jingfa, "steps") == [(True, "吉通机械总部 · 项目备案", "任务时限2026-03-20，2026-03-18完成，按期")]
    assert facts(jingfa, "reports") == [
        (True, "吉通机械总部 · 2026年3月报告", "2026年3月报告按时报送（截止2026-03-25，2026-03-20报送）"),
        (False, "吉通机械总部 · 2026年4月报告", "2026年4月报告逾期2天报送（截止2026-04-25，2026-04-27报送）"),
    ]
    assert facts(jingfa, "issues") == [
        (False, "铸诚门业智能制造 · 立项批复延迟", "办理时限2026-04-20，截至2026-04-30未办结，已逾期10天"),
    ]
    assert facts(jingfa, "investment") == [
        (
            False,
            "吉通机械总部",
            "年度计划3,650.00 万元，截至2026-04-30序时进度1,200.00 万元，本年完成900.00 万元，为序时进度的75.0%",
        )
    ]
    investment = jingfa.criterion("investment")
    assert (investment.numerator, investment.denominator, investment.rate) == (
        Decimal("900.00"), Decimal("1200.00"), Decimal("0.75"),
    )  # fmt: skip
    assert facts(jingfa, "red") == [(False, "吉通机械总部", "2026-04-21起亮红灯：“用地预审”已超过任务时限。")]

    # No project of the 自然资源局 is under construction: investment does not apply and its 25 points are shared
    # out (33.33, 26.67, 26.67, 13.33: cut to the cent, the two cents left to the largest remainders).
    assert points(land) == {
        "steps": "0.00", "reports": "13.34", "issues": "26.67", "investment": None, "red": "13.33", "signed": None,
    }  # fmt: skip
    shares = {item.criterion: item.share for item in land.criteria if item.applicable}
    assert shares == {
        "steps": Decimal("33.33"), "reports": Decimal("26.67"), "issues": Decimal("26.67"), "red": Decimal("13.33"),
    }  # fmt: skip
    assert sum(shares.values()) == Decimal(100)
    assert facts(land, "steps") == [
        (False, "吉通机械总部 · 用地预审", "任务时限2026-04-10，实际完成2026-04-20，逾期10天"),
        (False, "铸诚门业智能制造 · 规划许可", "任务时限2026-04-15，截至2026-04-30未完成，已逾期15天"),
    ]
    assert facts(land, "reports") == [
        (True, "铸诚门业智能制造 · 2026年3月报告", "2026年3月报告按时报送（截止2026-03-25，2026-03-25报送）"),
        (False, "铸诚门业智能制造 · 2026年4月报告", "2026年4月报告截至2026-04-30未报送（截止2026-04-25），已逾期5天"),
    ]
    assert [fact.record_id for fact in land.criterion("reports").facts][1] is None  # no report at all for April
    assert facts(land, "issues") == [
        (True, "吉通机械总部 · 用地指标未落实", "办理时限2026-04-08，2026-04-07办结，按期"),
    ]  # 规划条件未出具 is due on 20 May: not measured yet
    assert facts(land, "red") == [(True, "铸诚门业智能制造", "截至2026-04-30为绿灯（2026-03-01起）")]
    assert land.criterion("investment").facts == ()


def test_officers_are_scored_on_their_projects_and_a_scout_also_on_what_he_signed(zone_2026):
    scores = by_name(compute_ranking("officer", APRIL_30))
    assert [(score.rank, name, str(score.total)) for name, score in scores.items()] == [
        (1, "孙浩", "64.94"),
        (2, "钱多", "26.67"),
    ]
    sun = scores["孙浩"]
    # Six criteria apply to a 招商 officer: 120 points of weight shared out to 100.
    assert {item.criterion: str(item.share) for item in sun.criteria} == {
        "steps": "20.83", "reports": "16.67", "issues": "16.67", "investment": "20.83", "red": "8.33",
        "signed": "16.67",
    }  # fmt: skip
    assert points(sun) == {
        "steps": "10.42", "reports": "8.34", "issues": "16.67", "investment": "15.62", "red": "0.00", "signed": "13.89",
    }  # fmt: skip
    assert facts(sun, "steps") == [
        (True, "吉通机械总部 · 项目备案", "任务时限2026-03-20，2026-03-18完成，按期"),
        (False, "吉通机械总部 · 用地预审", "任务时限2026-04-10，实际完成2026-04-20，逾期10天"),
    ]
    assert facts(sun, "issues") == [
        (True, "吉通机械总部 · 用地指标未落实", "办理时限2026-04-08，2026-04-07办结，按期"),
    ]
    assert facts(sun, "signed") == [
        (True, "精密轴承生产基地", "2026-02-10签约，意向投资2.00 亿元"),
        (False, "年度签约目标", "年度签约目标7.30 亿元，截至2026-04-30序时目标2.40 亿元，已签约2.00 亿元"),
    ]
    signed = sun.criterion("signed")
    assert (signed.numerator, signed.denominator) == (Decimal(20000), Decimal("24000.00"))
    assert [fact.url for fact in signed.facts] == [
        f"/investment/leads/{zone_2026['leads']['signed'].pk}/", "/evaluation/scheme/2026/",
    ]  # fmt: skip

    qian = scores["钱多"]
    assert points(qian) == {
        "steps": "0.00", "reports": "13.34", "issues": "0.00", "investment": None, "red": "13.33", "signed": None,
    }  # fmt: skip
    assert facts(qian, "issues") == [
        (False, "铸诚门业智能制造 · 立项批复延迟", "办理时限2026-04-20，截至2026-04-30未办结，已逾期10天"),
    ]


def test_a_leader_answers_for_every_fact_of_the_projects_he_leads(zone_2026):
    (li,) = compute_ranking("leader", APRIL_30)
    assert (li.rank, li.name, str(li.total)) == (1, "李明", "52.08")
    assert points(li) == {
        "steps": "8.33", "reports": "10.00", "issues": "10.00", "investment": "18.75", "red": "5.00", "signed": None,
    }  # fmt: skip
    steps = li.criterion("steps")
    assert (steps.numerator, steps.denominator, steps.share) == (Decimal(1), Decimal(3), Decimal(25))
    assert [passed for passed, _label, _reason in facts(li, "reports")] == [True, True, False, False]
    assert facts(li, "red") == [
        (False, "吉通机械总部", "2026-04-21起亮红灯：“用地预审”已超过任务时限。"),
        (True, "铸诚门业智能制造", "截至2026-04-30为绿灯（2026-03-01起）"),
    ]


def test_each_fact_links_to_its_record(zone_2026):
    (li,) = compute_ranking("leader", APRIL_30)
    p1, p2 = zone_2026["p1"], zone_2026["p2"]
    assert {fact.url for fact in li.criterion("steps").facts} == {
        f"/projects/{p1.pk}/#steps",
        f"/projects/{p2.pk}/#steps",
    }
    assert [fact.url for fact in li.criterion("issues").facts] == [
        f"/issues/{zone_2026['issues']['land'].pk}/", f"/issues/{zone_2026['issues']['approval'].pk}/",
    ]  # fmt: skip
    assert [fact.record_id for fact in li.criterion("reports").facts] == [
        zone_2026["reports"]["p1_march"].pk, zone_2026["reports"]["p2_march"].pk,
        zone_2026["reports"]["p1_april"].pk, None,
    ]  # fmt: skip


def test_later_in_the_year_the_light_of_the_day_and_the_new_deadlines_count(zone_2026):
    """As of 31 May: P1's light is yellow (from 10 May), 规划条件未出具 is overdue, April's report still missing."""
    scores = by_name(compute_ranking("department", zone_2026["p1"].created_at.date().replace(month=5, day=31)))
    land = scores["自然资源局"]
    assert [passed for passed, _label, _reason in facts(land, "issues")] == [True, False]
    assert facts(land, "issues")[1][2] == "办理时限2026-05-20，截至2026-05-31未办结，已逾期11天"
    jingfa = scores["经济发展局"]
    assert facts(jingfa, "red") == [(True, "吉通机械总部", "截至2026-05-31为黄灯（2026-05-10起）")]
    # May's report (due 25 May) is owed by both projects and missing.
    assert facts(jingfa, "reports")[-1] == (
        False, "吉通机械总部 · 2026年5月报告", "2026年5月报告截至2026-05-31未报送（截止2026-05-25），已逾期6天",
    )  # fmt: skip


def test_a_subject_that_passes_everything_scores_exactly_100(zone_2026):
    """The 经发局 with its issue resolved in time, P1's reports in time, P1 not red and at 序时进度."""
    from diaodu.progress.models import LightChange

    zone_2026["issues"]["approval"].resolved_at = zone_2026["issues"]["land"].resolved_at
    zone_2026["issues"]["approval"].save()
    zone_2026["reports"]["p1_april"].submitted_at = zone_2026["reports"]["p1_march"].submitted_at
    zone_2026["reports"]["p1_april"].investment_done = Decimal(700)
    zone_2026["reports"]["p1_april"].save()
    LightChange.objects.filter(light="red").delete()
    jingfa = by_name(compute_ranking("department", APRIL_30))["经济发展局"]
    assert jingfa.total == Decimal("100.00")
    assert all(item.rate == 1 for item in jingfa.criteria if item.applicable)
