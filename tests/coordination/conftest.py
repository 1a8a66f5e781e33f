"""Issues on the projects of tests/projects, and the people around them: departments with heads, leaders."""

import pytest

from diaodu.coordination.catalogue import seed_categories
from diaodu.coordination.models import EscalationSettings, IssueCategory
from diaodu.coordination.services import issue_assign, issue_raise
from diaodu.org.choices import Role
from diaodu.org.models import Department
from tests.conftest import make_user
from tests.projects.conftest import *  # noqa: F403  (project_x, project_y and their officers, leader, department)


@pytest.fixture
def categories(db):
    """The default categories (用地 10, 资金 15, 手续 10, 征拆 20, 水电路气 10, 其他 10 working days)."""
    seed_categories(IssueCategory, Department, EscalationSettings)
    return {category.name: category for category in IssueCategory.objects.all()}


@pytest.fixture
def land(categories):
    return categories["用地"]


@pytest.fixture
def land_head(land_bureau, department_user):
    """赵丽, the 自然资源局 user, heads her department."""
    land_bureau.head = department_user.person
    land_bureau.save()
    return department_user.person


@pytest.fixture
def demolition_office(db):
    return Department.objects.create(name="征收办公室", short_name="征收办")


@pytest.fixture
def demolition_user(demolition_office):
    return make_user("zhengshou", roles=[Role.DEPARTMENT], department=demolition_office, name="范志刚")


@pytest.fixture
def raised_issue(project_x, project_officer, land):
    """An issue of project_x raised by its officer, not yet assigned."""
    return issue_raise(
        user=project_officer,
        project=project_x,
        category=land,
        title="用地指标未落实",
        description="一期需新增建设用地约28公顷，年度用地计划指标尚未下达。",
    )


@pytest.fixture
def assigned_issue(raised_issue, dispatcher, land_bureau):
    """The same issue assigned to 自然资源局 today."""
    return issue_assign(user=dispatcher, issue=raised_issue, department=land_bureau)
