"""A small project network and the personas around it."""

import datetime as dt
from decimal import Decimal

import pytest

from diaodu.org.choices import Role
from diaodu.org.models import Area, Department
from diaodu.projects.models import Project, Step, StepDependency
from diaodu.projects.services import project_recompute_schedule
from tests.conftest import make_user


@pytest.fixture
def land_bureau(db):
    return Department.objects.create(name="自然资源局")


@pytest.fixture
def park(db):
    return Area.objects.create(name="洁净工业园", kind="park")


@pytest.fixture
def project_officer(db, department):
    return make_user("officer_x", roles=[Role.OFFICER], department=department, name="孙浩")


@pytest.fixture
def other_officer(db, department):
    return make_user("officer_y", roles=[Role.OFFICER], department=department, name="钱多")


@pytest.fixture
def responsible_leader(db):
    return make_user("baobao", roles=[Role.RESPONSIBLE_LEADER], name="李明")


@pytest.fixture
def department_user(db, land_bureau):
    return make_user("dept", roles=[Role.DEPARTMENT], department=land_bureau, name="赵丽")


def build_project(name, *, officer=None, leader=None, department=None, area=None, planned_start=None, **fields):
    project = Project.objects.create(
        name=name,
        total_investment=fields.pop("total_investment", Decimal("50000")),
        responsible_officer=officer.person if officer else None,
        responsible_leader=leader.person if leader else None,
        responsible_department=department,
        area=area,
        planned_start=planned_start,
        **fields,
    )
    return project


@pytest.fixture
def project_x(db, project_officer, responsible_leader, department, park):
    """Three steps: 备案 (5) → 用地预审 (20) → 开工 (milestone, deadline 2026-11-30)."""
    project = build_project(
        "吉通机械总部", officer=project_officer, leader=responsible_leader, department=department, area=park,
        planned_start=dt.date(2026, 11, 30),
    )  # fmt: skip
    filing = Step.objects.create(project=project, name="项目备案", duration_days=5, sort_order=0)
    land = Step.objects.create(project=project, name="用地预审", duration_days=20, sort_order=1)
    start = Step.objects.create(
        project=project, name="开工", kind="milestone", duration_days=0, deadline=dt.date(2026, 11, 30), sort_order=2
    )
    StepDependency.objects.create(predecessor=filing, successor=land)
    StepDependency.objects.create(predecessor=land, successor=start, lag_days=2)
    project_recompute_schedule(project=project, as_of=dt.date(2026, 9, 28))
    return project


@pytest.fixture
def project_y(db, other_officer, department):
    project = build_project("铸诚门业智能制造", officer=other_officer, department=department)
    Step.objects.create(project=project, name="项目备案", duration_days=5)
    return project
