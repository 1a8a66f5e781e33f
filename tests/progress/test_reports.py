"""Progress reports: the officer's draft and submission, the dispatch office's review, photos, the reporting page."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from diaodu.org.choices import Role
from diaodu.progress.models import ProgressReport, ReportPhoto
from diaodu.progress.selectors import cumulative_investment
from diaodu.progress.services import report_accept, report_return, report_save_draft, report_submit
from diaodu.progress.uploads import save_photo
from tests.conftest import make_user

from .conftest import at_noon, fake_jpeg_upload, jpeg_upload

pytestmark = pytest.mark.django_db

MARCH = dt.date(2026, 3, 10)


def draft(project, user, day=MARCH, **fields):
    fields.setdefault("progress_text", "主体结构施工至三层")
    return report_save_draft(project=project, user=user, day=day, **fields)


def submitted(project, user, day=MARCH, **fields):
    with time_machine.travel(at_noon(dt.date(day.year, day.month, 20))):
        return report_submit(report=draft(project, user, day, **fields), user=user)


# --- the officer reports ----------------------------------------------------------------------------


def test_an_officer_saves_a_draft_and_submits_his_own_projects_report(project_x, project_officer):
    report = draft(project_x, project_officer, investment_done=Decimal("120.50"), progress_percent=30)
    assert report.status == "draft"
    assert (report.frequency, report.period_start, report.period_end, report.due_date) == (
        "monthly",
        dt.date(2026, 3, 1),
        dt.date(2026, 3, 31),
        dt.date(2026, 3, 25),
    )
    # Saving again (any day of the period) updates the same draft.
    again = draft(project_x, project_officer, day=dt.date(2026, 3, 31), investment_done=Decimal("130"))
    assert again.pk == report.pk
    assert ProgressReport.objects.count() == 1
    again.refresh_from_db()
    assert again.investment_done == Decimal("130.00") and again.progress_percent == 30

    with time_machine.travel(at_noon(dt.date(2026, 3, 20))):
        done = report_submit(report=again, user=project_officer)
    done.refresh_from_db()
    assert done.status == "submitted"
    assert done.submitted_by == project_officer
    assert done.submitted_at.date() == dt.date(2026, 3, 20)
    assert not done.is_late


def test_a_report_needs_its_progress_in_words_before_it_is_submitted(project_x, project_officer):
    report = draft(project_x, project_officer, progress_text="  ")
    with pytest.raises(ValidationError) as error:
        report_submit(report=report, user=project_officer)
    assert error.value.message_dict == {"progress_text": ["请填写形象进度。"]}
    report.refresh_from_db()
    assert report.status == "draft"


def test_an_officer_reports_through_the_page(client, project_x, project_officer):
    client.force_login(project_officer)
    url = f"/progress/report/{project_x.pk}/?period=2026-03-10"
    form = {"investment_done": "88.00", "progress_percent": "15", "progress_text": "桩基施工完成", "problems": ""}
    saved = client.post(url, {**form, "action": "save"})
    assert saved.status_code == 302
    report = ProgressReport.objects.get(project=project_x)
    assert (report.status, report.period_start, report.investment_done) == ("draft", dt.date(2026, 3, 1), Decimal(88))

    with time_machine.travel(at_noon(dt.date(2026, 3, 24))):
        sent = client.post(url, {**form, "action": "submit"})
    assert sent.status_code == 302 and sent["Location"] == f"/projects/{project_x.pk}/"
    report.refresh_from_db()
    assert report.status == "submitted" and report.submitted_by == project_officer


def test_the_reporting_page_saves_the_draft_as_the_officer_types(client, project_x, project_officer):
    client.force_login(project_officer)
    response = client.post(
        f"/progress/report/{project_x.pk}/?period=2026-03-10",
        {"investment_done": "12.5", "progress_text": "钢结构吊装"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "草稿已自动保存" in response.text and "<html" not in response.text
    report = ProgressReport.objects.get(project=project_x)
    assert (report.status, report.investment_done, report.progress_text) == ("draft", Decimal("12.5"), "钢结构吊装")
    refused = client.post(
        f"/progress/report/{project_x.pk}/?period=2026-03-10",
        {"investment_done": "-1", "progress_text": "钢结构吊装"},
        headers={"HX-Request": "true"},
    )
    assert "草稿未保存" in refused.text
    report.refresh_from_db()
    assert report.investment_done == Decimal("12.5")


def test_an_officer_reports_through_the_api(client, project_x, project_officer):
    client.force_login(project_officer)
    created = client.post(
        "/api/reports/",
        {"project": project_x.pk, "period": "2026-03-10", "investment_done": "60.00", "progress_text": "场地平整"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["status"], body["period_start"], body["due_date"]) == ("draft", "2026-03-01", "2026-03-25")
    changed = client.patch(f"/api/reports/{body['id']}/", {"investment_done": "75.00"}, content_type="application/json")
    assert changed.status_code == 200, changed.json()
    assert changed.json()["investment_done"] == "75.00"
    sent = client.post(f"/api/reports/{body['id']}/submit/")
    assert sent.status_code == 200, sent.json()
    assert sent.json()["status"] == "submitted"


# --- another officer's project ----------------------------------------------------------------------


def test_an_officer_cannot_report_on_another_officers_project(client, project_x, project_y, project_officer):
    with pytest.raises(PermissionDenied):
        draft(project_y, project_officer)
    theirs = draft(project_x, project_officer)
    with pytest.raises(PermissionDenied):
        report_submit(report=theirs, user=make_user("officer_z", roles=[Role.OFFICER], name="吴凡"))

    client.force_login(project_officer)
    # The page: the project is not his, so it does not exist for him.
    assert client.get(f"/progress/report/{project_y.pk}/").status_code == 404
    assert (
        client.post(f"/progress/report/{project_y.pk}/", {"progress_text": "x", "action": "submit"}).status_code == 404
    )
    # The API: a report on a project he cannot see is refused as if the project did not exist
    # (a field error, so that existence is not given away), and nothing is created.
    created = client.post(
        "/api/reports/", {"project": project_y.pk, "progress_text": "x"}, content_type="application/json"
    )
    assert created.status_code == 400
    assert created.json()["error"]["fields"] == {"project": ["不存在或无权查看该项目。"]}
    assert not ProgressReport.objects.filter(project=project_y).exists()


def test_another_officers_report_is_not_found_through_the_api(client, project_x, project_officer, other_officer):
    report = draft(project_x, project_officer)
    client.force_login(other_officer)
    assert client.get(f"/api/reports/{report.pk}/").status_code == 404
    assert (
        client.patch(f"/api/reports/{report.pk}/", {"progress_text": "改"}, content_type="application/json").status_code
        == 404
    )
    assert client.post(f"/api/reports/{report.pk}/submit/").status_code == 404
    assert client.post(f"/api/reports/{report.pk}/photos/", {"image": jpeg_upload()}).status_code == 404
    assert client.get("/api/reports/").json()["count"] == 0
    report.refresh_from_db()
    assert (report.status, report.progress_text) == ("draft", "主体结构施工至三层")


def test_seeing_a_project_is_not_enough_to_report_on_it(client, department, project_y):
    """An officer who also sees project Y through his department may look, not report: 403 on page and API."""
    looker = make_user("officer_dept", roles=[Role.OFFICER, Role.DEPARTMENT], department=department, name="冯程")
    with pytest.raises(PermissionDenied):
        draft(project_y, looker)
    client.force_login(looker)
    assert client.get(f"/projects/{project_y.pk}/").status_code == 200
    assert client.get(f"/progress/report/{project_y.pk}/").status_code == 403
    created = client.post(
        "/api/reports/", {"project": project_y.pk, "progress_text": "x"}, content_type="application/json"
    )
    assert created.status_code == 403
    assert created.json()["error"]["status"] == 403
    assert not ProgressReport.objects.exists()


# --- cumulative investment --------------------------------------------------------------------------


def test_cumulative_investment_is_derived_from_the_reports_that_count(project_x, project_officer, dispatcher):
    project_x.investment_done_before = Decimal("1000")
    project_x.save()
    january = submitted(project_x, project_officer, day=dt.date(2026, 1, 5), investment_done=Decimal("100"))
    february = submitted(project_x, project_officer, day=dt.date(2026, 2, 5), investment_done=Decimal("50"))
    report_accept(report=february, user=dispatcher)
    draft(project_x, project_officer, day=dt.date(2026, 3, 5), investment_done=Decimal("30"))  # a draft: not yet
    assert cumulative_investment(project_x) == Decimal("1150")

    report_return(report=january, user=dispatcher, reason="投资额与监理月报不符")
    assert cumulative_investment(project_x) == Decimal("1050")  # a returned report stops counting

    corrected = draft(project_x, project_officer, day=dt.date(2026, 1, 5), investment_done=Decimal("80"))
    report_submit(report=corrected, user=project_officer)
    assert cumulative_investment(project_x) == Decimal("1130")


def test_cumulative_investment_of_a_project_without_reports_is_what_was_done_before(project_y):
    project_y.investment_done_before = Decimal("2500.5")
    project_y.save()
    assert cumulative_investment(project_y) == Decimal("2500.5")


# --- review -----------------------------------------------------------------------------------------


def test_the_dispatch_office_accepts_a_report(project_x, project_officer, dispatcher):
    report = submitted(project_x, project_officer)
    with pytest.raises(PermissionDenied):
        report_accept(report=report, user=project_officer)
    accepted = report_accept(report=report, user=dispatcher)
    accepted.refresh_from_db()
    assert accepted.status == "accepted"
    assert accepted.reviewed_by == dispatcher and accepted.reviewed_at is not None
    with pytest.raises(ValidationError):
        report_accept(report=accepted, user=dispatcher)  # only a submitted report is accepted


def test_a_draft_cannot_be_accepted_or_returned(project_x, project_officer, dispatcher):
    report = draft(project_x, project_officer)
    with pytest.raises(ValidationError):
        report_accept(report=report, user=dispatcher)
    with pytest.raises(ValidationError):
        report_return(report=report, user=dispatcher, reason="不完整")


@pytest.mark.parametrize("reason", ["", "   \n"])
def test_a_report_is_returned_only_with_a_reason(project_x, project_officer, dispatcher, reason):
    report = submitted(project_x, project_officer)
    with pytest.raises(ValidationError) as error:
        report_return(report=report, user=dispatcher, reason=reason)
    assert error.value.message_dict == {"return_reason": ["请写明退回原因。"]}
    report.refresh_from_db()
    assert report.status == "submitted"


def test_the_dispatch_office_returns_a_report_with_its_reason(project_x, project_officer, dispatcher):
    report = submitted(project_x, project_officer)
    with pytest.raises(PermissionDenied):
        report_return(report=report, user=project_officer, reason="自己退回")
    returned = report_return(report=report, user=dispatcher, reason="  请补充现场照片  ")
    returned.refresh_from_db()
    assert returned.status == "returned"
    assert returned.return_reason == "请补充现场照片"
    assert returned.reviewed_by == dispatcher


def test_review_through_the_api(client, project_x, project_officer, dispatcher):
    first = submitted(project_x, project_officer)
    second = submitted(project_x, project_officer, day=dt.date(2026, 4, 3))

    client.force_login(project_officer)
    refused = client.post(f"/api/reports/{first.pk}/accept/")
    assert refused.status_code == 403
    assert set(refused.json()["error"]) >= {"status", "code", "message"}

    client.force_login(dispatcher)
    accepted = client.post(f"/api/reports/{first.pk}/accept/")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    empty = client.post(f"/api/reports/{second.pk}/return/", {"reason": ""}, content_type="application/json")
    assert empty.status_code == 400
    assert "reason" in empty.json()["error"]["fields"]
    blank = client.post(f"/api/reports/{second.pk}/return/", {"reason": "   "}, content_type="application/json")
    assert blank.status_code == 400
    second.refresh_from_db()
    assert second.status == "submitted"
    returned = client.post(f"/api/reports/{second.pk}/return/", {"reason": "数据有误"}, content_type="application/json")
    assert returned.status_code == 200
    assert (returned.json()["status"], returned.json()["return_reason"]) == ("returned", "数据有误")


def test_review_through_the_page(client, project_x, project_officer, dispatcher):
    report = submitted(project_x, project_officer)
    client.force_login(dispatcher)
    queue = client.get("/progress/")
    assert queue.status_code == 200 and "吉通机械总部" in queue.text and "待审核的报告" in queue.text

    response = client.post(f"/progress/reports/{report.pk}/review/", {"action": "return", "reason": ""}, follow=True)
    assert "请写明退回原因。" in response.text
    report.refresh_from_db()
    assert report.status == "submitted"

    client.post(f"/progress/reports/{report.pk}/review/", {"action": "return", "reason": "形象进度描述不清"})
    report.refresh_from_db()
    assert (report.status, report.return_reason) == ("returned", "形象进度描述不清")

    client.force_login(project_officer)
    page = client.get(f"/progress/report/{project_x.pk}/?period=2026-03-10")
    assert "退回原因：" in page.text and "形象进度描述不清" in page.text


def test_an_officer_cannot_review_through_the_page(client, project_x, project_officer):
    report = submitted(project_x, project_officer)
    client.force_login(project_officer)
    assert client.post(f"/progress/reports/{report.pk}/review/", {"action": "accept"}).status_code == 403
    assert client.post(f"/progress/reports/{report.pk}/review/", {"action": "return", "reason": "x"}).status_code == 403
    report.refresh_from_db()
    assert report.status == "submitted"


# --- correction -------------------------------------------------------------------------------------


def test_a_returned_report_is_corrected_and_resubmitted(project_x, project_officer, dispatcher):
    report = submitted(project_x, project_officer, investment_done=Decimal("200"))
    report_return(report=report, user=dispatcher, reason="投资额偏大，请核实")
    corrected = draft(project_x, project_officer, investment_done=Decimal("150"), progress_text="主体结构施工至二层")
    assert corrected.pk == report.pk
    assert corrected.status == "returned"  # still to be resubmitted
    assert corrected.investment_done == Decimal("150")

    resent = report_submit(report=corrected, user=project_officer)
    resent.refresh_from_db()
    assert resent.status == "submitted"
    assert resent.return_reason == ""
    assert resent.progress_text == "主体结构施工至二层"
    assert ProgressReport.objects.count() == 1


def test_a_submitted_report_cannot_be_edited(client, project_x, project_officer):
    report = submitted(project_x, project_officer, investment_done=Decimal("100"))
    with pytest.raises(ValidationError) as error:
        draft(project_x, project_officer, investment_done=Decimal("999"))
    assert "已报送" in error.value.messages[0]
    with pytest.raises(ValidationError):
        report_submit(report=report, user=project_officer)

    client.force_login(project_officer)
    api = client.patch(f"/api/reports/{report.pk}/", {"investment_done": "999"}, content_type="application/json")
    assert api.status_code == 400
    assert "已报送" in str(api.json()["error"])
    page = client.get(f"/progress/report/{project_x.pk}/?period=2026-03-10")
    assert "本期报告已报送。" in page.text and 'data-testid="submit-report"' not in page.text
    client.post(
        f"/progress/report/{project_x.pk}/?period=2026-03-10",
        {"investment_done": "999", "progress_text": "改", "action": "save"},
    )
    report.refresh_from_db()
    assert (report.status, report.investment_done) == ("submitted", Decimal("100"))


# --- lateness ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "late"),
    [
        (dt.datetime(2026, 3, 25, 12, 0), False),  # on the due day
        (dt.datetime(2026, 3, 25, 23, 30), False),  # late in the evening of the due day, Beijing time
        (dt.datetime(2026, 3, 26, 0, 30), True),  # just after midnight (still the 25th in UTC)
        (dt.datetime(2026, 4, 2, 9, 0), True),
    ],
)
def test_a_report_submitted_after_its_due_date_counts_as_late(project_x, project_officer, moment, late):
    from zoneinfo import ZoneInfo

    report = draft(project_x, project_officer)
    with time_machine.travel(moment.replace(tzinfo=ZoneInfo("Asia/Shanghai"))):
        report = report_submit(report=report, user=project_officer)
    assert report.due_date == dt.date(2026, 3, 25)
    assert report.is_late is late


def test_an_unsubmitted_report_is_late_once_its_due_date_has_passed(project_x, project_officer):
    report = draft(project_x, project_officer)
    with time_machine.travel(at_noon(dt.date(2026, 3, 25))):
        assert not report.is_late
    with time_machine.travel(at_noon(dt.date(2026, 3, 26))):
        assert report.is_late


# --- photos -----------------------------------------------------------------------------------------


def test_photo_upload_accepts_a_real_jpeg(client, project_x, project_officer, media_in_tmp):
    report = draft(project_x, project_officer)
    client.force_login(project_officer)
    response = client.post(f"/api/reports/{report.pk}/photos/", {"image": jpeg_upload("工地.jpg"), "caption": "东侧"})
    assert response.status_code == 201, response.json()
    photo = ReportPhoto.objects.get(report=report)
    assert response.json() == {"id": photo.pk, "caption": "东侧", "url": f"/progress/photos/{photo.pk}/"}
    # Stored under a name of our own, in the media directory.
    assert photo.image.name.endswith(".jpg") and "工地" not in photo.image.name
    assert (media_in_tmp / photo.image.name).exists()


def test_photo_upload_refuses_a_text_file_renamed_jpg_naming_the_file(client, project_x, project_officer):
    report = draft(project_x, project_officer)
    client.force_login(project_officer)
    response = client.post(f"/api/reports/{report.pk}/photos/", {"image": fake_jpeg_upload("说明.jpg")})
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["photos"] == ["“说明.jpg”不是可识别的图片（支持 JPEG、PNG、WebP）。"]
    assert not ReportPhoto.objects.exists()

    with pytest.raises(ValidationError) as error:
        save_photo(report=report, upload=fake_jpeg_upload("进度.jpg"))
    assert "“进度.jpg”不是可识别的图片" in error.value.message_dict["photos"][0]


def test_photos_are_uploaded_with_the_reporting_page(client, project_x, project_officer):
    client.force_login(project_officer)
    url = f"/progress/report/{project_x.pk}/?period=2026-03-10"
    form = {"investment_done": "10", "progress_text": "基础施工", "action": "save"}
    client.post(url, {**form, "photos": [jpeg_upload("一.jpg"), jpeg_upload("二.jpg")]})
    report = ProgressReport.objects.get(project=project_x)
    assert report.photos.count() == 2

    refused = client.post(url, {**form, "photos": [fake_jpeg_upload("文字.jpg")]})
    assert refused.status_code == 200
    assert "“文字.jpg”不是可识别的图片" in refused.text
    assert report.photos.count() == 2


def test_photos_are_added_only_to_an_editable_report(client, project_x, project_officer):
    report = submitted(project_x, project_officer)
    client.force_login(project_officer)
    response = client.post(f"/api/reports/{report.pk}/photos/", {"image": jpeg_upload()})
    assert response.status_code == 400
    assert not ReportPhoto.objects.exists()


def test_photos_are_served_only_to_users_who_may_see_the_project(
    client, project_x, project_officer, other_officer, dispatcher, outsider
):
    report = draft(project_x, project_officer)
    upload = jpeg_upload()
    content = upload.read()
    upload.seek(0)
    photo = save_photo(report=report, upload=upload)
    url = f"/progress/photos/{photo.pk}/"

    client.force_login(project_officer)
    mine = client.get(url)
    assert mine.status_code == 200
    assert mine["Content-Type"] == "image/jpeg"
    assert b"".join(mine.streaming_content) == content

    client.force_login(dispatcher)
    assert client.get(url).status_code == 200
    client.force_login(other_officer)
    assert client.get(url).status_code == 404
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


# --- pages ------------------------------------------------------------------------------------------


def test_the_reporting_page_renders_for_the_officer_with_the_period_label(client, project_x, project_officer):
    client.force_login(project_officer)
    page = client.get(f"/progress/report/{project_x.pk}/?period=2026-03-10")
    assert page.status_code == 200
    assert "报送进度" in page.text and "吉通机械总部" in page.text
    assert "2026年3月" in page.text and "2026-03-25 截止" in page.text
    assert 'name="photos"' in page.text and 'data-testid="submit-report"' in page.text
    # Weekly reporting projects get an ISO week.
    project_x.reports_weekly = True
    project_x.save()
    weekly = client.get(f"/progress/report/{project_x.pk}/?period=2026-03-18")
    assert "2026年第12周" in weekly.text and "2026-03-20 截止" in weekly.text


def test_the_reporting_home_lists_the_officers_own_projects(client, project_x, project_y, project_officer):
    client.force_login(project_officer)
    page = client.get("/progress/")
    assert page.status_code == 200
    assert "吉通机械总部" in page.text
    assert "铸诚门业智能制造" not in page.text


def test_a_negative_investment_is_refused(client, project_x, project_officer):
    with pytest.raises(ValidationError) as error:
        draft(project_x, project_officer, investment_done=Decimal("-1"))
    assert "investment_done" in error.value.message_dict
    client.force_login(project_officer)
    response = client.post(
        "/api/reports/",
        {"project": project_x.pk, "period": "2026-03-10", "investment_done": "-5", "progress_text": "x"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "investment_done" in response.json()["error"]["fields"]


# --- the S-curve ------------------------------------------------------------------------------------


def test_the_s_curve_sets_the_plan_against_counted_reports(project_x, project_officer, dispatcher):
    from diaodu.progress.selectors import s_curve
    from diaodu.projects.models import InvestmentPlan

    InvestmentPlan.objects.create(project=project_x, year=2026, amount=Decimal("3650"))
    submitted(project_x, project_officer, day=dt.date(2026, 1, 5), investment_done=Decimal("100"))
    returned = submitted(project_x, project_officer, day=dt.date(2026, 2, 5), investment_done=Decimal("999"))
    report_return(report=returned, user=dispatcher, reason="核实")
    submitted(project_x, project_officer, day=dt.date(2026, 3, 5), investment_done=Decimal("50"))
    curve = s_curve(project_x, 2026, dt.date(2026, 3, 20))
    assert curve["months"] == [str(m) for m in range(1, 13)]
    assert curve["planned"][:3] == ["310.00", "590.00", "900.00"]  # 10 万元 a day: 31, 59, 90 days
    assert curve["planned"][-1] == "3650.00"
    assert curve["actual"][:3] == ["100.00", "100.00", "150.00"]  # the returned February report does not count
    assert curve["actual"][3:] == [None] * 9
    assert curve["annual_plan"] == "3650.00"


# --- reminders --------------------------------------------------------------------------------------


def test_officers_are_reminded_before_the_due_date_and_the_day_after_it(project_x, project_officer):
    from diaodu.notify.models import Notification
    from diaodu.progress.services import reports_remind

    assert reports_remind(as_of=dt.date(2026, 3, 22)) == {"due": 1, "late": 0}
    assert reports_remind(as_of=dt.date(2026, 3, 23)) == {"due": 0, "late": 0}
    assert reports_remind(as_of=dt.date(2026, 3, 26)) == {"due": 0, "late": 1}
    titles = list(Notification.objects.filter(recipient=project_officer).values_list("event", "title"))
    assert ("report_due", "2026年3月进度报告将于2026-03-25截止：吉通机械总部") in titles
    assert ("report_late", "2026年3月进度报告已逾期：吉通机械总部") in titles
    submitted(project_x, project_officer, day=dt.date(2026, 4, 1))
    assert reports_remind(as_of=dt.date(2026, 4, 22)) == {"due": 0, "late": 0}  # April is reported


def test_a_report_due_on_the_last_day_of_the_month_gets_its_late_reminder(project_x):
    from diaodu.progress.models import LightSettings
    from diaodu.progress.services import reports_remind

    LightSettings.objects.create(year=2026, monthly_due_day=31)
    assert reports_remind(as_of=dt.date(2026, 4, 1)) == {"due": 0, "late": 1}


def test_a_png_photo_is_served_as_png(client, project_x, project_officer):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 128, 0)).save(buffer, format="PNG")
    photo = save_photo(report=draft(project_x, project_officer), upload=SimpleUploadedFile("图.png", buffer.getvalue()))
    assert photo.image.name.endswith(".png")
    client.force_login(project_officer)
    assert client.get(f"/progress/photos/{photo.pk}/")["Content-Type"] == "image/png"
