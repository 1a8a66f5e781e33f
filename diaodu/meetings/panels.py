"""Panels on a meeting's page that higher apps add (the bulletin's downloads), and this app's project panel.

An app registers `panel(request, meeting) -> dict | None` in its AppConfig.ready; the dict names a
`template` and carries that template's context, and the meeting page includes it. So `reports`, which
reads meetings, can put its buttons on the page without the meetings app knowing it.
"""

from collections.abc import Callable

MEETING_PANELS: list[tuple[int, Callable]] = []
SHOWN = 8


def register_meeting_panel(panel: Callable, order: int = 100) -> None:
    if panel not in [p for _o, p in MEETING_PANELS]:
        MEETING_PANELS.append((order, panel))
        MEETING_PANELS.sort(key=lambda item: item[0])


def meeting_panels(request, meeting) -> list[dict]:
    return [context for _order, panel in MEETING_PANELS if (context := panel(request, meeting))]


def meetings_panel(request, project):
    """On a project's page: the meetings that took it up, and the decisions made about it."""
    from .models import AgendaItem, Decision, Meeting

    meetings = Meeting.objects.visible_to(request.user)
    items = list(
        AgendaItem.objects.filter(project=project, meeting__in=meetings)
        .select_related("meeting")
        .order_by("-meeting__date", "-meeting_id")[:SHOWN]
    )
    decisions = list(
        Decision.objects.filter(project=project, meeting__in=meetings)
        .select_related("meeting", "department", "issue")
        .order_by("-meeting__date", "order")[:SHOWN]
    )
    if not items and not decisions:
        return None
    return {"template": "meetings/_project_panel.html", "agenda_items": items, "decisions": decisions}
