"""Standing personas for permission tests: a zone leader, an officer, a dispatch officer, an outsider."""

import pytest
from django.contrib.auth import get_user_model

from diaodu.org.choices import Role
from diaodu.org.models import Department, Person, Zone
from diaodu.org.services import person_give_login

PASSWORD = "Test-pass-2026"


def make_user(username: str, *, roles: list[str], department: Department | None = None, name: str = ""):
    person = Person.objects.create(name=name or username, department=department)
    person_give_login(person=person, username=username, password=PASSWORD, roles=roles)
    return person.user


@pytest.fixture
def zone(db):
    return Zone.objects.create(name="北部新城经济开发区", division_code="220105")


@pytest.fixture
def department(db):
    return Department.objects.create(name="经济发展局", short_name="经发局")


@pytest.fixture
def leader(db, department):
    return make_user("leader", roles=[Role.ZONE_LEADER], name="王建国")


@pytest.fixture
def officer(db, department):
    return make_user("officer", roles=[Role.OFFICER], department=department, name="孙浩")


@pytest.fixture
def dispatcher(db):
    return make_user("dispatch", roles=[Role.DISPATCH], name="周敏")


@pytest.fixture
def administrator(db):
    return make_user("admin", roles=[Role.ADMIN], name="郑洁")


@pytest.fixture
def outsider(db):
    """A login without any role in the zone (e.g. an account created but not yet assigned)."""
    return get_user_model().objects.create_user("outsider", password=PASSWORD)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hashing passwords slowly is a production virtue and a test-suite cost."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_working_day_calendar():
    """The calendar is cached per process; a test's rolled-back CalendarDay rows must not outlive it."""
    from diaodu.core import workdays

    workdays.invalidate()
    yield
    workdays.invalidate()
