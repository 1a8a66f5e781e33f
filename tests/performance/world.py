"""The world the query counts are measured on, at two sizes of the same shape, and the URLs filled from it.

SMALL is the demo zone (`seed_demo`: 74 projects with steps, reports, lights, issues, parcels, funding
applications, leads, companies, meetings with decisions, indicator values, an evaluation snapshot, a bulletin).
LARGE is the same zone grown: generated projects with a year of monthly reports, issues, parcels, leads and
indicator values (`scale_data_generate`), and more of the records the generator does not write. Detail pages look
at the first record of each kind (lowest id), which is the same record at both sizes.
"""

from __future__ import annotations

import datetime as dt
import re

from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver

from diaodu.coordination.models import Issue, IssueCategory
from diaodu.core.models import CalendarDay
from diaodu.funding.models import FundingApplication
from diaodu.indicators.models import Indicator
from diaodu.investment.models import Company, Lead
from diaodu.land.models import Parcel
from diaodu.meetings.models import Decision, Meeting
from diaodu.notify.models import Notification
from diaodu.org.models import Area, Department, Organisation, Person, Zone
from diaodu.progress.models import ProgressReport
from diaodu.projects.models import Project, Step
from diaodu.reports.models import Bulletin


def routes() -> list[str]:
    """Every route of the URL resolver as its pattern text (`api/^projects/(?P<pk>[^/.]+)/$`), admin's included."""

    def walk(resolver, prefix: str):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern)

    return list(dict.fromkeys(walk(get_resolver(), "")))


def fill(route: str, values: dict[str, object]) -> str:
    """The path of `route` with its parameters (`<int:pk>` or `(?P<pk>…)`) replaced from `values`."""
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values[m.group(1)]), route)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), path)
    return "/" + path.replace("^", "").replace("$", "")


def first(model, **filters):
    return model.objects.filter(**filters).order_by("pk").first()


def ids() -> dict[str, dict[str, object]]:
    """The parameters of each kind of detail URL, from the first record of that kind."""
    project = first(Project, steps__isnull=False)
    report = first(ProgressReport, project=project) or first(ProgressReport)
    leader = get_user_model().objects.get(username="leader")
    history = project.history.order_by("history_id").first()
    department = project.responsible_department or first(Department)
    return {
        "project": {"pk": project.pk},
        "step": {"pk": project.pk, "step_pk": first(Step, project=project).pk},
        "project_pk_step": {"project_pk": project.pk, "pk": first(Step, project=project).pk},
        "report": {"pk": report.pk},
        "report_pk": {"report_pk": report.pk},
        "issue": {"pk": first(Issue).pk},
        "issue_category": {"pk": first(IssueCategory).pk},
        "notification": {"pk": first(Notification, recipient=leader).pk},
        "parcel": {"pk": first(Parcel).pk},
        "application": {"pk": first(FundingApplication).pk},
        "company": {"pk": first(Company).pk},
        "lead": {"pk": first(Lead).pk},
        "meeting": {"pk": first(Meeting).pk},
        "decision": {"pk": first(Decision).pk},
        "bulletin": {"pk": first(Bulletin).pk},
        "person": {"pk": first(Person).pk},
        "department": {"pk": first(Department).pk},
        "area": {"pk": first(Area).pk},
        "organisation": {"pk": first(Organisation).pk},
        "zone": {"pk": first(Zone).pk},
        "calendar_day": {
            "pk": (first(CalendarDay) or CalendarDay.objects.create(date=dt.date(2026, 10, 1), kind="holiday")).pk
        },
        "indicator": {"code": first(Indicator).code},
        "year": {"year": dt.date.today().year},
        "indicator_year": {"code": first(Indicator).code, "year": dt.date.today().year},
        "audit": {"label": "projects.project", "history_id": history.history_id},
        "evaluation": {"kind": "department", "subject_id": department.pk},
    }
