"""The progress app's panels on a project's page: its light with the reasons, and its reports with the S-curve."""

from django.utils import timezone

from .choices import ReportStatus
from .models import ProjectLight
from .permissions import can_report
from .selectors import cumulative_investment, s_curve


def light_panel(request, project):
    light = ProjectLight.objects.filter(project=project).first()
    if light is None:
        return None
    return {"template": "progress/_light_panel.html", "position": "top", "light": light}


def progress_panel(request, project):
    today = timezone.localdate()
    reports = list(project.reports.order_by("-period_start")[:12])
    return {
        "template": "progress/_progress_panel.html",
        "reports": reports,
        "curve": s_curve(project, today.year, today),
        "cumulative": cumulative_investment(project),
        "can_report": can_report(request.user, project),
        "pending": [r for r in reports if r.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)],
    }
