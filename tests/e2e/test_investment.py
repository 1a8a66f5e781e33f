"""In Chromium: the zone leader reads the investment pipeline as a kanban and a funnel; the dispatch office turns
a signed lead into a key project."""

from diaodu.investment.demo import seed_investment
from diaodu.investment.demo_data import LEADS
from diaodu.investment.models import Lead
from diaodu.projects.demo import seed_projects

from .conftest import log_in

STAGES = ["线索", "接洽", "考察", "洽谈", "签约", "注册", "开工"]


def test_the_zone_leader_reads_the_pipeline_as_a_kanban_and_a_funnel(page, shot):
    # With the registry's demo projects: the signed leads whose key projects it holds are linked to them.
    seed_projects()
    seed_investment()
    log_in(page, "leader")
    page.goto(f"{page.base_url}/investment/")
    page.wait_for_selector("[data-testid=funnel][data-rendered=true]")
    kanban = page.locator("[data-testid=kanban]")
    columns = kanban.locator("[data-testid=kanban-column]")
    assert columns.count() == 7
    for index, stage in enumerate(STAGES):
        column = columns.nth(index)
        assert column.locator("header").inner_text().startswith(stage)
        assert column.locator("[data-testid=lead-card]").count() >= 3, stage  # every column is filled
    lost = sum(1 for spec in LEADS if spec.stage == "lost")
    assert kanban.locator("[data-testid=lead-card]").count() == len(LEADS) - lost
    # Chinese renders as text (not boxes): the first card of 洽谈 is the largest lead there.
    negotiating = columns.nth(3).locator("[data-testid=lead-card]").first
    assert "泰和康养旅居综合体" in negotiating.inner_text() and "15.00 亿元" in negotiating.inner_text()
    overdue = page.locator("[data-testid=overdue-lead]")
    assert 4 <= overdue.count() <= 8 and "风电叶片制造项目" in page.locator("[data-testid=overdue-leads]").inner_text()
    assert page.locator("[data-testid=overdue-flag]").first.is_visible()
    # The funnel is drawn from its data: ECharts holds the seven layers with their counts.
    layers = page.evaluate(
        "() => echarts.getInstanceByDom(document.querySelector('[data-investment-funnel]')).getOption()"
        ".series[0].data.map(d => [d.name, d.count])"
    )
    assert [name for name, _count in layers] == STAGES
    counts = [count for _name, count in layers]
    assert counts == sorted(counts, reverse=True) and counts[0] == len(LEADS) - lost
    box = page.locator("[data-testid=funnel]").bounding_box()
    assert box["width"] > 400 and box["height"] > 300
    path = shot(page, "investment_pipeline")
    assert path.stat().st_size > 60_000
    # The views by source: a tab away.
    page.get_by_role("tab", name="按来源").click()
    assert "以商招商" in page.locator("[data-testid=breakdown-source]").inner_text()


def test_the_dispatch_office_turns_a_signed_lead_into_a_key_project(page, shot):
    seed_investment()
    lead = Lead.objects.get(title="智能农机装备配套产业园")
    log_in(page, "dispatch")
    page.goto(f"{page.base_url}/investment/leads/{lead.pk}/")
    assert "智能农机装备配套产业园" in page.locator("[data-testid=lead-title]").inner_text()
    assert page.locator("[data-testid=activity]").count() >= 3
    page.locator("[data-testid=convert-submit]").click()
    page.wait_for_selector("[data-testid=lead-panel]")
    assert "已转为重点项目：智能农机装备配套产业园" in page.content()
    assert "3.60 亿元" in page.locator("[data-testid=total-investment]").inner_text()
    assert "冯雪" in page.locator("[data-testid=responsibility]").inner_text()
    shot(page, "investment_converted_project")
    lead.refresh_from_db()
    assert lead.project is not None and lead.project.owner == lead.company.organisation
