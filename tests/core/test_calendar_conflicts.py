"""Two administrators setting the same day of the calendar: the second is shown the conflict, nothing written."""

import datetime as dt

import pytest
from django.urls import reverse

from diaodu.core.concurrency import NEW, etag_for, version_of
from diaodu.core.models import CalendarDay
from diaodu.core.services import calendar_day_set
from tests.core.racing import conflict_row, version_in

pytestmark = pytest.mark.django_db

NEW_YEAR = dt.date(2031, 1, 1)


def post_day(client, version, kind="holiday", name="元旦"):
    return client.post(
        reverse("calendar-day-save"), {"date": NEW_YEAR.isoformat(), "kind": kind, "name": name, "version": version}
    )


def test_a_day_entered_by_someone_else_since_the_page_was_loaded_is_not_overwritten(client, administrator):
    client.force_login(administrator)
    loaded = version_in(client.get(reverse("calendar-year", args=[2031])).text)
    assert loaded == NEW
    calendar_day_set(date=NEW_YEAR, kind="holiday", name="元旦")  # the other administrator, first
    answer = post_day(client, loaded, kind="workday", name="调休")
    assert answer.status_code == 200
    assert 'data-testid="edit-conflict"' in answer.text
    assert conflict_row("类型", "调休上班", "法定节假日") in answer.text
    assert conflict_row("名称（如 春节）", "调休", "元旦") in answer.text
    assert CalendarDay.objects.values_list("kind", "name").get(date=NEW_YEAR) == ("holiday", "元旦")
    # The form now names the day as saved: sending it again overwrites knowingly.
    again = post_day(client, version_in(answer.text), kind="workday", name="调休")
    assert again.status_code == 302
    assert CalendarDay.objects.values_list("kind", "name").get(date=NEW_YEAR) == ("workday", "调休")


def test_a_day_corrected_by_someone_else_since_it_was_opened_is_not_overwritten(client, administrator):
    day = calendar_day_set(date=NEW_YEAR, kind="holiday", name="元旦")
    client.force_login(administrator)
    opened = client.get(reverse("calendar-year", args=[2031]) + "?date=2031-01-01").text
    loaded = version_in(opened)
    assert loaded == version_of(day) and 'value="元旦"' in opened
    calendar_day_set(date=NEW_YEAR, kind="holiday", name="元旦假期", seen=loaded)  # first
    assert post_day(client, loaded, name="新年").status_code == 200
    assert CalendarDay.objects.get(date=NEW_YEAR).name == "元旦假期"
    fresh = version_of(CalendarDay.objects.get(date=NEW_YEAR))
    assert post_day(client, fresh, name="新年").status_code == 302
    assert CalendarDay.objects.get(date=NEW_YEAR).name == "新年"


def test_a_post_without_a_version_is_not_checked(client, administrator):
    calendar_day_set(date=NEW_YEAR, kind="holiday", name="元旦")
    client.force_login(administrator)
    answer = client.post(reverse("calendar-day-save"), {"date": "2031-01-01", "kind": "holiday", "name": "新年"})
    assert answer.status_code == 302 and CalendarDay.objects.get(date=NEW_YEAR).name == "新年"


def test_the_api_refuses_a_stale_if_match_on_a_day(client, administrator):
    day = calendar_day_set(date=NEW_YEAR, kind="holiday", name="元旦")
    client.force_login(administrator)
    url = f"/api/calendar/days/{day.pk}/"
    loaded = client.get(url).headers["ETag"]
    first = client.patch(url, {"name": "元旦假期"}, content_type="application/json", headers={"If-Match": loaded})
    assert first.status_code == 200 and first.headers["ETag"] == etag_for(CalendarDay.objects.get(pk=day.pk))
    stale = client.patch(url, {"name": "新年"}, content_type="application/json", headers={"If-Match": loaded})
    assert stale.status_code == 412 and stale.json()["error"]["current"]["name"] == "元旦假期"
    assert CalendarDay.objects.get(pk=day.pk).name == "元旦假期"
