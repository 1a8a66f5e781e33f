"""The registry pages: list with filters and Excel export, detail with Gantt data, forms, inline step edits."""

import datetime as dt
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from diaodu.projects.models import Project, ScheduleTemplate, Step
from tests.projects.conftest import build_project

pytestmark = pytest.mark.django_db


def test_list_shows_projects_with_their_people_and_schedule(client, leader, project_x):
    client.force_login(leader)
    page = client.get(reverse("project-list")).text
    assert "吉通机械总部" in page
    assert "李明" in page and "孙浩" in page
    assert "浮动 15 个工作日" in page or "浮动" in page


def test_list_filters_by_stage_and_searches(client, leader, project_x, project_y):
    client.force_login(leader)
    assert "铸诚门业智能制造" not in client.get(reverse("project-list"), {"q": "吉通"}).text
    page = client.get(reverse("project-list"), {"stage": "construction"}).text
    assert "吉通机械总部" not in page and "没有符合条件的项目" in page


def test_list_queries_do_not_grow_with_the_number_of_projects(client, leader, project_x):
    client.force_login(leader)
    client.get(reverse("project-list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("project-list"))
    for i in range(30):
        build_project(f"项目{i}", officer=None)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("project-list"))
    assert len(many) == len(few)


def test_excel_export_holds_the_current_filter_as_a_ledger(client, leader, project_x, project_y):
    client.force_login(leader)
    response = client.get(reverse("project-list"), {"q": "吉通", "export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet["A2"].value == "单位：万元"
    header = [cell.value for cell in sheet[3]]
    assert header[1] == "项目名称" and "包保领导" in header
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert len(rows) == 1
    assert rows[0][1] == "吉通机械总部"
    assert rows[0][9] == 50000  # 总投资 as a number in 万元


def test_detail_shows_responsibility_and_the_gantt_data(client, leader, project_x):
    client.force_login(leader)
    page = client.get(reverse("project-detail", args=[project_x.pk])).text
    assert "李明" in page and "孙浩" in page
    assert 'id="gantt-data"' in page
    assert "2026-10-09" in page  # 项目备案's early finish in the Gantt data


def test_detail_names_the_step_and_the_days_when_out_of_reach(client, leader, project_x):
    from diaodu.projects.services import project_recompute_schedule

    project_recompute_schedule(project=project_x, as_of=dt.date(2026, 11, 16))
    client.force_login(leader)
    page = client.get(reverse("project-detail", args=[project_x.pk])).text
    assert 'data-testid="schedule-banner"' in page
    project_x.refresh_from_db()
    days = -project_x.schedule_min_float
    assert f"落后 {days} 个工作日" in page
    assert project_x.schedule_worst_step.name in page


def test_dispatch_office_registers_a_project_with_errors_next_to_the_field(client, dispatcher):
    client.force_login(dispatcher)
    bad = {
        "name": "医院",
        "code": "21-220105",
        "category": "public_service",
        "construction_type": "new",
        "total_investment": "-5",
    }
    response = client.post(reverse("project-create"), bad)
    assert response.status_code == 200
    assert "项目代码“21-220105”格式不正确" in response.text
    assert not Project.objects.filter(name="医院").exists()
    response = client.post(
        reverse("project-create"),
        {"name": "医院", "category": "public_service", "construction_type": "new", "total_investment": "80000",
         "investment_done_before": "0"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Project.objects.get(name="医院").total_investment == 80000


def test_applying_a_template_lays_the_network_with_the_start_deadline(client, dispatcher):
    project = build_project("山体公园", planned_start=dt.date(2026, 12, 31))
    client.force_login(dispatcher)
    template = ScheduleTemplate.objects.get(kind="government")
    client.post(reverse("project-template", args=[project.pk]), {"template": template.pk})
    steps = Step.objects.filter(project=project)
    assert steps.count() == template.steps.count()
    start = steps.get(procedure_type__code="start")
    assert start.deadline == dt.date(2026, 12, 31)
    assert start.duration_days == 0
    assert start.early_finish is not None


def test_inline_step_edit_saves_and_answers_with_the_recomputed_section(client, project_officer, project_x):
    step = Step.objects.get(project=project_x, name="用地预审")
    client.force_login(project_officer)
    form = client.get(reverse("step-edit", args=[project_x.pk, step.pk]))
    assert 'data-testid="step-form-row"' in form.text
    response = client.post(
        reverse("step-edit", args=[project_x.pk, step.pk]),
        {"name": "用地预审", "kind": "procedure", "duration_days": "30", "status": "not_started",
         "predecessors": [str(Step.objects.get(project=project_x, name="项目备案").pk)]},
        HTTP_HX_REQUEST="true",
    )  # fmt: skip
    assert response.status_code == 200
    assert 'id="steps-section"' in response.text
    step.refresh_from_db()
    assert step.duration_days == 30
    assert step.early_finish is not None


def test_inline_step_edit_shows_errors_in_chinese_next_to_the_field(client, project_officer, project_x):
    step = Step.objects.get(project=project_x, name="项目备案")
    client.force_login(project_officer)
    response = client.post(
        reverse("step-edit", args=[project_x.pk, step.pk]),
        {"name": "项目备案", "kind": "procedure", "duration_days": "5", "status": "done"},
    )
    assert 'data-testid="step-form-row"' in response.text
    assert "标记为已完成时，请填写实际完成日期。" in response.text
    step.refresh_from_db()
    assert step.status == "not_started"


def test_inline_cycle_is_refused_with_the_names(client, dispatcher, project_x):
    filing = Step.objects.get(project=project_x, name="项目备案")
    start = Step.objects.get(project=project_x, name="开工")
    client.force_login(dispatcher)
    response = client.post(
        reverse("step-edit", args=[project_x.pk, filing.pk]),
        {"name": "项目备案", "kind": "procedure", "duration_days": "5", "status": "not_started",
         "predecessors": [str(start.pk)]},
    )  # fmt: skip
    assert "前置关系形成循环" in response.text
    assert not filing.predecessor_links.exists()
