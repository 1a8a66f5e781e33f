"""In Chromium, on the full demo: the zone leader's cockpit with every chart drawn from real data, and the zone's map
with its areas, projects and parcels (screenshots in var/e2e/). Run with the browser tests: `pytest -m e2e`."""

import pytest

from diaodu.projects.models import Project

from .conftest import log_in

pytestmark = pytest.mark.e2e

CHARTS = ["s-curve", "lights", "by-area", "funnel", "burndown"]
SERIES_SIZES = """(selector) => {
  const chart = echarts.getInstanceByDom(document.querySelector(selector));
  return chart.getOption().series.map((s) => [s.name || s.type, (s.data || []).filter((v) => v !== null).length]);
}"""


def test_the_zone_leader_reads_the_cockpit_with_every_chart_drawn_from_the_demo(page, full_demo, shot):
    log_in(page, "leader")
    page.goto(f"{page.base_url}/cockpit/")
    page.wait_for_function(
        f"document.querySelectorAll('[data-cockpit-chart][data-rendered=true]').length === {len(CHARTS)}"
    )
    for name in CHARTS:
        series = page.evaluate(SERIES_SIZES, f"[data-cockpit-chart={name}]")
        assert series and all(size > 0 for _name, size in series), (name, series)
        assert page.locator(f"[data-cockpit-chart={name}] canvas").count() >= 1
    assert "重点项目驾驶舱" in page.locator("h1").inner_text()
    assert page.locator("[data-testid=tiles] > a").count() == 8
    assert "亿元" in page.locator("[data-testid=investment-done]").inner_text()
    assert page.locator("[data-testid=land-quota]").inner_text().startswith("任务 400 公顷（6,000 亩）")
    red = Project.objects.filter(light__light="red").count()
    assert page.locator("[data-testid=red-all]").inner_text().startswith(f"查看全部 {red} 个")
    assert page.locator("[data-testid=red-project]").count() == min(red, 10)
    assert page.locator("[data-testid=overdue-issue]").count() > 0
    assert page.locator("[data-testid=deadline]").count() > 0
    assert shot(page, "dashboard_cockpit").stat().st_size > 100_000

    # A tile drills down to the page behind its figure.
    page.locator("[data-testid=tile-lights]").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/progress/lights/")

    # In English, the charts keep their data and their words change.
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": page.base_url}])
    page.goto(f"{page.base_url}/cockpit/")
    page.wait_for_function(
        f"document.querySelectorAll('[data-cockpit-chart][data-rendered=true]').length === {len(CHARTS)}"
    )
    assert "Key projects cockpit" in page.locator("h1").inner_text()
    assert dict(page.evaluate(SERIES_SIZES, "[data-cockpit-chart=s-curve]"))["Investment done"] > 0
    shot(page, "dashboard_cockpit_en")


def test_the_zone_leader_sees_the_areas_with_projects_and_parcels_on_the_map(page, full_demo, shot):
    log_in(page, "leader")
    page.goto(f"{page.base_url}/map/")
    page.wait_for_selector("[data-testid=zone-map][data-rendered=true]")
    series = dict(page.evaluate(SERIES_SIZES, "[data-zone-map]"))
    assert {"红灯", "黄灯", "绿灯"} <= set(series) and {"已收储", "已供应"} <= set(series)
    assert sum(series[light] for light in ("红灯", "黄灯", "绿灯")) == Project.objects.count()
    assert all(size > 0 for size in series.values())
    regions = page.evaluate(
        "() => echarts.getInstanceByDom(document.querySelector('[data-zone-map]')).getOption().geo[0].regions"
        ".map((r) => r.name)"
    )
    assert len(regions) == 8 and "洁净工业园" in regions
    assert page.locator("[data-testid=area-list] li").count() == 8
    assert "全部项目和地块均已标注坐标" in page.locator("[data-testid=unplaced]").inner_text()
    assert shot(page, "dashboard_map").stat().st_size > 60_000
