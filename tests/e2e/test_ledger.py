"""In Chromium: the dispatch office imports the zone's Excel ledger (台账): it uploads it, sees every row's
result and the one bad row's error, chooses to skip the invalid row, confirms, and sees what was imported."""

from diaodu.org.models import Person
from diaodu.projects.models import Project
from tests.ledger.workbooks import REALISTIC_MERGES, REALISTIC_ROWS, write_workbook

from .conftest import log_in


def ledger_with_one_bad_row(path):
    rows = [list(row) for row in REALISTIC_ROWS]
    school = next(row for row in rows if len(row) > 1 and row[1] == "第二实验小学")
    school[9] = "2026年13月"  # 计划开工时间: no such month
    return write_workbook(path, rows, merges=REALISTIC_MERGES, title="重点项目")


def test_the_dispatch_office_previews_skips_the_bad_row_and_imports_the_ledger(page, shot, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    path = ledger_with_one_bad_row(tmp_path / "北部新城2026年重点项目台账.xlsx")
    log_in(page, "dispatch")
    page.goto(f"{page.base_url}/projects/")
    page.click("[data-testid=ledger-import]")
    assert "标题行和单位行" in page.locator("[data-testid=ledger-help]").inner_text()
    shot(page, "ledger_upload")
    page.set_input_files("input[name=file]", str(path))
    page.click("[data-testid=upload]")
    page.wait_for_selector("[data-testid=preview-table]")

    # Every row's result: six projects (one with an error), the three sections, the total, subtotal and note.
    rows = page.locator("[data-testid=preview-row]")
    assert rows.count() == 9 and page.locator("[data-testid=preview-section]").count() == 5
    assert page.locator("[data-testid=preview-row][data-action=create]").count() == 5
    assert page.locator("[data-testid=preview-row][data-action=error]").count() == 1
    errors = page.locator("[data-testid=preview-errors]").inner_text()
    assert "第18行「计划开工时间」：无法识别的日期“2026年13月”，应为 2021-03-15、2021.3 或 2021年3月" in errors
    assert page.locator("[data-testid=error-cell]").inner_text() == "2026年13月"
    assert "钱新、王新" in page.locator("[data-testid=new-people]").inner_text()
    assert page.locator("[data-testid=confirm]").is_disabled()
    assert page.locator("[data-testid=count-errors]").inner_text() == "1"
    path = shot(page, "ledger_preview_with_error")
    assert path.stat().st_size > 60_000
    assert Project.objects.count() == 0  # the preview wrote nothing

    page.check("input[name=skip_invalid]")
    page.click("[data-testid=repreview]")
    page.wait_for_selector("[data-testid=confirm]:not([disabled])")
    assert "确认导入（新增 5 个，更新 0 个）" in page.locator("[data-testid=confirm]").inner_text()
    page.click("[data-testid=confirm]")
    page.wait_for_selector("[data-testid=import-summary]")
    summary = page.locator("[data-testid=import-summary]").inner_text()
    assert "新增 5 个项目，更新 0 个" in summary and "跳过有错误的 1 行" in summary
    assert page.locator("[data-testid=imported-project]").count() == 5
    shot(page, "ledger_imported")

    assert Project.objects.count() == 5 and not Project.objects.filter(name="第二实验小学").exists()
    assert Person.objects.get(name="钱新").user is None
    page.click("text=新能源电池材料")
    page.wait_for_selector("h1")
    assert "新能源电池材料" in page.locator("h1").inner_text()
