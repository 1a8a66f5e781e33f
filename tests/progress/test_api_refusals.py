"""The reports API: who may not report is refused as such (403); projects the caller cannot see are never offered."""

import datetime as dt

import pytest

from diaodu.progress.models import ReportPhoto
from diaodu.progress.services import report_save_draft

from .conftest import jpeg_upload

pytestmark = pytest.mark.django_db


def test_a_photo_from_someone_who_sees_the_report_but_may_not_report_is_refused_403(
    client, project_x, project_officer, administrator
):
    report = report_save_draft(project=project_x, user=project_officer, day=dt.date(2026, 3, 10), progress_text="基础")
    client.force_login(administrator)  # reads every report and holds the model permission, but reports none
    response = client.post(f"/api/reports/{report.pk}/photos/", {"image": jpeg_upload()})
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "只有该项目的包保干部或项目办可以报送进度。"
    assert not ReportPhoto.objects.exists()


def test_a_photo_for_a_submitted_report_is_still_a_validation_error(client, project_x, project_officer):
    report = report_save_draft(project=project_x, user=project_officer, day=dt.date(2026, 3, 10), progress_text="基础")
    report.status = "submitted"
    report.save()
    client.force_login(project_officer)
    response = client.post(f"/api/reports/{report.pk}/photos/", {"image": jpeg_upload()})
    assert response.status_code == 400
    assert "image" in response.json()["error"]["fields"]


def test_the_browsable_api_offers_only_the_projects_the_caller_sees(client, project_x, project_y, other_officer):
    client.force_login(other_officer)  # the officer of project_y
    page = client.get("/api/reports/", HTTP_ACCEPT="text/html").text
    assert "铸诚门业智能制造" in page  # his own project, offered in the form and the filter
    assert "吉通机械总部" not in page


def test_a_filter_naming_a_project_the_caller_cannot_see_is_an_invalid_choice(client, project_x, other_officer):
    client.force_login(other_officer)
    response = client.get(f"/api/reports/?project={project_x.pk}")
    assert response.status_code == 400 and "project" in response.json()["error"]["fields"]
