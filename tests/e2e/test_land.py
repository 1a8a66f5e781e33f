"""In Chromium: the zone leader opens the land ledger and its burn-down of the 征供地 quota is drawn."""

import datetime as dt

from django.utils import timezone

from diaodu.land.demo import seed_land
from diaodu.org.models import Area, Person
from diaodu.projects.models import Project, ScheduleTemplate
from diaodu.projects.services import project_apply_template

from .conftest import log_in


def make_waiting_project(name: str, area: str) -> Project:
    """A project in preparation whose land steps (用地预审, 征收, 供应) come from the template, none done."""
    project = Project.objects.create(
        name=name,
        total_investment=36_000,
        area=Area.objects.get(name=area),
        planned_start=timezone.localdate() + dt.timedelta(days=240),
        responsible_officer=Person.objects.get(name="孙浩"),
    )
    project_apply_template(project=project, template=ScheduleTemplate.objects.get(kind="enterprise"))
    return project


def test_the_zone_leader_sees_the_burn_down_of_the_land_quota(page, shot):
    seed_land()
    make_waiting_project("精工轴承智能制造项目（测试）", "洁净工业园")
    make_waiting_project("康养度假酒店（测试）", "休闲康养产业园")
    log_in(page, "leader")
    page.goto(f"{page.base_url}/land/")
    chart = page.locator("[data-testid=land-burndown]")
    page.wait_for_selector("[data-testid=land-burndown][data-rendered=true]")
    assert chart.locator("canvas").count() >= 1
    box = chart.bounding_box()
    assert box["width"] > 400 and box["height"] > 300
    year = timezone.localdate().year
    assert f"{year}年土地征收与供应台账" in page.locator("h1").inner_text()
    assert page.locator("[data-testid=card-quota]").inner_text().startswith("400.00")
    assert page.locator("[data-testid=card-acquired]").inner_text().startswith("146.70")
    assert page.locator("[data-testid=card-supplied]").inner_text().startswith("120.60")
    assert page.locator("[data-testid=card-remaining]").inner_text().startswith("132.70")
    assert page.locator("[data-testid=parcel-row]").count() == 31
    waiting = page.locator("[data-testid=waiting-project]")
    assert waiting.count() == 2
    assert "洁净工业园C-01地块" in waiting.filter(has_text="精工轴承").inner_text()
    # The chart is drawn from data: ECharts holds the series the page gave it.
    series = page.evaluate(
        "() => echarts.getInstanceByDom(document.querySelector('[data-land-burndown]')).getOption().series"
        ".map(s => [s.name, s.data.filter(v => v !== null).length])"
    )
    names = [name for name, _count in series]
    assert names[:4] == ["累计征收", "累计供应", "剩余任务", "序时目标"] and names[4].startswith("所需进度")
    assert dict(series)["序时目标"] == 13 and dict(series)["剩余任务"] == timezone.localdate().month + 1
    path = shot(page, "land_ledger")
    assert path.stat().st_size > 40_000


def test_the_land_bureau_supplies_a_reserved_parcel_from_its_page(page, shot):
    seed_land()
    from diaodu.land.models import Parcel

    parcel = Parcel.objects.get(number="JJ-C-01")  # reserved, in 洁净工业园
    log_in(page, "dept")  # 赵丽, 自然资源局
    page.goto(f"{page.base_url}/land/parcels/{parcel.pk}/")
    form = page.locator("[data-testid=advance-form]")
    assert form.locator("select[name=status]").input_value() == "supplied"
    form.locator("[data-testid=advance-submit]").click()
    page.wait_for_load_state("networkidle")
    # Without the method the form says what is missing, in Chinese, next to the field.
    assert "供应地块时请选择供应方式：出让或划拨。" in page.locator("[data-testid=field-error]").inner_text()
    page.locator("[data-testid=advance-form] select[name=supply_method]").select_option("transfer")
    page.locator("[data-testid=advance-form] [data-testid=advance-submit]").click()
    page.wait_for_selector("text=已变更为“已供应”")
    assert "出让" in page.locator("[data-testid=parcel-status]").locator("..").inner_text()
    assert page.locator("[data-testid=advance-form]").count() == 0
    shot(page, "land_parcel_supplied")
    parcel.refresh_from_db()
    assert (parcel.status, parcel.supply_method, parcel.supplied_on) == ("supplied", "transfer", timezone.localdate())
