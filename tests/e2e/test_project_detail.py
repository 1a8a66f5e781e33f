"""In Chromium: a project's page draws its Gantt chart, names the step out of reach, and edits steps inline."""

import datetime as dt

from django.utils import timezone

from diaodu.org.models import Person
from diaodu.projects.models import Project, ScheduleTemplate
from diaodu.projects.services import project_apply_template

from .conftest import log_in


def make_project(name: str, planned_start: dt.date) -> Project:
    project = Project.objects.create(
        name=name,
        total_investment=1_200_000,
        planned_start=planned_start,
        responsible_officer=Person.objects.get(name="孙浩"),
        responsible_leader=Person.objects.get(name="李明"),
    )
    project_apply_template(project=project, template=ScheduleTemplate.objects.get(kind="enterprise"))
    return project


def test_the_gantt_chart_shows_the_network_and_the_red_banner(page, shot):
    project = make_project("生命健康城（测试）", timezone.localdate() + dt.timedelta(days=60))
    log_in(page, "leader")
    page.goto(f"{page.base_url}/projects/{project.pk}/")
    page.wait_for_selector("[data-gantt][data-rendered=true]")
    assert page.locator("[data-gantt] canvas").count() >= 1
    banner = page.locator("[data-testid=schedule-banner]").inner_text()
    project.refresh_from_db()
    assert project.schedule_worst_step.name in banner
    assert f"落后 {-project.schedule_min_float} 个工作日" in banner
    assert page.locator("[data-testid=step-row]").count() == project.steps.count()
    assert "百亿元" in page.locator("[data-testid=project-name]").inner_text()
    path = shot(page, "project_gantt")
    assert path.stat().st_size > 40_000


def test_the_officer_edits_a_step_inline_and_the_schedule_follows(page, shot):
    project = make_project("洁净工业园标准厂房（测试）", timezone.localdate() + dt.timedelta(days=400))
    log_in(page, "officer")
    page.goto(f"{page.base_url}/projects/{project.pk}/")
    page.wait_for_selector("[data-gantt][data-rendered=true]")
    first_row = page.locator("[data-testid=step-row]").first
    assert "项目备案" in first_row.inner_text()
    first_row.locator("[data-testid=edit-step]").click()
    form = page.locator("[data-testid=step-form-row]")
    form.wait_for()
    form.locator("select[name=status]").select_option("done")
    form.locator("button[type=submit]").click()
    # Done without a finish date: the error stands next to the field, in Chinese.
    page.wait_for_selector("[data-testid=field-error]")
    assert "请填写实际完成日期" in page.locator("[data-testid=field-error]").first.inner_text()
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    page.locator("[data-testid=step-form-row] input[name=actual_start]").fill(yesterday)
    page.locator("[data-testid=step-form-row] input[name=actual_finish]").fill(yesterday)
    page.locator("[data-testid=step-form-row] button[type=submit]").click()
    page.wait_for_selector("text=已保存，工期已重新计算。")
    page.wait_for_selector("[data-gantt][data-rendered=true]")
    assert "已完成" in page.locator("[data-testid=step-row]").first.inner_text()
    shot(page, "project_step_saved")


def test_the_demo_portfolio_lists_and_exports_for_the_zone_leader(page, full_demo, shot):
    log_in(page, "leader")
    page.goto(f"{page.base_url}/projects/")
    assert "共 74 个" in page.locator("[data-testid=project-count]").inner_text()
    assert page.locator("[data-testid=project-table] tbody tr").count() == 50
    assert "温泉小镇" in page.locator("[data-testid=project-table]").inner_text()
    shot(page, "leader_projects")
    with page.expect_download() as download:
        page.click("[data-testid=export-xlsx]")
    assert download.value.suggested_filename.endswith(".xlsx")
