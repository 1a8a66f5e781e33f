"""In Chromium: the dispatch office opens today's dispatch meeting of the demo, reads its agenda and decisions, and
has its bulletin made in the background, watching it complete; the bulletin list then offers its three files."""

from diaodu.meetings.demo import MEETINGS
from diaodu.meetings.models import Meeting
from diaodu.reports.models import Bulletin

from .conftest import log_in


def test_the_dispatch_office_holds_the_meeting_and_has_its_bulletin_made(page, shot, full_demo):
    meeting = Meeting.objects.get(title=MEETINGS[-1].title)
    before = Bulletin.objects.filter(meeting=meeting).count()  # the demo made one already
    log_in(page, "dispatch")
    page.goto(f"{page.base_url}/meetings/")
    rows = page.locator("[data-testid=meeting-row]")
    assert rows.count() == len(MEETINGS)
    shot(page, "meeting_list")
    rows.filter(has_text=meeting.title).locator("a").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=meeting-title]").inner_text() == meeting.title
    assert page.locator("[data-testid=meeting-status]").inner_text() == "已召开"
    agenda = page.locator("[data-testid=agenda-item]")
    assert agenda.count() == 8
    assert "红灯" in agenda.first.inner_text()  # the proposal puts red projects first, with why
    decisions = page.locator("[data-testid=decision-row]")
    assert decisions.count() == 4
    statuses = page.locator("[data-testid=decision-status]").all_inner_texts()
    assert any("办理中" in text for text in statuses) and any("已办结" in text for text in statuses)
    panel = page.locator("[data-testid=bulletin-panel]")
    for fmt in ("docx", "pdf", "xlsx"):
        assert panel.locator(f"[data-testid=download-{fmt}]").is_visible()
    shot(page, "meeting_detail")

    panel.locator("[data-testid=request-bulletin]").click()
    # The task runs (immediately in tests; a worker in production) and the row shows it done.
    newest = panel.locator("[data-testid=bulletin-row]").first
    page.wait_for_function(
        """count => {
            const rows = document.querySelectorAll('#meeting-bulletins [data-testid=bulletin-row]');
            return rows.length === count && rows[0].dataset.status === 'done';
        }""",
        arg=before + 1,
        timeout=90_000,
    )
    assert "已生成" in newest.inner_text()
    assert Bulletin.objects.filter(meeting=meeting, status="done").count() == before + 1
    for fmt in ("docx", "pdf", "xlsx"):
        assert newest.locator(f"[data-testid=bulletin-file-{fmt}]").is_visible()
    shot(page, "meeting_bulletin_done")

    with page.expect_download() as download:
        newest.locator("[data-testid=bulletin-file-pdf]").click()
    assert download.value.suggested_filename.endswith(".pdf") and "第4次项目调度会" in download.value.suggested_filename

    page.goto(f"{page.base_url}/reports/bulletins/")
    assert page.locator("[data-testid=bulletin-row]").count() == before + 1
    assert page.locator("[data-testid=request-form]").is_visible()
    shot(page, "bulletin_list")
