"""`manage.py backup` and `restore`: a round trip gives back every table exactly, on SQLite and PostgreSQL."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from diaodu.org.demo import seed_org
from diaodu.org.models import Department, Person

pytestmark = pytest.mark.django_db(transaction=True)


def every_table() -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order."""
    tables = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")
            tables[table] = sorted(cursor.fetchall(), key=repr)
    return tables


def test_a_restored_backup_gives_back_every_table_as_it_was(tmp_path):
    seed_org()
    before = every_table()
    assert before["org_department"], "the fixture should hold data"
    backup_file = tmp_path / "diaodu.backup"

    call_command("backup", output=backup_file)
    Department.objects.create(name="后来新增的部门")
    Person.objects.all().delete()
    assert every_table() != before

    call_command("restore", str(backup_file), no_input=True)
    assert every_table() == before


def test_the_backup_is_written_whole_or_not_at_all(tmp_path):
    backup_file = tmp_path / "nested" / "diaodu.backup"
    call_command("backup", output=backup_file)
    assert backup_file.stat().st_size > 0
    assert list(backup_file.parent.iterdir()) == [backup_file]  # no partial file left beside it


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    seed_org()
    bogus = tmp_path / "notes.txt"
    bogus.write_text("这不是备份文件", encoding="utf-8")
    before = Department.objects.count()
    with pytest.raises(CommandError, match="not a"):
        call_command("restore", str(bogus), no_input=True)
    assert Department.objects.count() == before


def test_restore_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="no such backup file"):
        call_command("restore", str(tmp_path / "missing.backup"), no_input=True)
