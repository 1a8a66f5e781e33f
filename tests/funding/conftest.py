"""Funding applications on the projects of tests/projects, and the people who keep them: 财政局, 经发局."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from diaodu.funding.catalogue import seed_items
from diaodu.funding.models import FundingSettings, MaturityItem
from diaodu.funding.services import application_create
from diaodu.org.choices import Role
from diaodu.org.models import Department
from diaodu.projects.models import ProcedureType
from tests.conftest import make_user
from tests.projects.conftest import *  # noqa: F403  (project_x, project_y and their officers, leader, department)


@pytest.fixture
def items(db):
    """The default checklist (weights 10 15 10 15 10 10 5 10 10 5), by code."""
    seed_items(MaturityItem, FundingSettings)
    return {item.code: item for item in MaturityItem.objects.all()}


@pytest.fixture
def finance_bureau(db):
    return Department.objects.create(name="财政局", short_name="财政局")


@pytest.fixture
def finance_user(finance_bureau):
    """严素芳, a user of 财政局 (a funding department)."""
    return make_user("caizheng", roles=[Role.DEPARTMENT], department=finance_bureau, name="严素芳")


@pytest.fixture
def economy_user(department):
    """郭建华, a department user of 经济发展局 (the `department` fixture), the other funding department."""
    return make_user("jingfa", roles=[Role.DEPARTMENT], department=department, name="郭建华")


@pytest.fixture
def procedure_types(db):
    """The catalogue's procedure types, by code (the migration loads them; a flushed database may not have them)."""
    from diaodu.projects.catalogue import load_catalogue
    from diaodu.projects.models import ScheduleTemplate, TemplateStep

    load_catalogue(ProcedureType, ScheduleTemplate, TemplateStep)
    return {kind.code: kind for kind in ProcedureType.objects.all()}


@pytest.fixture
def application(project_x, finance_user, items):
    """A 专项债 application of project_x for this year, 谋划 90 days ago."""
    return application_create(
        user=finance_user,
        project=project_x,
        channel="special_bond",
        year=2026,
        requested_amount=Decimal("10000"),
        conceived_on=timezone.localdate() - dt.timedelta(days=90),
    )


def walk(application, user, to: str, **amounts):
    """Advance an application along the flow from where it stands up to `to`, all today."""
    from diaodu.funding.choices import ApplicationStatus as S
    from diaodu.funding.services import application_advance

    path = [S.REGISTERED, S.SUBMITTED, S.REVIEWING]
    path += {S.APPROVED: [S.APPROVED], S.REJECTED: [S.REJECTED], S.RECEIVED: [S.APPROVED, S.RECEIVED]}.get(to, [])
    path = path[: path.index(to) + 1]
    if application.status in path:  # already part of the way
        path = path[path.index(application.status) + 1 :]
    for status in path:
        extra = {}
        if status == S.APPROVED:
            extra["approved_amount"] = amounts.get("approved_amount", application.requested_amount)
        if status == S.RECEIVED:
            extra["received_amount"] = amounts.get("received_amount", application.approved_amount)
        application = application_advance(user=user, application=application, status=status, **extra)
    return application
