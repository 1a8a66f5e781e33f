"""The investment panel on a project's page: the lead the project came from, its company and its log."""

from .models import Lead


def lead_panel(request, project):
    """Shown on a project converted from a lead the user may see; None (no panel) otherwise."""
    lead = (
        Lead.objects.visible_to(request.user)
        .filter(project=project)
        .select_related("company__organisation", "referrer__organisation", "chain", "officer")
        .first()
    )
    if lead is None:
        return None
    return {
        "template": "investment/_project_panel.html",
        "lead": lead,
        "activities": list(lead.activities.select_related("author").order_by("-date", "-id")[:3]),
    }
