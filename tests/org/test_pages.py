"""The org pages: what they show, their filters, and a query count that does not grow with the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from diaodu.org.models import Department, Organisation, Person

pytestmark = pytest.mark.django_db


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_people(n: int, start: int = 0):
    for i in range(start, start + n):
        department = Department.objects.create(name=f"部门{i}")
        company = Organisation.objects.create(name=f"公司{i}")
        Person.objects.create(name=f"干部{i}", department=department, organisation=company, phone=f"1390000{i:04d}")


@pytest.mark.parametrize("url_name", ["home", "area-list", "department-list", "organisation-list", "person-list"])
def test_page_queries_do_not_grow_with_the_number_of_rows(client, leader, url_name):
    client.force_login(leader)
    add_people(3)
    client.get(reverse(url_name))  # warm-up: session and the calendar's once-a-minute check
    few = count_queries(client, reverse(url_name))
    add_people(30, start=3)
    assert count_queries(client, reverse(url_name)) == few


def test_people_list_filters_by_search_and_department(client, leader):
    add_people(5)
    client.force_login(leader)
    page = client.get(reverse("person-list"), {"q": "干部3"}).text
    assert "干部3" in page and "干部4" not in page
    department = Department.objects.get(name="部门2")
    page = client.get(reverse("person-list"), {"department": department.pk}).text
    assert "干部2" in page and "干部1" not in page


def test_organisation_list_shows_the_platform_companies(client, leader):
    Organisation.objects.create(name="聚丰城市建设投资有限公司", kind="platform")
    client.force_login(leader)
    page = client.get(reverse("organisation-list"), {"kind": "platform"}).text
    assert "聚丰城市建设投资有限公司" in page
    assert "平台公司" in page


def test_a_person_without_a_login_is_listed_as_a_contact(client, leader):
    Person.objects.create(name="刘联络", title="联络员")
    client.force_login(leader)
    page = client.get(reverse("person-list"), {"q": "刘联络"}).text
    assert "刘联络" in page
    assert "无</span>" in page


def test_people_filter_by_login_reads_all_yes_no(client, leader):
    Person.objects.create(name="刘联络")
    client.force_login(leader)
    page = client.get(reverse("person-list")).text
    assert "全部" in page and "未知" not in page
    with_login = client.get(reverse("person-list"), {"has_login": "true"}).text
    assert "刘联络" not in with_login and ">王建国</a>" in with_login
    without = client.get(reverse("person-list"), {"has_login": "false"}).text
    assert "刘联络" in without and ">王建国</a>" not in without
