"""The registry a ledger is imported into: people, departments, a platform company, two projects already there."""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from diaodu.org.models import Area, Department, Organisation, Person
from diaodu.projects.models import Project

from .workbooks import realistic_ledger

EXISTING_CODE = "2104-220105-04-01-38194X"


@pytest.fixture(autouse=True)
def in_chinese():
    """Messages in the zone's language, whatever language an earlier test's request left active."""
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def registry(db, department):
    """李明 and 孙浩, the 经济发展局 (经发局) and the 建设局, 聚丰公司, the 洁净工业园, and two projects:
    one registered under another name with the code of 吉通机械总部, and 铸诚门业智能制造 without a code."""
    Person.objects.create(name="李明", title="管委会副主任")
    Person.objects.create(name="孙浩", department=department)
    Department.objects.create(name="建设局")
    Organisation.objects.create(name="聚丰城市建设投资有限公司", short_name="聚丰公司", kind="platform")
    Area.objects.create(name="洁净工业园", kind="park")
    Project.objects.create(name="吉通机械总部（一期）", code=EXISTING_CODE, total_investment=Decimal("45000"))
    Project.objects.create(name="铸诚门业智能制造", total_investment=Decimal("10000"), category="other")
    return department


@pytest.fixture
def realistic(tmp_path):
    return realistic_ledger(tmp_path / "台账2026.xlsx")


def run(path, *args) -> tuple[int, str]:
    """`manage.py import_ledger PATH ARGS…` in-process: (exit status, what it printed)."""
    out = StringIO()
    try:
        call_command("import_ledger", str(path), *args, stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue()
    return 0, out.getvalue()


def run_json(path, *args) -> tuple[int, dict]:
    status, printed = run(path, "--json", *args)
    return status, json.loads(printed)
