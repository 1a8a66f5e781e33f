"""In Chromium: an officer reports from a phone with a photo, and the zone leader sees the light change."""

import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from PIL import Image

from diaodu.org.models import Person
from diaodu.progress.services import lights_recompute
from diaodu.projects.models import Project

from .conftest import log_in

TODAY = "2026-11-26 10:00 +0800"  # the November report was due on the 25th: one day late


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (180, 120, 60)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def frozen():
    with time_machine.travel(TODAY, tick=True):
        yield


def test_an_officer_reports_from_a_phone_and_the_leader_sees_the_light_turn_green(
    browser, live_server, demo, frozen, shot
):
    project = Project.objects.create(
        name="供水厂（测试）",
        stage="construction",
        actual_start=dt.date(2026, 11, 2),
        total_investment=Decimal("450"),
        responsible_officer=Person.objects.get(name="孙浩"),
        responsible_leader=Person.objects.get(name="李明"),
    )
    # In the registry since the start of November: the report due on the 25th is owed.
    Project.objects.filter(pk=project.pk).update(created_at=dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC))
    lights_recompute(as_of=dt.date(2026, 11, 26))

    leader_context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    leader = leader_context.new_page()
    leader.base_url = live_server.url
    log_in(leader, "leader")
    leader.goto(f"{live_server.url}/projects/{project.pk}/")
    assert "黄灯" in leader.locator("[data-testid=light]").inner_text()
    assert "2026年11月报告逾期1天未报" in leader.locator("[data-testid=light-reasons]").inner_text()
    shot(leader, "leader_light_yellow")

    phone_context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    phone = phone_context.new_page()
    phone.base_url = live_server.url
    log_in(phone, "officer")
    phone.goto(f"{live_server.url}/progress/")
    phone.click(f"text={project.name}")
    assert "2026年11月" in phone.locator("[data-testid=period]").inner_text()
    phone.fill("#id_investment_done", "120")
    phone.fill("#id_progress_percent", "35")
    phone.fill("#id_progress_text", "取水泵房主体结构完成，清水池底板浇筑")
    phone.wait_for_selector("text=草稿已自动保存")  # saved as the officer types
    phone.set_input_files(
        "[data-testid=photo-input]", files=[{"name": "site.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}]
    )
    shot(phone, "officer_report_phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.click("[data-testid=submit-report]")
    phone.wait_for_url(f"**/projects/{project.pk}/")
    assert "已报送" in phone.content()

    report = project.reports.get()
    assert report.status == "submitted"
    assert report.photos.count() == 1

    leader.reload()
    assert "绿灯" in leader.locator("[data-testid=light]").inner_text()
    assert "各期报告均已报送" in leader.locator("[data-testid=light-reasons]").inner_text()
    shot(leader, "leader_light_green")
    leader_context.close()
    phone_context.close()
