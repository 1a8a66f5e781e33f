"""A bulletin for a past date reads the records as they stood then: later edits never change it."""

import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from docx import Document

from diaodu.progress.models import ProgressReport
from diaodu.projects.models import InvestmentPlan, Project
from diaodu.reports.bulletin import build_bulletin
from diaodu.reports.models import Bulletin
from diaodu.reports.render import render_docx
from diaodu.reports.services import bulletin_outline
from tests.progress.conftest import at_noon
from tests.reports.conftest import JUNE_30, light

pytestmark = pytest.mark.django_db
JULY_3 = dt.date(2026, 7, 3)


def word_text(as_of, meeting_id=None) -> str:
    document = Document(io.BytesIO(render_docx(bulletin_outline(as_of, meeting_id))))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def edit_everything_after_june(zone_june):
    """On 3 July: edits to projects, plans, reports, lights, issues, land, leads, meetings and departments —
    some of them claiming dates in June (a light recorded late, a parcel supplied “on 20 June”)."""
    z = zone_june
    with time_machine.travel(at_noon(JULY_3), tick=False):
        jitong = z["jitong"]
        jitong.name, jitong.total_investment = "吉通机械总部（更名）", Decimal("70000")
        jitong.save()
        plan = InvestmentPlan.objects.get(project=z["hospital"], year=2026)
        plan.amount = Decimal("9999")
        plan.save()
        june = ProgressReport.objects.get(project=jitong, period_start=dt.date(2026, 6, 1))
        june.status, june.investment_done, june.submitted_at = "accepted", Decimal("777"), at_noon(JULY_3)
        june.save()  # June's draft, submitted in July
        may = ProgressReport.objects.get(project=z["hospital"], period_start=dt.date(2026, 5, 1))
        may.status = "returned"
        may.save()
        light(jitong, "red", JULY_3, previous="green", reasons=[("schedule", "red", "“开工”已超过任务时限。")])
        light(z["school"], "red", dt.date(2026, 6, 28), previous="green", reasons=[("issues", "red", "已督办。")])
        power = z["issues"]["power"]
        power.status = "closed"
        power.save()
        permit = z["issues"]["permit"]
        permit.due_date = dt.date(2026, 7, 31)
        permit.save()
        parcel = z["parcels"]["A"]
        parcel.status, parcel.supplied_on = "supplied", dt.date(2026, 6, 20)
        parcel.save()
        talks = z["leads"]["talks"]
        talks.stage, talks.signed_on = "signed", dt.date(2026, 6, 25)
        talks.save()
        new = Project.objects.create(name="七月新项目", total_investment=Decimal("1000"), stage="construction")
        InvestmentPlan.objects.create(project=new, year=2026, amount=Decimal("500"))
        build = z["build"]
        build.name = "住房和城乡建设局"
        build.save()
        first = z["first"]
        first.title = "第5次项目调度会（修订）"
        first.save()
        decision = z["second_decision"]
        decision.text = "改写后的议定事项。"
        decision.save()
        Bulletin.objects.create(as_of=dt.date(2026, 6, 29), status="done", finished_at=at_noon(JULY_3))


def test_a_bulletin_for_a_past_date_is_unchanged_by_later_edits(zone_june):
    before = build_bulletin(JUNE_30, zone_june["second"].pk)
    text_before = word_text(JUNE_30, zone_june["second"].pk)
    edit_everything_after_june(zone_june)
    with time_machine.travel(at_noon(dt.date(2026, 7, 4)), tick=False):
        after = build_bulletin(JUNE_30, zone_june["second"].pk)
        text_after = word_text(JUNE_30, zone_june["second"].pk)
    assert after == before
    assert text_after == text_before
    assert "吉通机械总部" in text_before and "建设局" in text_before and "住房和城乡建设局" not in text_before


def test_the_same_edits_do_show_in_a_later_bulletin(zone_june):
    edit_everything_after_june(zone_june)
    with time_machine.travel(at_noon(dt.date(2026, 7, 4)), tick=False):
        data = build_bulletin(JULY_3)
    assert (data.headline.projects, data.headline.unlit) == (5, 1)  # the new project has no light yet
    assert data.headline.investment.plan == Decimal("12410") - Decimal("7300") + Decimal("9999") + Decimal("500")
    assert {row.project for row in data.lights} >= {"吉通机械总部（更名）", "康养新城第一幼儿园"}
    assert (data.since, data.since_bulletin) == (dt.date(2026, 6, 29), True)  # the bulletin finished on 3 July
    assert "10千伏电力线路迁改" not in [row.title for row in data.issues]
    assert data.investment.signed_count == 2


def test_records_written_without_history_are_read_as_they_stand(zone_june):
    """Bulk data (the benchmarks' generator, imports) goes in without history rows: it still counts."""
    created = at_noon(dt.date(2026, 6, 20))
    (bulk,) = Project.objects.bulk_create(
        [Project(name="批量导入项目", total_investment=Decimal(800), stage="construction", created_at=created)]
    )
    Project.objects.filter(pk=bulk.pk).update(created_at=created)  # auto_now_add ignores the value given
    InvestmentPlan.objects.bulk_create([InvestmentPlan(project=bulk, year=2026, amount=Decimal(200))])
    InvestmentPlan.objects.filter(project=bulk).update(created_at=created)
    assert not Project.history.filter(id=bulk.pk).exists()
    data = build_bulletin(JUNE_30)
    assert data.headline.projects == 5 and data.headline.investment.plan == Decimal("12610")
    assert build_bulletin(dt.date(2026, 6, 19)).headline.investment.plan == Decimal("12410")  # created after that day
