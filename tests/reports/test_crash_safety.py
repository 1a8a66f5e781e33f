"""A bulletin process killed (SIGKILL) mid-way leaves consistent data: no half-written file under its name, and
no bulletin row naming files it does not have. See diaodu/core/faults.py and tests/crash_harness.py."""

import pytest

from ..crash_harness import migrated

SETUP = """
import datetime as dt
from decimal import Decimal
from diaodu.org.models import Department, Zone
from diaodu.projects.models import InvestmentPlan, Project
from diaodu.reports.models import Bulletin
Zone.objects.create(name="北部新城经济开发区", division_code="220105")
department = Department.objects.create(name="经济发展局")
for i in range(3):
    project = Project.objects.create(name=f"崩溃测试项目{i}", total_investment=10000 + i, stage="construction",
                                     responsible_department=department)
    InvestmentPlan.objects.create(project=project, year=2026, amount=Decimal(1000))
print(Bulletin.objects.create(as_of=dt.date(2026, 11, 20)).pk)
"""


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    database = migrated(tmp_path_factory.mktemp("bulletin-crash-base"))
    assert database.python(SETUP).strip() == "1"
    return database


@pytest.fixture
def database(prepared, tmp_path):
    return prepared.copy_to(tmp_path)


def test_the_command_killed_while_writing_leaves_the_old_file_whole(database, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    output = folder / "通报.docx"
    output.write_bytes(b"the bulletin of last week")
    database.kill_at("bulletin_write", "bulletin", "--format", "docx", "--output", str(output), "--as-of", "2026-11-20")
    assert output.read_bytes() == b"the bulletin of last week"
    # What the killed process wrote stays in its hidden temporary file, never under the file's name.
    assert [path.name for path in folder.iterdir() if not path.name.startswith(".")] == ["通报.docx"]
    database.manage("bulletin", "--format", "docx", "--output", str(output), "--as-of", "2026-11-20")
    assert output.read_bytes().startswith(b"PK")  # a whole Word file now


def test_the_task_killed_between_files_names_none_of_them(database):
    code = "from diaodu.reports.services import bulletin_generate\nbulletin_generate(1)\n"
    # Killed after the Word file is in place (the first pause), before the PDF and the row's last update.
    database.kill_at("bulletin_generate", "shell", "--no-imports", "-c", code)
    status, progress, docx, pdf, xlsx = database.rows("SELECT status, progress, docx, pdf, xlsx FROM reports_bulletin")[
        0
    ]
    assert (status, progress, docx, pdf, xlsx) == ("running", 45, "", "", "")
    media = database.directory / "media" / "bulletins" / "2026"
    assert [path.name for path in media.iterdir() if not path.name.startswith(".")] == ["bulletin-20261120-1.docx"]
    # The nightly job marks it failed once it has made no progress for an hour.
    database.python(
        "import datetime as dt\nfrom django.utils import timezone\n"
        "from diaodu.reports.services import bulletins_fail_stalled\n"
        "print(bulletins_fail_stalled(now=timezone.now() + dt.timedelta(hours=2)))"
    )
    assert database.rows("SELECT status FROM reports_bulletin") == [("failed",)]
