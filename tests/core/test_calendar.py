"""The official working-day calendar: package years, administrator entries, the fallback, and the API."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import translation

from diaodu.core import workdays
from diaodu.core.choices import DayKind, DaySource
from diaodu.core.models import CalendarDay

D = dt.date
ONE_DAY = dt.timedelta(days=1)
API_URL = "/api/calendar/workday/"


@pytest.fixture(autouse=True)
def fresh_calendar():
    """The calendar is cached per process; never let one test's rows leak into another's answers."""
    workdays.invalidate()
    yield
    workdays.invalidate()


@pytest.fixture
def member(db):
    from diaodu.org.roles import sync_roles

    sync_roles()
    user = get_user_model().objects.create_user("calendar-leader", password="Test-pass-2026")
    user.groups.add(Group.objects.get(name="zone_leader"))
    return user


def days(start: dt.date, end: dt.date):
    day = start
    while day <= end:
        yield day
        day += ONE_DAY


# --- National Day 2026, from the chinesecalendar package --------------------


@pytest.mark.django_db
@pytest.mark.parametrize("day", [D(2026, 10, 1), D(2026, 10, 2), D(2026, 10, 5), D(2026, 10, 7)])
def test_national_day_2026_is_a_holiday(day):
    assert workdays.is_workday(day) is False


@pytest.mark.django_db
def test_the_weekday_holidays_of_national_day_2026_are_not_working_days():
    # 10-1, 10-2, 10-5, 10-6 and 10-7 fall on weekdays; Monday–Friday would call them working days.
    for day in (D(2026, 10, 1), D(2026, 10, 2), D(2026, 10, 5), D(2026, 10, 6), D(2026, 10, 7)):
        assert day.weekday() < 5
        assert not workdays.is_workday(day), day


@pytest.mark.django_db
def test_sunday_2026_09_20_is_an_adjusted_working_day():
    assert D(2026, 9, 20).weekday() == 6
    assert workdays.is_workday(D(2026, 9, 20)) is True


@pytest.mark.django_db
def test_saturday_2026_10_10_is_an_adjusted_working_day():
    assert D(2026, 10, 10).weekday() == 5
    assert workdays.is_workday(D(2026, 10, 10)) is True


@pytest.mark.django_db
def test_the_first_working_day_after_national_day_2026_is_thursday_october_8():
    # State Council notice for 2026: 10月1日至7日放假调休，9月20日（周日）、10月10日（周六）上班.
    assert workdays.is_workday(D(2026, 10, 8)) is True
    assert workdays.is_workday(D(2026, 10, 9)) is True


@pytest.mark.django_db
def test_an_ordinary_weekend_around_national_day_2026_is_not_a_working_day():
    assert workdays.is_workday(D(2026, 9, 19)) is False  # Saturday
    assert workdays.is_workday(D(2026, 10, 11)) is False  # Sunday


@pytest.mark.django_db
def test_a_package_year_is_known_and_explained_with_the_holiday_name():
    calendar = workdays.get_calendar()
    assert workdays.is_known(D(2026, 10, 1)) is True
    assert workdays.fallback_years(D(2026, 1, 1), D(2026, 12, 31)) == []
    with translation.override("zh-hans"):
        info = calendar.explain(D(2026, 10, 1))
        workday_info = calendar.explain(D(2026, 9, 20))
    assert info.source == DaySource.PACKAGE == "package"
    assert info.is_workday is False
    assert info.name == "国庆节"
    assert workday_info.is_workday is True
    assert workday_info.name == "国庆节"


# --- add_workdays across National Day 2026 --------------------


@pytest.mark.django_db
def test_one_working_day_after_september_30_2026_is_october_8():
    assert workdays.add_workdays(D(2026, 9, 30), 1) == D(2026, 10, 8)


@pytest.mark.django_db
def test_two_working_days_after_september_29_2026_skip_the_whole_holiday():
    assert workdays.add_workdays(D(2026, 9, 29), 2) == D(2026, 10, 8)
    assert workdays.add_workdays(D(2026, 9, 29), 3) == D(2026, 10, 9)
    # The adjusted Saturday counts as a working day.
    assert workdays.add_workdays(D(2026, 9, 29), 4) == D(2026, 10, 10)
    assert workdays.add_workdays(D(2026, 9, 29), 5) == D(2026, 10, 12)


@pytest.mark.django_db
def test_adding_working_days_from_inside_the_holiday_starts_counting_after_it():
    assert workdays.add_workdays(D(2026, 10, 1), 1) == D(2026, 10, 8)
    assert workdays.add_workdays(D(2026, 10, 4), 2) == D(2026, 10, 9)


@pytest.mark.django_db
def test_adding_working_days_counts_the_adjusted_sunday_before_the_holiday():
    # 9-19 Sat off, 9-20 Sun on, 9-21 Mon on.
    assert workdays.add_workdays(D(2026, 9, 18), 1) == D(2026, 9, 20)
    assert workdays.add_workdays(D(2026, 9, 18), 2) == D(2026, 9, 21)


@pytest.mark.django_db
def test_negative_working_days_go_back_across_the_holiday():
    assert workdays.add_workdays(D(2026, 10, 8), -1) == D(2026, 9, 30)
    assert workdays.add_workdays(D(2026, 10, 9), -2) == D(2026, 9, 30)
    assert workdays.add_workdays(D(2026, 10, 9), -3) == D(2026, 9, 29)
    assert workdays.add_workdays(D(2026, 10, 7), -1) == D(2026, 9, 30)
    # Back across Mid-Autumn (9-25..9-27) too.
    assert workdays.add_workdays(D(2026, 9, 28), -1) == D(2026, 9, 24)


@pytest.mark.django_db
def test_zero_working_days_on_a_holiday_gives_the_next_working_day():
    assert workdays.add_workdays(D(2026, 10, 1), 0) == D(2026, 10, 8)
    assert workdays.add_workdays(D(2026, 10, 11), 0) == D(2026, 10, 12)


@pytest.mark.django_db
def test_zero_working_days_on_a_working_day_gives_that_day():
    assert workdays.add_workdays(D(2026, 9, 30), 0) == D(2026, 9, 30)
    assert workdays.add_workdays(D(2026, 10, 10), 0) == D(2026, 10, 10)


@pytest.mark.django_db
def test_working_day_arithmetic_outside_the_calendar_span_is_refused():
    with pytest.raises(workdays.CalendarRangeError):
        workdays.is_workday(D(1999, 12, 31))
    with pytest.raises(workdays.CalendarRangeError):
        workdays.add_workdays(D(2100, 12, 30), 5)
    with pytest.raises(workdays.CalendarRangeError):
        workdays.add_workdays(D(2000, 1, 3), -5)


# --- workdays_between --------------------


@pytest.mark.django_db
def test_workdays_between_counts_days_after_start_up_to_and_including_end():
    assert workdays.workdays_between(D(2026, 9, 30), D(2026, 10, 8)) == 1
    assert workdays.workdays_between(D(2026, 9, 29), D(2026, 10, 12)) == 5
    assert workdays.workdays_between(D(2026, 10, 1), D(2026, 10, 7)) == 0
    assert workdays.workdays_between(D(2026, 9, 30), D(2026, 9, 30)) == 0


@pytest.mark.django_db
def test_workdays_between_is_negative_when_end_is_earlier():
    assert workdays.workdays_between(D(2026, 10, 8), D(2026, 9, 30)) == -1
    assert workdays.workdays_between(D(2026, 10, 12), D(2026, 9, 29)) == -5
    # Between two working days the count is antisymmetric.
    for start, end in [(D(2026, 9, 1), D(2026, 11, 16)), (D(2026, 10, 9), D(2026, 9, 20))]:
        assert workdays.workdays_between(end, start) == -workdays.workdays_between(start, end)


@pytest.mark.django_db
def test_adding_workdays_between_a_working_day_and_a_later_day_lands_on_that_day():
    for start in days(D(2026, 9, 15), D(2026, 10, 15)):
        for end in days(start, D(2026, 10, 20)):
            if workdays.is_workday(end):
                n = workdays.workdays_between(start, end)
                assert workdays.add_workdays(start, n) == end, (start, end, n)


@pytest.mark.django_db
def test_adding_workdays_between_a_working_start_and_an_earlier_working_day_lands_on_that_day():
    for start in days(D(2026, 9, 15), D(2026, 10, 20)):
        if not workdays.is_workday(start):
            continue
        for end in days(D(2026, 9, 10), start):
            if workdays.is_workday(end):
                n = workdays.workdays_between(start, end)
                assert n <= 0
                assert workdays.add_workdays(start, n) == end, (start, end, n)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "end"),
    [
        # Sunday after the adjusted Saturday back to Friday: workdays_between == -1, add_workdays gives 10-10.
        (D(2026, 10, 11), D(2026, 10, 9)),
        # Inside National Day back to its eve: workdays_between == 0, add_workdays gives 10-08.
        (D(2026, 10, 3), D(2026, 9, 30)),
    ],
)
def test_adding_workdays_between_a_holiday_start_and_an_earlier_working_day_lands_on_that_day(start, end):
    assert workdays.is_workday(end) and not workdays.is_workday(start)
    assert workdays.add_workdays(start, workdays.workdays_between(start, end)) == end


@pytest.mark.django_db
def test_workdays_between_matches_a_day_by_day_count_over_several_months():
    start_span, end_span = D(2026, 8, 25), D(2026, 11, 10)
    flags = {day: workdays.is_workday(day) for day in days(start_span, end_span)}
    starts = [start_span, D(2026, 9, 19), D(2026, 9, 30), D(2026, 10, 1), D(2026, 10, 10), D(2026, 10, 31)]
    for start in starts:
        for end in days(start_span, end_span):
            if end >= start:
                expected = sum(flags[d] for d in days(start + ONE_DAY, end))
            else:
                # Backwards: the working days from `end` up to but excluding `start`.
                expected = -sum(flags[d] for d in days(end, start - ONE_DAY))
            assert workdays.workdays_between(start, end) == expected, (start, end)


@pytest.mark.django_db
def test_add_workdays_matches_a_day_by_day_walk_over_several_months():
    for start in days(D(2026, 9, 1), D(2026, 10, 31)):
        for n in range(-25, 26):
            day, remaining = start, abs(n)
            step = ONE_DAY if n >= 0 else -ONE_DAY
            if n == 0:
                while not workdays.is_workday(day):
                    day += ONE_DAY
            while remaining:
                day += step
                if workdays.is_workday(day):
                    remaining -= 1
            assert workdays.add_workdays(start, n) == day, (start, n)


@pytest.mark.django_db
def test_the_package_calendar_agrees_with_chinesecalendar_in_2026():
    import chinese_calendar

    for day in days(D(2026, 1, 1), D(2026, 12, 31)):
        assert workdays.is_workday(day) == chinese_calendar.is_workday(day), day


# --- 2027: administrator entries and the Monday–Friday fallback --------------------


@pytest.mark.django_db
def test_a_year_without_any_entries_falls_back_to_monday_to_friday_and_says_so():
    assert not CalendarDay.objects.filter(date__year=2027).exists()
    friday, saturday = D(2027, 1, 1), D(2027, 1, 2)
    assert friday.weekday() == 4
    assert workdays.is_workday(friday) is True  # New Year's Day, but nobody has told the calendar
    assert workdays.is_workday(saturday) is False
    assert workdays.is_known(friday) is False
    assert workdays.fallback_years(D(2026, 12, 1), D(2027, 2, 1)) == [2027]
    assert 2027 in workdays.fallback_years(D(2026, 6, 1), D(2028, 6, 1))
    info = workdays.get_calendar().explain(friday)
    assert info.source == DaySource.FALLBACK == "fallback"
    assert info.is_workday is True
    assert info.name == ""


@pytest.mark.django_db
def test_fallback_years_lists_every_unknown_year_in_either_order():
    assert workdays.fallback_years(D(2026, 1, 1), D(2029, 1, 1)) == [2027, 2028, 2029]
    assert workdays.fallback_years(D(2029, 1, 1), D(2026, 1, 1)) == [2027, 2028, 2029]
    assert workdays.fallback_years(D(2025, 1, 1), D(2026, 12, 31)) == []


@pytest.mark.django_db
def test_a_calendar_day_entered_for_2027_is_honoured_at_once(django_capture_on_commit_callbacks):
    new_year, adjusted_sunday = D(2027, 1, 1), D(2027, 2, 7)
    assert adjusted_sunday.weekday() == 6
    # The calendar is already loaded in this process before the administrator's change.
    assert workdays.is_workday(new_year) is True
    assert workdays.is_workday(adjusted_sunday) is False

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        CalendarDay.objects.create(date=new_year, kind=DayKind.HOLIDAY, name="元旦")
        CalendarDay.objects.create(date=adjusted_sunday, kind=DayKind.WORKDAY, name="春节")
    assert callbacks, "saving a CalendarDay schedules the cache invalidation on commit"

    assert workdays.is_workday(new_year) is False
    assert workdays.is_workday(adjusted_sunday) is True
    assert workdays.is_known(new_year) is True
    assert workdays.fallback_years(D(2026, 12, 1), D(2027, 3, 1)) == []
    assert workdays.add_workdays(D(2026, 12, 31), 1) == D(2027, 1, 4)
    assert workdays.add_workdays(D(2027, 2, 5), 1) == adjusted_sunday

    calendar = workdays.get_calendar()
    holiday = calendar.explain(new_year)
    assert (holiday.source, holiday.is_workday, holiday.name) == ("table", False, "元旦")
    workday = calendar.explain(adjusted_sunday)
    assert (workday.source, workday.is_workday, workday.name) == ("table", True, "春节")
    # Other days of a year the administrators have entered come from the table's year, not a guess.
    assert calendar.explain(D(2027, 3, 3)).source == DaySource.TABLE


@pytest.mark.django_db
def test_changing_or_deleting_a_calendar_day_is_honoured_at_once(django_capture_on_commit_callbacks):
    day = D(2027, 5, 3)  # a Monday
    with django_capture_on_commit_callbacks(execute=True):
        entry = CalendarDay.objects.create(date=day, kind=DayKind.HOLIDAY, name="劳动节")
    assert workdays.is_workday(day) is False

    with django_capture_on_commit_callbacks(execute=True):
        entry.kind = DayKind.WORKDAY
        entry.save()
    assert workdays.is_workday(day) is True

    with django_capture_on_commit_callbacks(execute=True):
        entry.delete()
    assert workdays.is_known(day) is False
    assert workdays.get_calendar().explain(day).source == DaySource.FALLBACK


@pytest.mark.django_db(transaction=True)
def test_a_committed_calendar_day_is_honoured_outside_any_test_transaction():
    new_year = D(2027, 1, 1)
    assert workdays.is_workday(new_year) is True
    CalendarDay.objects.create(date=new_year, kind=DayKind.HOLIDAY, name="元旦")
    assert workdays.is_workday(new_year) is False
    assert workdays.is_known(new_year) is True


@pytest.mark.django_db
def test_a_calendar_day_overrides_the_package_in_a_package_year(django_capture_on_commit_callbacks):
    # Should the State Council amend a schedule, the administrators' entry wins over the package.
    with django_capture_on_commit_callbacks(execute=True):
        CalendarDay.objects.create(date=D(2026, 10, 8), kind=DayKind.HOLIDAY, name="国庆节")
    assert workdays.is_workday(D(2026, 10, 8)) is False
    assert workdays.add_workdays(D(2026, 9, 30), 1) == D(2026, 10, 9)
    assert workdays.get_calendar().explain(D(2026, 10, 8)).source == DaySource.TABLE


@pytest.mark.django_db
def test_a_change_made_by_another_process_is_noticed_after_the_recheck_interval():
    day = D(2027, 10, 1)  # a Friday
    assert workdays.is_workday(day) is True
    # bulk_create sends no signal: this is what another app server's write looks like from here.
    CalendarDay.objects.bulk_create([CalendarDay(date=day, kind=DayKind.HOLIDAY, name="国庆节")])
    assert workdays.is_workday(day) is True, "within RECHECK_SECONDS the cached calendar answers"
    workdays._checked_at -= workdays.RECHECK_SECONDS + 1
    assert workdays.is_workday(day) is False


# --- Cost --------------------


@pytest.mark.django_db
def test_the_calendar_functions_make_no_query_once_the_calendar_is_loaded(django_assert_num_queries):
    workdays.is_workday(D(2026, 1, 1))  # warm-up: loads the table once
    with django_assert_num_queries(0):
        for offset in range(500):
            day = D(2026, 1, 1) + dt.timedelta(days=offset)
            workdays.is_workday(day)
            workdays.is_known(day)
            workdays.add_workdays(day, 10)
            workdays.add_workdays(day, -10)
            workdays.workdays_between(D(2026, 1, 1), day)
            workdays.fallback_years(D(2026, 1, 1), day)
            workdays.get_calendar().explain(day)


@pytest.mark.django_db
def test_loading_the_calendar_takes_a_bounded_number_of_queries(django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        workdays.is_workday(D(2026, 10, 1))


# --- API --------------------


@pytest.mark.django_db
def test_the_workday_api_answers_a_logged_in_member(client, member):
    client.force_login(member)
    response = client.get(API_URL, {"date": "2026-09-30", "add": 1, "until": "2026-10-12"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["date"] == "2026-09-30"
    assert body["is_workday"] is True
    assert body["source"] == "package"
    assert body["known"] is True
    assert body["added"] == "2026-10-08"
    assert body["workdays_until"] == 4  # 10-08, 10-09, 10-10 (adjusted Saturday), 10-12
    assert body["fallback_years"] == []


@pytest.mark.django_db
def test_the_workday_api_explains_a_holiday_by_name(client, member):
    client.force_login(member)
    with translation.override("zh-hans"):
        body = client.get(API_URL, {"date": "2026-10-01", "add": 0}, HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert body["is_workday"] is False
    assert body["name"] == "国庆节"
    assert body["added"] == "2026-10-08"


@pytest.mark.django_db
def test_the_workday_api_says_when_it_falls_back_to_monday_to_friday(client, member):
    client.force_login(member)
    body = client.get(API_URL, {"date": "2026-12-30", "add": 5}).json()
    assert body["known"] is True
    assert body["added"] == "2027-01-06"
    assert body["fallback_years"] == [2027]

    body = client.get(API_URL, {"date": "2027-01-01"}).json()
    assert body["known"] is False
    assert body["source"] == "fallback"
    assert body["is_workday"] is True
    assert body["fallback_years"] == [2027]


@pytest.mark.django_db
def test_the_workday_api_lists_fallback_years_reached_by_an_earlier_until(client, member):
    client.force_login(member)
    body = client.get(API_URL, {"date": "2028-03-01", "until": "2027-06-01"}).json()
    assert body["workdays_until"] < 0
    assert body["fallback_years"] == [2027, 2028]


@pytest.mark.django_db
def test_the_workday_api_refuses_an_out_of_range_request_with_a_field_error(client, member):
    client.force_login(member)
    response = client.get(API_URL, {"date": "2100-12-30", "add": 10})
    assert response.status_code == 400
    assert "add" in response.json()["error"]["fields"]
    response = client.get(API_URL, {"date": "1999-12-31"})
    assert response.status_code == 400
    assert "date" in response.json()["error"]["fields"]
    response = client.get(API_URL)
    assert response.status_code == 400
    assert "date" in response.json()["error"]["fields"]


@pytest.mark.django_db
def test_the_workday_api_refuses_anonymous_users_with_401(client):
    response = client.get(API_URL, {"date": "2026-10-01"})
    assert response.status_code == 401
    assert response.has_header("WWW-Authenticate")
    assert response.json()["error"]["status"] == 401


@pytest.mark.django_db
def test_the_workday_api_refuses_a_login_without_a_role_in_the_zone(client):
    user = get_user_model().objects.create_user("calendar-nobody", password="Test-pass-2026")
    client.force_login(user)
    response = client.get(API_URL, {"date": "2026-10-01"})
    assert response.status_code == 403
