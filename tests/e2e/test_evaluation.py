"""In Chromium: the zone leader opens the evaluation ranking of the demo zone and a department's breakdown, each
drawn from its data (screenshots in var/e2e/)."""

from django.utils import timezone

from diaodu.evaluation.models import EvaluationSnapshot

from .conftest import log_in


def test_the_zone_leader_reads_the_ranking_and_a_breakdown(page, shot, full_demo):
    log_in(page, "leader")
    page.goto(f"{page.base_url}/evaluation/")
    page.wait_for_selector("[data-testid=ranking-chart][data-rendered=true]")
    today = timezone.localdate()
    assert page.locator("h1").inner_text() == f"{today.year}年{today.month}月责任单位考核排名"
    assert page.locator("[data-testid=live-banner]").is_visible()
    rows = page.locator("[data-testid=ranking-row]")
    assert rows.count() >= 5
    totals = [float(text) for text in rows.locator("[data-testid=total]").all_inner_texts()]
    assert totals == sorted(totals, reverse=True) and 0 < totals[-1] <= totals[0] <= 100
    assert rows.first.locator("[data-testid=rank]").inner_text() == "1"
    # The chart holds one stacked series per criterion (signed investment is for officers only) and every row.
    series = page.evaluate(
        "() => echarts.getInstanceByDom(document.querySelector('[data-evaluation-ranking]')).getOption()"
        ".series.map(s => [s.name, s.data.length])"
    )
    assert [name for name, _n in series[:5]] == [
        "步骤按期完成",
        "报告按时报送",
        "问题按期办结",
        "投资完成序时进度",
        "未亮红灯",
    ]
    assert all(count == rows.count() for _name, count in series)
    if today.month > 1:  # last month's snapshot gives each row its movement
        assert EvaluationSnapshot.objects.filter(month__month=today.month - 1).count() == 3
        assert any(text for text in rows.locator("[data-testid=move]").all_inner_texts())
    assert shot(page, "evaluation_ranking").stat().st_size > 40_000

    name = rows.first.locator("[data-testid=breakdown-link]").inner_text()
    rows.first.locator("[data-testid=breakdown-link]").click()
    page.wait_for_selector("[data-testid=trend-chart][data-rendered=true]")
    assert page.locator("[data-testid=subject-name]").inner_text().startswith(name)
    assert page.locator("[data-testid=subject-total]").inner_text() == f"{totals[0]:.2f}"
    facts = page.locator("[data-testid=fact]")
    assert facts.count() >= 10
    assert page.locator("[data-testid=fact-reason]").first.inner_text()
    assert page.locator("[data-testid=facts-reports] [data-testid=fact-link]").count() >= 1
    months = page.evaluate(
        "() => echarts.getInstanceByDom(document.querySelector('[data-evaluation-trend]')).getOption()"
        ".xAxis[0].data.length"
    )
    assert months == today.month  # a snapshot of each past month, and this month live
    assert shot(page, "evaluation_breakdown").stat().st_size > 40_000

    # A past month is read from its snapshot.
    if today.month > 1:
        page.goto(f"{page.base_url}/evaluation/?kind=officer&month={today.year}-{today.month - 1:02d}")
        assert page.locator("[data-testid=snapshot-banner]").is_visible()
        assert page.locator("[data-testid=ranking-row]").count() >= 5
