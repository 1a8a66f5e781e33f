"""The coordination app's panel on a project's page: the project's issues, and a button to raise one."""

from django.db.models import Case, F, IntegerField, Value, When
from django.utils import timezone

from .choices import UNRESOLVED
from .models import Issue
from .permissions import may_raise

SHOWN = 10


def issues_panel(request, project):
    issues = (
        Issue.objects.visible_to(request.user)
        .filter(project=project)
        .select_related("category", "department")
        # Unresolved first, the most urgent at the top.
        .annotate(
            settled=Case(When(status__in=UNRESOLVED, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        .order_by("settled", F("due_date").asc(nulls_last=True), "-created_at")
    )
    rows = list(issues[: SHOWN + 1])
    today = timezone.localdate()
    return {
        "template": "coordination/_project_panel.html",
        "issues": rows[:SHOWN],
        "more": len(rows) > SHOWN,
        "overdue": [issue for issue in rows if issue.is_overdue_on(today)],
        "can_raise": may_raise(request.user, project),
    }
