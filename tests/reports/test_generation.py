"""Bulletins made in the background: the task, its progress, its files written whole, the weekly one, the command."""

import datetime as dt
import io
import os
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from openpyxl import load_workbook

from diaodu.core.nightly import nightly_jobs
from diaodu.reports import services
from diaodu.reports.models import Bulletin
from diaodu.reports.services import bulletin_generate, bulletin_request, bulletins_fail_stalled, weekly_bulletin
from tests.reports.conftest import JUNE_30

pytestmark = pytest.mark.django_db


def word_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_a_requested_bulletin_is_made_by_the_task_with_its_three_files(
    zone_june, dispatcher, media_in_tmp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        bulletin = bulletin_request(user=dispatcher, meeting=zone_june["second"])
    bulletin.refresh_from_db()
    assert (bulletin.status, bulletin.progress, bulletin.error) == ("done", 100, "")
    assert bulletin.as_of == dt.date(2026, 6, 29)  # the meeting's date
    assert bulletin.started_at <= bulletin.finished_at and bulletin.created_by == dispatcher
    for fmt in ("docx", "pdf", "xlsx"):
        path = Path(media_in_tmp) / bulletin.file_for(fmt).name
        assert path.is_file() and path.name == f"bulletin-20260629-{bulletin.pk}.{fmt}"
    assert "第6次项目调度会" in word_text(bulletin.docx.read())
    assert bulletin.pdf.read(4) == b"%PDF"
    assert "总体情况" in load_workbook(bulletin.xlsx.path).sheetnames
    assert not list(Path(media_in_tmp).rglob("*.part"))


def test_the_task_reports_its_progress_step_by_step(zone_june, monkeypatch):
    seen = []
    real = services._progress
    monkeypatch.setattr(services, "_progress", lambda pk, percent: seen.append(percent) or real(pk, percent))
    bulletin = Bulletin.objects.create(as_of=JUNE_30)
    assert bulletin_generate(bulletin.pk) == "done"
    assert seen == [30, 45, 85, 95]
    assert bulletin_generate(bulletin.pk) == "done"  # a second run (a duplicate enqueue) does nothing
    assert seen == [30, 45, 85, 95]


def test_a_failure_is_recorded_and_no_file_is_named(zone_june, monkeypatch):
    def broken(outline):
        raise RuntimeError("字体缺失")

    monkeypatch.setitem(services.RENDERERS, "pdf", broken)
    bulletin = Bulletin.objects.create(as_of=JUNE_30)
    assert bulletin_generate(bulletin.pk) == "failed"
    bulletin.refresh_from_db()
    assert bulletin.status == "failed" and "RuntimeError: 字体缺失" in bulletin.error
    assert not bulletin.docx and not bulletin.pdf and not bulletin.xlsx


def test_a_process_killed_mid_way_leaves_no_half_file_and_is_marked_failed_later(zone_june, media_in_tmp, monkeypatch):
    def killed(outline):
        raise SystemExit("killed")  # not an Exception: nothing catches it, as with a killed worker

    monkeypatch.setitem(services.RENDERERS, "pdf", killed)
    bulletin = Bulletin.objects.create(as_of=JUNE_30)
    with pytest.raises(SystemExit):
        bulletin_generate(bulletin.pk)
    bulletin.refresh_from_db()
    assert (bulletin.status, bulletin.progress) == ("running", 45)
    assert not bulletin.docx and not bulletin.pdf  # the row names no file until all three are in place
    assert not list(Path(media_in_tmp).rglob("*.part")) and not list(Path(media_in_tmp).rglob("*.pdf"))
    assert bulletins_fail_stalled() == 0  # still within the hour
    later = bulletin.updated_at + dt.timedelta(hours=2)
    assert bulletins_fail_stalled(now=later) == 1
    bulletin.refresh_from_db()
    assert bulletin.status == "failed" and "生成中断" in bulletin.error


def test_a_file_is_replaced_whole_or_not_at_all(tmp_path, monkeypatch):
    target = tmp_path / "bulletin.docx"
    target.write_bytes(b"old")

    def refuse(source, destination):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        services.write_atomically(target, b"new content")
    assert target.read_bytes() == b"old" and list(tmp_path.iterdir()) == [target]
    monkeypatch.undo()
    services.write_atomically(target, b"new content")
    assert target.read_bytes() == b"new content" and oct(target.stat().st_mode & 0o777) == "0o644"


def test_the_weekly_bulletin_is_queued_on_mondays_for_the_week_just_ended(
    zone_june, django_capture_on_commit_callbacks
):
    assert "bulletin" in dict(nightly_jobs())
    monday = dt.date(2026, 7, 6)
    assert weekly_bulletin(monday + dt.timedelta(days=1)).startswith("no weekly bulletin today")
    with django_capture_on_commit_callbacks(execute=True):
        assert "queued" in weekly_bulletin(monday)
    bulletin = Bulletin.objects.get()
    assert (bulletin.as_of, bulletin.weekly, bulletin.created_by, bulletin.status) == (
        dt.date(2026, 7, 5),
        True,
        None,
        "done",
    )
    assert "already exists" in weekly_bulletin(monday)
    assert Bulletin.objects.count() == 1


@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx"])
def test_the_command_writes_each_format(zone_june, tmp_path, fmt):
    output = tmp_path / f"通报.{fmt}"
    call_command("bulletin", "--format", fmt, "--output", str(output), "--as-of", "2026-06-30")
    content = output.read_bytes()
    if fmt == "docx":
        assert "截至2026年6月30日，全区在库重点项目4个。" in word_text(content)
    elif fmt == "pdf":
        assert content.startswith(b"%PDF")
    else:
        assert load_workbook(io.BytesIO(content)).sheetnames[0] == "总体情况"
    assert [path.name for path in tmp_path.iterdir()] == [output.name]


def test_the_command_for_a_meeting_and_its_refusals(zone_june, tmp_path):
    output = tmp_path / "meeting.docx"
    call_command("bulletin", "--format", "docx", "--output", str(output), "--meeting", str(zone_june["second"].pk))
    assert "关于第6次项目调度会有关情况的通报" in word_text(output.read_bytes())
    with pytest.raises(CommandError, match="不存在"):
        call_command("bulletin", "--format", "docx", "--output", str(output), "--meeting", "9999")
    with pytest.raises(CommandError, match="晚于今天"):
        call_command("bulletin", "--format", "pdf", "--output", str(output), "--as-of", "2999-01-01")
