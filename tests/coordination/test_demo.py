"""The demo issues: every state of the life cycle on the demo projects, escalated ones with their notices."""

import pytest
from django.core.management import call_command
from django.http import HttpRequest
from django.utils import timezone

from diaodu.coordination.choices import UNRESOLVED
from diaodu.coordination.demo import ISSUES
from diaodu.coordination.models import Issue, IssueCategory, SupervisionNotice
from diaodu.org.models import Department

pytestmark = pytest.mark.django_db


def test_seed_demo_loads_issues_in_every_state_and_is_idempotent(client):
    call_command("seed_demo")
    counts = (Issue.objects.count(), SupervisionNotice.objects.count(), Issue.history.count())
    call_command("seed_demo")
    assert (Issue.objects.count(), SupervisionNotice.objects.count(), Issue.history.count()) == counts

    # The dispatch meetings of the demo raise issues of their own (source 调度会).
    assert Issue.objects.filter(title__in=[issue.title for issue in ISSUES]).count() == len(ISSUES) >= 30
    assert set(Issue.objects.values_list("status", flat=True)) == {
        "open",
        "assigned",
        "in_progress",
        "resolved",
        "closed",
    }
    assert Issue.objects.filter(reopened_count__gt=0).exists()
    assert Issue.objects.filter(source="meeting", project=None).exists()
    today = timezone.localdate()
    overdue = Issue.objects.filter(status__in=UNRESOLVED, due_date__lt=today)
    assert overdue.count() >= 5
    assert set(overdue.values_list("escalation_level", flat=True)) == {1, 2, 3}
    assert not Issue.objects.filter(status__in=UNRESOLVED, due_date__gte=today, escalation_level__gt=0).exists()
    for issue in Issue.objects.filter(escalation_level__gt=0):
        assert sorted(issue.notices.values_list("level", flat=True)) == list(range(1, issue.escalation_level + 1))
    assert Issue.objects.filter(status="in_progress", responses__kind="comment").exists()

    land_bureau = Department.objects.get(name="自然资源局")
    assert land_bureau.head.name == "赵丽"
    assert not Department.objects.filter(head=None).exists()
    assert IssueCategory.objects.get(name="征拆").sla_workdays == 20

    # The demo logins of a department, an officer and a responsible leader each have issues to look at.
    for username in ("dept", "officer", "baobao"):
        client.login(request=HttpRequest(), username=username, password="Diaodu@2026")
        assert client.get("/api/issues/").json()["count"] > 0
