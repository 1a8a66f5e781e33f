"""Administrators enter next year's holiday schedule in the app, all at once or one day at a time."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from diaodu.core import workdays
from diaodu.core.models import CalendarDay
from diaodu.core.services import calendar_days_enter, parse_schedule

pytestmark = pytest.mark.django_db

SCHEDULE_2027 = """
# 2027年部分节假日安排
2027-01-01 放假 元旦
2027-10-01 至 2027-10-07 放假 国庆节
2027-09-26 上班 国庆节
2027-10-09 上班 国庆节
"""


@pytest.fixture(autouse=True)
def fresh_calendar():
    workdays.invalidate()
    yield
    workdays.invalidate()


def test_a_pasted_schedule_enters_every_day_of_its_ranges():
    entered = calendar_days_enter(text=SCHEDULE_2027)
    assert len(entered) == 1 + 7 + 2
    assert CalendarDay.objects.get(date=dt.date(2027, 10, 4)).name == "国庆节"
    workdays.invalidate()
    assert not workdays.is_workday(dt.date(2027, 10, 4))  # a Monday off
    assert workdays.is_workday(dt.date(2027, 9, 26))  # a Sunday worked
    assert workdays.is_known(dt.date(2027, 6, 1))


def test_a_bad_line_is_named_and_nothing_is_entered():
    text = "2027-01-01 放假 元旦\n2027-02-30 放假 春节\n2027-05-01 休假 劳动节\nnonsense"
    with pytest.raises(ValidationError) as error:
        calendar_days_enter(text=text)
    messages = error.value.messages
    assert any(m.startswith("第2行") and "不存在" in m for m in messages)
    assert any(m.startswith("第3行") and "“休假”应为“放假”或“上班”" in m for m in messages)
    assert any(m.startswith("第4行") and "格式应为" in m for m in messages)
    assert not CalendarDay.objects.exists()


def test_a_backwards_or_overlong_range_is_refused():
    with pytest.raises(ValidationError, match="第1行"):
        parse_schedule("2027-10-07 至 2027-10-01 放假 国庆节")
    with pytest.raises(ValidationError, match="不超过31天"):
        parse_schedule("2027-01-01 至 2027-03-01 放假 太长")


def test_entering_a_day_again_corrects_it():
    calendar_days_enter(text="2027-02-06 上班 春节")
    calendar_days_enter(text="2027-02-06 放假 春节")
    assert CalendarDay.objects.get(date=dt.date(2027, 2, 6)).kind == "holiday"
    assert CalendarDay.objects.count() == 1


def test_the_administrator_pastes_the_schedule_on_the_calendar_page(client, administrator):
    client.force_login(administrator)
    response = client.post(reverse("calendar-days-bulk"), {"schedule": SCHEDULE_2027})
    assert response.status_code == 302
    assert response["Location"] == reverse("calendar-year", args=[2027])
    page = client.get(response["Location"]).text
    assert "已录入 10 天" in page
    assert "国庆节" in page
    assert "已发布安排" in page


def test_a_refused_paste_is_kept_for_correction(client, administrator):
    client.force_login(administrator)
    response = client.post(reverse("calendar-days-bulk"), {"schedule": "2027-13-01 放假 元旦"}, follow=True)
    assert "第1行" in response.text
    assert "2027-13-01 放假 元旦" in response.text
    assert not CalendarDay.objects.exists()


def test_an_officer_cannot_paste_a_schedule(client, officer):
    client.force_login(officer)
    assert client.post(reverse("calendar-days-bulk"), {"schedule": SCHEDULE_2027}).status_code == 403
    assert not CalendarDay.objects.exists()
