"""The land ledger's panel on a project's page: the parcels that serve the project and its land steps."""

from .models import Parcel
from .selectors import pending_land_steps


def parcels_panel(request, project):
    """Shown where the project has parcels or land steps still open; None (no panel) otherwise."""
    parcels = list(Parcel.objects.visible_to(request.user).filter(projects=project).select_related("area"))
    steps = list(pending_land_steps().filter(project=project).select_related("procedure_type"))
    if not parcels and not steps:
        return None
    return {
        "template": "land/_project_panel.html",
        "parcels": parcels,
        "pending_steps": steps,
        "area_ha": sum((parcel.area_ha for parcel in parcels), start=0),
    }
