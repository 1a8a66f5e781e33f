"""Reads of dispatch meetings: the list, one meeting's page, and the agenda the office is offered."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _

from diaodu.coordination.choices import UNRESOLVED, EscalationLevel
from diaodu.coordination.models import Issue
from diaodu.progress.choices import Light
from diaodu.progress.models import ProjectLight
from diaodu.projects.models import Project

from .models import AgendaItem, Decision, Meeting

LIGHT_ORDER = {Light.RED: 0, Light.YELLOW: 1, "": 2}


@dataclass(frozen=True)
class Proposal:
    """A project the agenda should take up, and why, in words."""

    project: Project
    light: str  # red, yellow, or "" for a project here only for its escalated issues
    reason: str


def meeting_list_queryset(user):
    return (
        Meeting.objects.visible_to(user)
        .select_related("chair")
        .annotate(agenda_count=Count("agenda", distinct=True), decision_count=Count("decisions", distinct=True))
        .order_by("-date", "-id")
    )


def meeting_detail_queryset(user):
    return (
        Meeting.objects.visible_to(user)
        .select_related("chair")
        .prefetch_related(
            "attendees",
            "departments",
            Prefetch(
                "agenda",
                queryset=AgendaItem.objects.select_related(
                    "project__light", "project__responsible_department", "project__responsible_leader"
                ).order_by("order", "id"),
            ),
            Prefetch(
                "decisions",
                queryset=Decision.objects.select_related("department", "project", "issue__category").order_by(
                    "order", "id"
                ),
            ),
        )
    )


def _sentence(parts: list[str]) -> str:
    """Clauses joined with “；” into one sentence ending with “。”."""
    cleaned = [part.strip().rstrip("。；;.") for part in parts if part and part.strip()]
    return "；".join(cleaned) + "。" if cleaned else ""


def light_reason(light: str, reasons: list[dict]) -> str:
    """“红灯：…。”: the reasons that gave the project its colour (all of them where none is marked)."""
    own = [reason.get("message", "") for reason in reasons if reason.get("light") == light]
    label = Light(light).label
    return _("%(light)s：%(reasons)s") % {"light": label, "reasons": _sentence(own) or _("原因未记录。")}


def escalation_reason(title: str, level: int) -> str:
    return _("问题“%(title)s”逾期未办结，已%(level)s。") % {"title": title, "level": EscalationLevel(level).label}


def agenda_proposals(user) -> list[Proposal]:
    """Red and yellow projects by their stored light, and the projects with escalated issues, each with why.

    Red first, then yellow, then those only here for their issues; the larger investment first within each.
    Three queries whatever the number of projects.
    """
    visible = Project.objects.visible_to(user)
    lights = {
        light.project_id: light
        for light in ProjectLight.objects.filter(light__in=[Light.RED, Light.YELLOW], project__in=visible)
        .select_related("project")
        .order_by()
    }
    escalated: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for project_id, title, level in (
        Issue.objects.filter(status__in=UNRESOLVED, escalation_level__gt=0, project__in=visible)
        .order_by("-escalation_level", "due_date", "pk")
        .values_list("project_id", "title", "escalation_level")
    ):
        escalated[project_id].append((title, level))
    projects = {light.project_id: light.project for light in lights.values()}
    missing = set(escalated) - set(projects)
    if missing:
        projects.update({project.pk: project for project in Project.objects.filter(pk__in=missing)})
    proposals = []
    for project_id, project in projects.items():
        stored = lights.get(project_id)
        parts = [light_reason(stored.light, stored.reasons)] if stored else []
        # An escalated issue the light already names (its issues rule) is not said twice.
        said = parts[0] if parts else ""
        parts += [
            escalation_reason(title, level)
            for title, level in escalated.get(project_id, [])
            if f"“{title}”" not in said
        ]
        proposals.append(Proposal(project, stored.light if stored else "", "".join(parts)))
    proposals.sort(key=lambda p: (LIGHT_ORDER[p.light], -p.project.total_investment, p.project.pk))
    return proposals
