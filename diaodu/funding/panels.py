"""The funding app's panel on a project's page: maturity, applications, and money planned against in place."""

from .models import BondFinance, FundingApplication, FundingSettings
from .permissions import is_funding_manager
from .selectors import funding_overview, project_maturity


def funding_panel(request, project):
    settings = FundingSettings.load()
    applications = list(
        FundingApplication.objects.visible_to(request.user).filter(project=project).order_by("-year", "id")
    )
    bond = BondFinance.objects.visible_to(request.user).filter(project=project).first()
    return {
        "template": "funding/_project_panel.html",
        "maturity": project_maturity(project, settings),
        "applications": applications,
        "overview": funding_overview(project, applications),
        "coverage": bond.coverage(settings.coverage_threshold) if bond else None,
        "can_apply": is_funding_manager(request.user),
    }
