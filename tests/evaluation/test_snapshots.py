"""Monthly snapshots keep past rankings as they were: later edits leave them alone; replaced only when asked."""

from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from diaodu.core.nightly import nightly_jobs
from diaodu.evaluation.models import EvaluationScheme, EvaluationSnapshot
from diaodu.evaluation.selectors import compute_ranking, month_ranking
from diaodu.evaluation.services import month_snapshots_take, nightly_snapshot, scheme_save, snapshot_take
from diaodu.progress.models import ProgressReport
from tests.evaluation.conftest import APRIL_30, D, at
from tests.progress.conftest import at_noon

pytestmark = pytest.mark.django_db
APRIL = D(2026, 4, 1)
MAY_2 = D(2026, 5, 2)


def ranking_json(client, kind: str) -> dict:
    return client.get(reverse("api-evaluation-ranking"), {"kind": kind, "month": "2026-04"}).json()


def main(response) -> str:
    """The page's content (the navigation carries the session's CSRF token, which changes)."""
    return response.text.split("<main", 1)[1]


def test_a_snapshot_keeps_every_rank_total_and_fact_of_the_month(zone_2026, dispatcher):
    snapshot, taken = snapshot_take(kind="department", month=APRIL, user=dispatcher, today=MAY_2)
    assert taken and snapshot.as_of == APRIL_30 and snapshot.taken_by == dispatcher
    assert snapshot.weights == {
        "steps": "25.00", "reports": "20.00", "issues": "20.00", "investment": "25.00", "red": "10.00",
        "signed": "20.00",
    }  # fmt: skip
    rows = list(snapshot.rows.values_list("rank", "subject_name", "total", "subject_kind"))
    assert rows == [
        (1, "经济发展局", Decimal("53.75"), "department"),
        (2, "自然资源局", Decimal("53.34"), "department"),
    ]
    steps = snapshot.rows.get(rank=2).breakdown["criteria"][0]
    assert steps["criterion"] == "steps" and (steps["numerator"], steps["denominator"], steps["points"]) == (
        "0", "2", "0.00",
    )  # fmt: skip
    assert [fact["reason"] for fact in steps["facts"]] == [
        "任务时限2026-04-10，实际完成2026-04-20，逾期10天",
        "任务时限2026-04-15，截至2026-04-30未完成，已逾期15天",
    ]


def test_later_edits_to_projects_reports_issues_and_the_scheme_leave_a_snapshot_unchanged(
    client, zone_2026, dispatcher, leader
):
    with time_machine.travel(at_noon(MAY_2), tick=False):
        results = month_snapshots_take(month=APRIL, user=dispatcher)
        assert all(taken for _snapshot, taken in results.values())
        client.force_login(leader)
        before = {kind: ranking_json(client, kind) for kind in ("department", "officer", "leader")}
        page_before = main(client.get(reverse("evaluation-ranking"), {"kind": "department", "month": "2026-04"}))
        p1, p2 = zone_2026["p1"], zone_2026["p2"]
        detail_url = reverse("evaluation-breakdown", args=["department", p1.responsible_department_id])
        detail_before = main(client.get(detail_url, {"month": "2026-04"}))
        # The April report of P2 is filed late, the overdue step is done, the issue resolved, the red light
        # rewritten, a project renamed, and the scheme's weights changed.
        ProgressReport.objects.create(
            project=p2, frequency="monthly", period_start=D(2026, 4, 1), period_end=D(2026, 4, 30),
            due_date=D(2026, 4, 25), status="submitted", submitted_at=at(D(2026, 4, 26)), progress_text="补报",
        )  # fmt: skip
        zone_2026["steps"]["planning"].actual_finish = D(2026, 4, 14)
        zone_2026["steps"]["planning"].status = "done"
        zone_2026["steps"]["planning"].save()
        zone_2026["issues"]["approval"].resolved_at = at(D(2026, 4, 18))
        zone_2026["issues"]["approval"].status = "resolved"
        zone_2026["issues"]["approval"].save()
        p1.light_changes.filter(light="red").update(light="green")
        p1.name = "吉通机械总部（二期）"
        p1.save()
        scheme_save(
            user=dispatcher, year=2026, signed_target=Decimal(1000),
            weights={"steps": 60, "reports": 10, "issues": 10, "investment": 10, "red": 10, "signed": 0},
        )  # fmt: skip
        after = {kind: ranking_json(client, kind) for kind in ("department", "officer", "leader")}
        page_after = main(client.get(reverse("evaluation-ranking"), {"kind": "department", "month": "2026-04"}))
        detail_after = main(client.get(detail_url, {"month": "2026-04"}))
        live = compute_ranking("department", APRIL_30)
    assert after == before
    assert before["department"]["source"] == "snapshot"
    assert [row["total"] for row in after["department"]["rows"]] == ["53.75", "53.34"]
    assert page_after == page_before and "53.75" in page_after
    assert (
        detail_after == detail_before and "吉通机械总部 · 项目备案" in detail_after and "（二期）" not in detail_after
    )
    # Computed afresh, the same month would now read very differently.
    assert [(score.name, str(score.total)) for score in live] == [("经济发展局", "92.50"), ("自然资源局", "61.12")]


def test_a_month_with_a_snapshot_keeps_it_unless_asked_to_replace_it(zone_2026, dispatcher):
    first, taken = snapshot_take(kind="officer", month=APRIL, user=dispatcher, today=MAY_2)
    assert taken
    zone_2026["steps"]["land"].actual_finish = D(2026, 4, 9)
    zone_2026["steps"]["land"].save()
    again, taken = snapshot_take(kind="officer", month=APRIL, user=dispatcher, today=MAY_2)
    assert (again, taken) == (first, False)
    assert first.rows.get(subject_name="孙浩").total == Decimal("64.94")
    replaced, taken = snapshot_take(kind="officer", month=APRIL, user=dispatcher, replace=True, today=MAY_2)
    assert taken and replaced != first and replaced.rows.get(subject_name="孙浩").total == Decimal("75.35")
    first.refresh_from_db()
    assert not first.is_current and first.replaced_at is not None and first.rows.count() == 2  # kept, not current
    assert EvaluationSnapshot.objects.filter(kind="officer", month=APRIL, is_current=True).get() == replaced


def test_only_an_ended_month_is_snapshotted_and_only_by_the_dispatch_office(zone_2026, dispatcher, leader):
    with pytest.raises(ValidationError, match="2026年4月尚未结束"):
        snapshot_take(kind="department", month=APRIL, user=dispatcher, today=APRIL_30)
    with pytest.raises(PermissionDenied, match="只有项目办"):
        snapshot_take(kind="department", month=APRIL, user=leader, today=MAY_2)
    assert not EvaluationSnapshot.objects.exists()


def test_a_month_without_data_gets_no_snapshot_and_a_year_without_a_scheme_gets_the_default_one(db):
    assert snapshot_take(kind="leader", month=D(2025, 3, 1), today=MAY_2) == (None, False)
    scheme = EvaluationScheme.objects.get(year=2025)
    assert scheme.weights["steps"] == Decimal(25) and scheme.history.get().history_change_reason == (
        "按默认权重建立2025年考核方案"
    )


def test_the_command_takes_the_previous_month_and_says_when_one_is_kept(zone_2026):
    out = StringIO()
    with time_machine.travel(at_noon(D(2026, 5, 3)), tick=False):
        call_command("evaluation_snapshot", stdout=out)
        assert "2026-04 责任单位：已留存，2 行" in out.getvalue()
        assert "2026-04 包保干部：已留存，2 行" in out.getvalue()
        out = StringIO()
        call_command("evaluation_snapshot", "--month", "2026-04", stdout=out)
        assert "已有快照" in out.getvalue() and "--replace" in out.getvalue()
        out = StringIO()
        call_command("evaluation_snapshot", "--month", "2026-04", "--replace", stdout=out)
        assert out.getvalue().count("已留存") == 3
        with pytest.raises(CommandError, match="尚未结束"):
            call_command("evaluation_snapshot", "--month", "2026-05")
        with pytest.raises(CommandError, match="YYYY-MM"):
            call_command("evaluation_snapshot", "--month", "April")
    assert EvaluationSnapshot.objects.filter(is_current=False).count() == 3


def test_the_first_nightly_run_of_a_month_keeps_the_previous_month(zone_2026):
    assert ("evaluation", nightly_snapshot) in nightly_jobs()
    assert nightly_snapshot(D(2026, 5, 1)) == "2026-04 snapshots taken: department, officer, leader; 5 rows"
    assert nightly_snapshot(D(2026, 5, 2)) == "2026-04 snapshots already kept"
    assert EvaluationSnapshot.objects.filter(month=APRIL, taken_by=None).count() == 3


def test_a_past_month_without_a_snapshot_is_computed_as_of_its_last_day(zone_2026):
    ranking = month_ranking("leader", APRIL, today=D(2026, 6, 10))
    assert ranking.is_live and not ranking.is_current_month and ranking.as_of == APRIL_30
    assert ranking.rows[0]["total"] == "52.08"
    current = month_ranking("leader", D(2026, 6, 1), today=D(2026, 6, 10))
    assert current.is_current_month and current.as_of == D(2026, 6, 10)


def test_the_previous_months_snapshot_gives_each_row_its_movement(zone_2026):
    nightly_snapshot(D(2026, 5, 1))
    may = month_ranking("department", D(2026, 5, 1), today=D(2026, 5, 31))
    assert may.previous_ranks == {
        zone_2026["p1"].responsible_department_id: 1,
        zone_2026["p2"].responsible_department_id: 2,
    }
    assert [(row["name"], row["rank"]) for row in may.rows] == [("经济发展局", 1), ("自然资源局", 2)]
