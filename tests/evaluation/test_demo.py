"""The demo: this year's scheme with the default weights and a snapshot of each past month, idempotent."""

import datetime as dt
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from diaodu.evaluation.models import EvaluationScheme, EvaluationSnapshot, EvaluationSnapshotRow

pytestmark = pytest.mark.django_db


def _state() -> tuple:
    return (
        EvaluationScheme.history.count(),
        list(EvaluationSnapshot.objects.order_by("pk").values_list("pk", "month", "kind", "taken_at", "is_current")),
        EvaluationSnapshotRow.objects.count(),
    )


def test_the_demo_keeps_a_snapshot_of_each_past_month_and_a_second_run_changes_nothing(db):
    call_command("seed_demo", stdout=StringIO())
    today = timezone.localdate()
    scheme = EvaluationScheme.objects.get(year=today.year)
    assert scheme.weights == {
        "steps": 25, "reports": 20, "issues": 20, "investment": 25, "red": 10, "signed": 20,
    }  # fmt: skip
    months = sorted(set(EvaluationSnapshot.objects.values_list("month", flat=True)))
    assert [month.month for month in months] == list(range(1, today.month))
    for month in months:
        kinds = set(EvaluationSnapshot.objects.filter(month=month).values_list("kind", flat=True))
        assert kinds == {"department", "officer", "leader"}, month
    snapshot = EvaluationSnapshot.objects.filter(kind="department").order_by("month").last()
    if snapshot is not None:
        assert snapshot.as_of.month == snapshot.month.month and (snapshot.as_of + dt.timedelta(days=1)).day == 1
        assert snapshot.taken_by is None and snapshot.rows.count() >= 5
        # Places move from month to month: the ranking page has something to show.
        ranks = EvaluationSnapshotRow.objects.filter(snapshot__kind="officer").values_list("subject_id", "rank")
        by_subject: dict[int, set[int]] = {}
        for subject_id, rank in ranks:
            by_subject.setdefault(subject_id, set()).add(rank)
        if len(months) > 1:
            assert any(len(places) > 1 for places in by_subject.values())

    before = _state()
    config = apps.get_app_config("evaluation")
    config.seed_demo(StringIO())
    config.after_seed_demo(StringIO())
    assert _state() == before
