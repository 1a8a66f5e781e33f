"""History: every edit is recorded with its author, and a record can be shown as it stood on a date."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from diaodu.core.history import as_of, changes
from diaodu.org.models import Department, Person

pytestmark = pytest.mark.django_db


def _backdate(record, when: dt.datetime):
    """Move the record's latest history entry to `when`, as if it had been written then."""
    entry = record.history.order_by("-history_date", "-history_id").first()
    entry.history_date = when
    entry.save()


def test_an_api_edit_is_recorded_with_its_user(client, dispatcher, department):
    client.force_login(dispatcher)
    client.patch(f"/api/departments/{department.pk}/", {"duties": "项目立项"}, content_type="application/json")
    latest = department.history.order_by("-history_date").first()
    assert latest.history_type == "~"
    assert latest.history_user == dispatcher
    assert latest.duties == "项目立项"


def test_an_admin_edit_is_recorded_with_its_user(client, administrator, department):
    client.force_login(administrator)
    client.post(
        reverse("admin:org_department_change", args=[department.pk]),
        {"name": "经济发展局", "short_name": "经发局", "duties": "统计", "phone": "", "sort_order": 3},
    )
    latest = department.history.order_by("-history_date").first()
    assert latest.duties == "统计"
    assert latest.history_user == administrator


def test_as_of_returns_the_value_a_record_had_on_a_past_date():
    tz = timezone.get_current_timezone()
    department = Department.objects.create(name="征收办公室", duties="土地征收")
    _backdate(department, dt.datetime(2026, 3, 1, 9, 0, tzinfo=tz))
    department.duties = "土地征收、收储"
    department.save()
    _backdate(department, dt.datetime(2026, 6, 1, 9, 0, tzinfo=tz))

    assert as_of(department, dt.date(2026, 2, 28)) is None  # did not exist yet
    assert as_of(department, dt.date(2026, 3, 1)).duties == "土地征收"
    assert as_of(department, dt.date(2026, 5, 31)).duties == "土地征收"
    assert as_of(department, dt.date(2026, 6, 1)).duties == "土地征收、收储"
    assert as_of(department, dt.datetime(2026, 6, 1, 8, 59, tzinfo=tz)).duties == "土地征收"


def test_as_of_says_a_deleted_record_no_longer_existed():
    tz = timezone.get_current_timezone()
    person = Person.objects.create(name="临时联络员")
    _backdate(person, dt.datetime(2026, 1, 5, tzinfo=tz))
    kept = Person.objects.get(pk=person.pk)
    person.delete()
    _backdate(kept, dt.datetime(2026, 2, 5, tzinfo=tz))
    assert as_of(kept, dt.date(2026, 1, 20)).name == "临时联络员"
    assert as_of(kept, dt.date(2026, 2, 6)) is None


def test_changes_lists_the_fields_that_changed():
    department = Department.objects.create(name="建设局", duties="施工许可")
    department.duties = "施工许可、质量安全"
    department.save()
    (_newest, fields), (created, created_fields) = changes(department)
    assert fields == [("duties", "施工许可", "施工许可、质量安全")]
    assert created.history_type == "+"
    assert created_fields == []


def test_person_page_shows_the_history(client, leader):
    person = Person.objects.create(name="钱进", title="科员")
    person.title = "副科长"
    person.save()
    client.force_login(leader)
    response = client.get(reverse("person-detail", args=[person.pk]))
    assert response.status_code == 200
    assert "副科长" in response.text
    assert "科员" in response.text


def test_person_page_shows_the_card_as_it_stood_on_a_past_date(client, leader):
    tz = timezone.get_current_timezone()
    person = Person.objects.create(name="钱进", title="科员")
    _backdate(person, dt.datetime(2026, 3, 1, 9, 0, tzinfo=tz))
    person.title = "副科长"
    person.save()
    client.force_login(leader)
    url = reverse("person-detail", args=[person.pk])
    old = client.get(url, {"as_of": "2026-04-01"}).text
    assert "以下为 2026-04-01 日终时的记录" in old
    assert '<dd class="col-8">科员</dd>' in old
    before = client.get(url, {"as_of": "2026-02-01"}).text
    assert "该日期时此记录尚不存在" in before
