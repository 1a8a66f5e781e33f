"""The demo meetings: weekly meetings, a monthly one, one on land, today's; decisions in several states; a bulletin."""

import pytest
from django.core.management import call_command

from diaodu.meetings.demo import MEETINGS, TODAY_DECISIONS
from diaodu.meetings.models import AgendaItem, Decision, Meeting
from diaodu.reports.models import Bulletin

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def counts():
    return (
        Meeting.objects.count(),
        AgendaItem.objects.count(),
        Decision.objects.count(),
        Meeting.history.count(),
        Decision.history.count(),
        Bulletin.objects.count(),
    )


def test_seed_demo_loads_the_meetings_and_a_bulletin_and_is_idempotent():
    call_command("seed_demo")
    before = counts()
    call_command("seed_demo")
    assert counts() == before

    assert set(Meeting.objects.values_list("kind", flat=True)) == {"weekly", "monthly", "special"}
    assert Meeting.objects.count() == len(MEETINGS) and not Meeting.objects.exclude(status="held").exists()
    assert Meeting.objects.filter(title="土地要素保障专题调度会", kind="special").exists()
    today = Meeting.objects.get(title=MEETINGS[-1].title)
    assert today.agenda.count() == MEETINGS[-1].agenda_size
    assert today.decisions.count() == len(TODAY_DECISIONS)
    assert all(item.reason for item in AgendaItem.objects.all())
    states = set(Decision.objects.values_list("issue__status", flat=True))
    assert {"assigned", "in_progress", "resolved"} <= states
    assert all(decision.issue.source == "meeting" for decision in today.decisions.select_related("issue"))
    bulletin = Bulletin.objects.get(meeting=today)
    assert bulletin.status == "done" and bulletin.docx and bulletin.pdf and bulletin.xlsx
