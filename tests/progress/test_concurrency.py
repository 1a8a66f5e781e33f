"""No lost writes in progress reporting: the report's API, the phone page and its autosave, review, thresholds."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from diaodu.core.concurrency import NEW, etag_for, version_of
from diaodu.progress.models import LightSettings, ProgressReport
from diaodu.progress.services import light_settings_save, report_save_draft
from tests.core.racing import conflict_row, race, shared_database, version_in  # noqa: F401  (a fixture)
from tests.progress.test_reports import MARCH, draft, submitted

from .conftest import build_project

pytestmark = pytest.mark.django_db

PAGE = "/progress/report/{pk}/?period=2026-03-10"


def test_the_api_refuses_a_stale_if_match_on_a_draft_and_on_its_submission(client, project_x, project_officer):
    report = draft(project_x, project_officer, investment_done=Decimal("60"))
    client.force_login(project_officer)
    url = f"/api/reports/{report.pk}/"
    loaded = client.get(url).headers["ETag"]
    assert loaded == etag_for(report)
    draft(project_x, project_officer, investment_done=Decimal("70"))  # saved from the phone meanwhile
    stale = client.patch(url, {"investment_done": "75"}, content_type="application/json", headers={"If-Match": loaded})
    assert stale.status_code == 412 and stale.json()["error"]["current"]["investment_done"] == "70.00"
    assert client.post(f"{url}submit/", headers={"If-Match": loaded}).status_code == 412
    saved = ProgressReport.objects.get(pk=report.pk)
    assert (saved.investment_done, saved.status) == (Decimal("70"), "draft")


def test_the_reporting_page_shows_both_versions_and_its_autosave_says_who_saved(client, project_x, project_officer):
    client.force_login(project_officer)
    url = PAGE.format(pk=project_x.pk)
    assert version_in(client.get(url).text) == NEW  # nothing reported yet this period
    first = client.post(url, {"investment_done": "10", "progress_text": "桩基施工", "version": NEW},
                        headers={"HX-Request": "true"})  # fmt: skip
    report = ProgressReport.objects.get(project=project_x)
    # The autosave answer hands the page the version it has just saved, for the next autosave.
    assert version_in(first.text) == version_of(report) and 'hx-swap-oob="true"' in first.text
    loaded = version_in(first.text)
    report_save_draft(project=project_x, user=project_officer, day=MARCH, progress_text="主体结构施工")
    typed = {"investment_done": "10", "progress_text": "钢结构吊装", "version": loaded}
    autosave = client.post(url, typed, headers={"HX-Request": "true"})
    assert 'data-testid="draft-conflict"' in autosave.text and "保存人：孙浩" in autosave.text
    assert "hx-swap-oob" not in autosave.text  # the page keeps its old version: no silent overwrite next time
    page = client.post(url, {**typed, "action": "save"})
    assert page.status_code == 200
    assert conflict_row("形象进度", "钢结构吊装", "主体结构施工") in page.text
    assert ProgressReport.objects.get(pk=report.pk).progress_text == "主体结构施工"


def test_a_report_changed_since_the_queue_was_read_is_not_judged(client, project_x, project_officer, dispatcher):
    report = submitted(project_x, project_officer)
    client.force_login(dispatcher)
    loaded = version_in(client.get("/progress/").text)
    assert loaded == version_of(report)
    ProgressReport.objects.get(pk=report.pk).save()  # returned and sent again meanwhile, say
    answer = client.post(f"/progress/reports/{report.pk}/review/", {"action": "accept", "version": loaded}, follow=True)
    assert "您依据的是之前的版本" in answer.text
    assert ProgressReport.objects.get(pk=report.pk).status == "submitted"


def test_thresholds_set_while_the_page_was_open_are_not_overwritten(client, dispatcher):
    client.force_login(dispatcher)
    page = client.get("/progress/settings/2030/").context["form"]
    data = {name: page[name].value() for name in page.fields}
    assert data["version"] == NEW
    light_settings_save(user=dispatcher, year=2030, float_yellow_days=15)
    answer = client.post("/progress/settings/2030/", {**data, "float_yellow_days": 5})
    assert answer.status_code == 200 and 'data-testid="conflict-table"' in answer.text
    assert LightSettings.objects.get(year=2030).float_yellow_days == 15


@pytest.mark.django_db(transaction=True)
def test_two_people_saving_a_report_at_once_one_is_told(shared_database, project_officer, dispatcher, department):  # noqa: F811
    project = build_project("吉通机械总部", officer=project_officer, department=department, stage="construction")
    report = report_save_draft(project=project, user=project_officer, day=dt.date(2026, 3, 10), progress_text="开工")
    url = f"/api/reports/{report.pk}/"

    def editor(user, text):
        client = Client()

        def load():
            client.force_login(user)
            return client.get(url).headers["ETag"]

        def save(etag):
            return client.patch(url, {"progress_text": text}, content_type="application/json",
                                headers={"If-Match": etag}).status_code  # fmt: skip

        return load, save

    statuses = race(editor(project_officer, "桩基施工"), editor(dispatcher, "主体施工"))
    assert sorted(statuses) == [200, 412]
    assert ProgressReport.objects.get(pk=report.pk).progress_text == ["桩基施工", "主体施工"][statuses.index(200)]
