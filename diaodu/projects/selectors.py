"""Reads for the registry pages."""

import datetime as dt

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from diaodu.org.models import Person

from .choices import StepStatus
from .models import Project, Step

# The list's person filters: the menu's name → the project field it filters on.
PEOPLE_FILTERS = {"leader": "responsible_leader", "officer": "responsible_officer"}
PEOPLE_MATCHES = 20


def project_list_queryset(user):
    """The projects a user may see, with what the list shows, in a fixed number of queries."""
    return (
        Project.objects.visible_to(user)
        .select_related(
            "area",
            "owner",
            "responsible_leader",
            "responsible_officer",
            "responsible_department",
            "schedule_worst_step",
        )
        .order_by("-total_investment", "id")
    )


def responsible_people(projects, *, role: str, term: str = "", limit: int = PEOPLE_MATCHES) -> list[Person]:
    """The first people (by name) who lead, or answer as officer for, one of `projects`, named like `term`.

    One query at any size: each person is checked with an index probe on the projects' foreign key (EXISTS), never
    by a DISTINCT over the join of all projects.
    """
    answering = projects.order_by().filter(**{f"{PEOPLE_FILTERS[role]}_id": OuterRef("pk")})
    people = Person.objects.filter(Exists(answering)).only("pk", "name").order_by("name", "pk")
    if term:
        people = people.filter(name__icontains=term)
    return list(people[:limit])


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def gantt_data(project: Project, steps: list[Step]) -> dict:
    """What the Gantt chart draws: per step its early and latest bars, float, and whether it is critical."""
    rows = []
    for step in steps:
        if step.status == StepStatus.NOT_APPLICABLE:
            continue
        rows.append(
            {
                "id": step.pk,
                "name": step.name,
                "status": step.status,
                "status_label": str(step.get_status_display()),
                "milestone": step.duration_days == 0,
                "early_start": _iso(step.early_start),
                "early_finish": _iso(step.early_finish),
                "late_start": _iso(step.late_start),
                "late_finish": _iso(step.late_finish),
                "float": step.total_float,
                "critical": step.critical,
                "deadline": _iso(step.deadline),
            }
        )
    labels = {
        "early": _("最早"),
        "late": _("最迟"),
        "float": _("浮动"),
        "days": _("个工作日"),
        "today": _("今天"),
        "deadline": _("时限"),
    }
    return {
        "today": timezone.localdate().isoformat(),
        "steps": rows,
        "feasible": project.schedule_feasible,
        "height": 70 + 34 * len(rows),
        "labels": {key: str(value) for key, value in labels.items()},
    }
