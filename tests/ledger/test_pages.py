"""The import page (upload → preview → confirm → result), who may use it, the template, the API."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from diaodu.org.models import Person
from diaodu.projects.models import Project

from .workbooks import simple_ledger

pytestmark = pytest.mark.django_db

MAY_2026 = dt.datetime(2026, 5, 15, 10, 0, tzinfo=dt.UTC)
HEADER = ["序号", "项目名称", "项目类别", "总投资", "计划开工时间", "包保领导", "包保干部", "责任单位"]
ROWS = [
    [1, "铸诚门业智能制造", "产业", 12000, "2026.6", "李明", "孙浩", "经发局"],
    [2, "新能源电池材料", "产业", 80000, "2026.9", "王新", "孙浩", "经济发展局"],
    [3, "温泉小镇", "文旅康养", "约5亿", "2026.10", "李明", "孙浩", "建设局"],
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def upload(client, tmp_path, rows=ROWS, name="台账.xlsx", **options):
    path = simple_ledger(tmp_path / name, rows, header=HEADER)
    file = SimpleUploadedFile(name, path.read_bytes())
    return client.post(reverse("ledger-import"), {"file": file, **options})


def token_of(response) -> str:
    return re.search(r"/ledger/import/([0-9a-f]{32})/", response["Location"]).group(1)


def test_only_the_dispatch_office_and_administrators_may_import(client, registry, leader, officer, administrator):
    for user in (leader, officer):
        client.force_login(user)
        assert client.get(reverse("ledger-import")).status_code == 403
        assert client.post(reverse("ledger-confirm", args=["0" * 32])).status_code == 403
    client.force_login(administrator)
    assert client.get(reverse("ledger-import")).status_code == 200


def test_outsiders_are_refused_and_anonymous_callers_asked_to_log_in(client, registry, outsider):
    assert client.get(reverse("ledger-import")).status_code == 302
    client.force_login(outsider)
    assert client.get(reverse("ledger-import")).status_code == 403
    assert client.get(reverse("ledger-template")).status_code == 403


def test_the_project_list_leads_to_import_template_and_export(client, registry, dispatcher, leader):
    client.force_login(dispatcher)
    page = client.get(reverse("project-list")).text
    assert f'href="{reverse("ledger-import")}"' in page and "导入台账" in page
    assert f'href="{reverse("ledger-template")}"' in page and "下载模板" in page
    assert 'data-testid="export-xlsx"' in page
    client.force_login(leader)
    page = client.get(reverse("project-list")).text
    assert "导入台账" not in page and 'data-testid="export-xlsx"' in page


@time_machine.travel(MAY_2026, tick=False)
def test_upload_preview_with_every_row_and_error_then_skip_invalid_and_confirm(
    client, registry, dispatcher, tmp_path, media
):
    client.force_login(dispatcher)
    response = upload(client, tmp_path)
    assert response.status_code == 302
    token = token_of(response)
    page = client.get(response["Location"]).text
    assert 'data-testid="count-created">1<' in page and 'data-testid="count-updated">1<' in page
    assert "第6行「总投资」：无法识别的金额“约5亿”，应为数字（如 1234.5、1,234.5 或 1.2亿元）" in page
    assert page.count('data-testid="preview-row"') == 3
    assert 'data-row="6" data-action="error"' in page and 'data-testid="error-cell">约5亿<' in page
    assert "将新建人员（无登录账号）：</span>王新" in page
    assert re.search(r'data-testid="confirm"\s+disabled', page)  # with an error, nothing would be imported
    # Nothing was written by the preview.
    assert Project.objects.count() == 2 and not Person.objects.filter(name="王新").exists()

    response = client.post(reverse("ledger-preview", args=[token]), {"skip_invalid": "on"})
    assert response.status_code == 302
    page = client.get(response["Location"]).text
    assert "以下各行有错误，将被跳过" in page and "确认导入（新增 1 个，更新 1 个）" in page
    assert not re.search(r'data-testid="confirm"\s+disabled', page)

    response = client.post(reverse("ledger-confirm", args=[token]))
    assert response.status_code == 302 and response["Location"] == reverse("ledger-result")
    page = client.get(response["Location"]).text
    assert "新增 1 个项目，更新 1 个（其中 0 个没有变化）。" in page and "跳过有错误的 1 行。" in page
    battery = Project.objects.get(name="新能源电池材料")
    assert f'href="{reverse("project-detail", args=[battery.pk])}"' in page
    assert battery.history.latest("history_id").history_user == dispatcher
    assert not Project.objects.filter(name="温泉小镇").exists()
    # The upload is gone once imported; its token with it.
    assert not (media / "ledger" / f"{token}.xlsx").exists()
    assert client.post(reverse("ledger-confirm", args=[token])).status_code == 404


@time_machine.travel(MAY_2026, tick=False)
def test_the_upload_is_kept_on_the_server_under_a_random_name_only_for_its_uploader(
    client, registry, dispatcher, administrator, tmp_path, media
):
    client.force_login(dispatcher)
    token = token_of(upload(client, tmp_path, rows=ROWS[:2]))
    assert (media / "ledger" / f"{token}.xlsx").exists()
    other = Client()
    other.force_login(administrator)  # another session: the token is not theirs
    assert other.get(reverse("ledger-preview", args=[token])).status_code == 404
    assert other.post(reverse("ledger-confirm", args=[token])).status_code == 404
    assert client.get("/ledger/import/..%2F..%2Fsecret/").status_code == 404
    client.get(reverse("ledger-preview", args=[token]))
    assert client.post(reverse("ledger-confirm", args=[token])).status_code == 302
    assert not (media / "ledger" / f"{token}.xlsx").exists()
    assert Project.objects.filter(name="新能源电池材料").exists()


@time_machine.travel(MAY_2026, tick=False)
def test_a_confirmation_after_the_registry_changed_shows_the_new_preview_and_writes_nothing(
    client, registry, dispatcher, tmp_path
):
    client.force_login(dispatcher)
    token = token_of(upload(client, tmp_path, rows=ROWS[:2]))
    client.get(reverse("ledger-preview", args=[token]))
    Project.objects.create(name="新能源电池材料", total_investment=1)  # someone registered it meanwhile
    response = client.post(reverse("ledger-confirm", args=[token]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("ledger-preview", args=[token])
    assert "数据在预览后发生了变化" in response.text
    assert Project.objects.get(name="新能源电池材料").total_investment == 1
    assert not Person.objects.filter(name="王新").exists()


def test_an_old_excel_file_or_a_file_that_is_no_workbook_is_refused_with_the_reason(
    client, registry, dispatcher, tmp_path
):
    client.force_login(dispatcher)
    old = SimpleUploadedFile("台账.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    page = client.post(reverse("ledger-import"), {"file": old}).text
    assert "这是旧版 Excel（.xls）文件" in page
    response = client.post(
        reverse("ledger-import"), {"file": SimpleUploadedFile("台账.xlsx", "项目名称,总投资".encode())}
    )
    page = client.get(response["Location"]).text
    assert "这不是 Excel 工作簿（.xlsx）文件，请上传 Excel 台账。" in page
    assert 'data-testid="nothing-to-import"' in page


def test_a_file_above_the_limit_is_refused_before_it_is_kept(
    client, registry, dispatcher, tmp_path, monkeypatch, media
):
    monkeypatch.setattr("diaodu.ledger.forms.MAX_BYTES", 1000)
    client.force_login(dispatcher)
    response = upload(client, tmp_path)
    assert response.status_code == 200 and "文件过大" in response.text
    assert not (media / "ledger").exists() or not list((media / "ledger").glob("*.xlsx"))


@time_machine.travel(MAY_2026, tick=False)
def test_the_preview_runs_a_fixed_number_of_queries(client, registry, dispatcher, tmp_path):
    client.force_login(dispatcher)
    few = token_of(upload(client, tmp_path, rows=ROWS[:2], name="few.xlsx"))
    many_rows = [[i, f"项目{i}", "产业", 100, "2026.6", "李明", f"干部{i}", "经发局"] for i in range(40)]
    many = token_of(upload(client, tmp_path, rows=ROWS[:2] + many_rows, name="many.xlsx"))
    client.get(reverse("ledger-preview", args=[few]))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("ledger-preview", args=[few]))
    with CaptureQueriesContext(connection) as large:
        assert "项目39" in client.get(reverse("ledger-preview", args=[many])).text
    assert len(small) == len(large)


@time_machine.travel(MAY_2026, tick=False)
def test_the_api_answers_the_contract(client, registry, dispatcher, leader, tmp_path):
    path = simple_ledger(tmp_path / "api.xlsx", ROWS, header=HEADER)
    client.force_login(dispatcher)
    response = client.post("/api/ledger/import/", {"file": SimpleUploadedFile("api.xlsx", path.read_bytes())})
    assert response.status_code == 422
    body = response.json()
    assert body["created"] == 0 and [e["row"] for e in body["errors"]] == [6] and len(body["projects"]) == 2
    data = {"file": SimpleUploadedFile("api.xlsx", path.read_bytes()), "skip_invalid": "true", "dry_run": "true"}
    body = client.post("/api/ledger/import/", data).json()
    assert (body["created"], body["updated"], body["new_people"]) == (1, 1, ["王新"])
    assert not Project.objects.filter(name="新能源电池材料").exists()
    client.force_login(leader)
    assert client.post("/api/ledger/import/", {"file": SimpleUploadedFile("a.xlsx", b"x")}).status_code == 403
    client.logout()
    assert client.post("/api/ledger/import/", {}).status_code == 401
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert "/api/ledger/import/" in schema["paths"]


@time_machine.travel(MAY_2026, tick=False)
def test_the_pages_speak_english_and_the_errors_too(client, registry, dispatcher, tmp_path):
    client.cookies["django_language"] = "en"
    client.force_login(dispatcher)
    page = client.get(reverse("ledger-import")).text
    assert "Import ledger" in page and "Download template" in page and "Upload and preview" in page
    assert "Import ledger" in client.get(reverse("project-list")).text
    page = client.get(upload(client, tmp_path)["Location"]).text
    assert "Ledger import preview" in page
    assert "Row 6, “总投资”: Cannot read the amount “约5亿”: expected a number" in page


@time_machine.travel(MAY_2026, tick=False)
def test_a_wrong_year_in_the_options_is_shown_next_to_the_field(client, registry, dispatcher, tmp_path):
    client.force_login(dispatcher)
    token = token_of(upload(client, tmp_path, rows=ROWS[:2]))
    response = client.post(reverse("ledger-preview", args=[token]), {"year": "1066"})
    assert response.status_code == 200 and 'data-testid="field-error"' in response.text
    assert client.session["ledger_uploads"][token]["year"] is None
