"""Reads of issue coordination: the list, one issue's page, and the facts the traffic lights need."""

import datetime as dt
from collections import defaultdict

from django.db.models import Prefetch, Q
from django.utils import timezone

from .choices import UNRESOLVED
from .models import Issue, IssueResponse, SupervisionNotice

LIST_RELATED = ["project__responsible_leader", "category", "department", "raised_by"]


def overdue_q(as_of: dt.date | None = None) -> Q:
    """Unresolved issues whose due date has passed."""
    return Q(status__in=UNRESOLVED, due_date__lt=as_of or timezone.localdate())


def issue_list_queryset(user):
    """The issues a user may see, with what the list shows, in a fixed number of queries."""
    return Issue.objects.visible_to(user).select_related(*LIST_RELATED).order_by("-created_at", "-id")


def issue_detail_queryset(user):
    """One issue's page: its thread, notices and attachments come with it."""
    return (
        Issue.objects.visible_to(user)
        .select_related(*LIST_RELATED, "project__responsible_officer", "department__head", "report", "closed_by")
        .prefetch_related(
            Prefetch(
                "responses",
                queryset=IssueResponse.objects.select_related("person", "author").order_by("created_at", "id"),
            ),
            Prefetch("notices", queryset=SupervisionNotice.objects.select_related("recipient")),
            "attachments",
        )
    )


def issue_light_facts(project_ids, as_of: dt.date) -> dict[int, dict]:
    """Per project with an unresolved issue past due or escalated: the titles of those issues.

    `{project_id: {"overdue": [titles past their due date], "escalated": [titles with escalation_level > 0]}}`;
    projects without such issues are left out. One query.
    """
    rows = (
        Issue.objects.filter(project_id__in=list(project_ids), status__in=UNRESOLVED)
        .filter(Q(due_date__lt=as_of) | Q(escalation_level__gt=0))
        .order_by("due_date", "pk")
        .values_list("project_id", "title", "due_date", "escalation_level")
    )
    facts: dict[int, dict] = defaultdict(lambda: {"overdue": [], "escalated": []})
    for project_id, title, due_date, level in rows:
        if due_date is not None and due_date < as_of:
            facts[project_id]["overdue"].append(title)
        if level > 0:
            facts[project_id]["escalated"].append(title)
    return dict(facts)
