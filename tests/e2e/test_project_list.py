"""In Chromium: the project list's leader filter is a search, not a menu of everyone (issue 9, province scale)."""

from decimal import Decimal

from playwright.sync_api import expect

from diaodu.org.models import Person
from diaodu.projects.models import Project

from .conftest import log_in


def test_the_leader_filter_finds_a_person_by_name_and_filters_the_list(page, shot):
    li, wang = Person.objects.get(name="李明"), Person.objects.get(name="王建国")
    for number in range(3):
        Project.objects.create(name=f"李明包保项目{number}", total_investment=Decimal("1000"), responsible_leader=li)
    Project.objects.create(name="王建国包保项目", total_investment=Decimal("2000"), responsible_leader=wang)
    log_in(page, "dispatch")
    page.goto(f"{page.base_url}/projects/")
    page.click("summary")  # 筛选、搜索与排序
    menu = page.locator("select[name=leader]")
    assert menu.locator("option").all_inner_texts() == ["全部"]  # nobody listed until asked
    page.fill("[data-testid=person-search-leader-term]", "李")
    expect(menu.locator("option")).to_have_text(["全部", "李明"])  # 王建国 leads a project too, but does not match
    assert menu.input_value() == str(li.pk)  # the first match is chosen: 筛选 filters by it
    shot(page, "project-list-leader-search")
    page.locator("form button[type=submit]", has_text="筛选").click()
    page.wait_for_load_state("networkidle")
    assert f"leader={li.pk}" in page.url
    names = page.locator("table tbody tr td:first-child a").all_inner_texts()
    assert sorted(names) == ["李明包保项目0", "李明包保项目1", "李明包保项目2"]
    assert page.locator("select[name=leader] option:checked").inner_text() == "李明"  # kept after the reload
