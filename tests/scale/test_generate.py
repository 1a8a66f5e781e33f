"""generate_scale_data: deterministic, the counts asked for, valid records, and it leaves real data alone."""

from collections import Counter, defaultdict
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import F

from diaodu.core.validators import validate_credit_code, validate_project_code
from diaodu.investment.choices import LeadSource
from diaodu.investment.models import Lead
from diaodu.land.models import Parcel
from diaodu.org.models import Organisation
from diaodu.progress.models import LightChange, ProgressReport, ProjectLight
from diaodu.progress.periods import add_months
from diaodu.progress.services import lights_recompute
from diaodu.projects.choices import StepStatus
from diaodu.projects.models import Project, Step, StepDependency
from diaodu.projects.services import portfolio_recompute_schedules
from diaodu.scale.services import DatabaseNotEmpty

from .conftest import AS_OF, PROJECTS, YEARS, digest, generate


class Rollback(Exception):
    pass


def restart_sequences():
    """PostgreSQL's sequences do not roll back with a transaction: start each run where a fresh database would."""
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def test_the_same_seed_gives_the_same_rows_and_another_seed_other_rows(db):
    restart_sequences()
    try:
        with transaction.atomic():
            generate(seed=7)
            first = digest()
            raise Rollback
    except Rollback:
        pass
    assert not Project.objects.exists()
    restart_sequences()
    try:
        with transaction.atomic():
            generate(seed=8)
            other = digest()
            raise Rollback
    except Rollback:
        pass
    restart_sequences()
    generate(seed=7)
    assert digest() == first
    assert other != first


def test_it_writes_the_projects_and_one_report_per_project_and_month(generated):
    assert generated["counts"]["projects"] == Project.objects.count() == PROJECTS
    assert ProgressReport.objects.count() == PROJECTS * 12 * YEARS
    assert ProjectLight.objects.count() == LightChange.objects.count() == PROJECTS
    assert Step.objects.count() == generated["counts"]["steps"]
    assert StepDependency.objects.count() == generated["counts"]["links"]


def test_every_project_has_10_to_25_steps_whose_links_stay_inside_it(generated):
    per_project = Counter(Step.objects.values_list("project_id", flat=True))
    assert set(per_project) == set(Project.objects.values_list("pk", flat=True))
    assert all(10 <= n <= 25 for n in per_project.values()), per_project
    crossing = StepDependency.objects.exclude(predecessor__project=F("successor__project"))
    assert not crossing.exists()


def test_project_and_credit_codes_are_valid_and_unique(generated):
    codes = list(Project.objects.exclude(code=None).values_list("code", flat=True))
    assert codes and len(codes) == len(set(codes))
    for code in codes:
        validate_project_code(code)
    credit_codes = list(Organisation.objects.exclude(credit_code="").values_list("credit_code", flat=True))
    assert credit_codes and len(credit_codes) == len(set(credit_codes))
    for code in credit_codes:
        validate_credit_code(code)


def test_reports_are_monthly_without_gaps_or_duplicates_and_investment_only_grows(generated):
    rows = ProgressReport.objects.order_by("project_id", "period_start").values_list(
        "project_id", "frequency", "period_start", "period_end", "due_date", "investment_done", "progress_percent"
    )
    by_project = defaultdict(list)
    for row in rows:
        by_project[row[0]].append(row)
    first = add_months(AS_OF.replace(day=1), -(12 * YEARS - 1))
    for project in Project.objects.all():
        reports = by_project[project.pk]
        assert [r[2] for r in reports] == [add_months(first, i) for i in range(12 * YEARS)]
        assert {r[1] for r in reports} == {"monthly"}
        assert all(r[2] <= r[4] <= r[3] and r[3].month == r[2].month for r in reports)
        cumulative = project.investment_done_before
        percent = 0
        for report in reports:
            assert report[5] >= 0
            cumulative += report[5]
            assert report[6] >= percent
            percent = report[6]
        assert cumulative <= project.total_investment
        assert isinstance(cumulative, Decimal)


def test_steps_keep_actual_dates_in_the_past_and_after_their_predecessors(generated):
    steps = {step.pk: step for step in Step.objects.all()}
    for step in steps.values():
        if step.status == StepStatus.DONE:
            assert step.actual_start <= step.actual_finish <= AS_OF
        elif step.status == StepStatus.IN_PROGRESS:
            assert step.actual_start <= AS_OF and step.actual_finish is None
        else:
            assert step.actual_start is None and step.actual_finish is None
    for pred, succ in StepDependency.objects.values_list("predecessor_id", "successor_id"):
        if steps[succ].actual_start is not None:
            assert steps[pred].status == StepStatus.DONE
            assert steps[pred].actual_finish <= steps[succ].actual_start
    for project in Project.objects.filter(steps__procedure_type__code="statistics"):
        step = project.steps.get(procedure_type__code="statistics")
        assert project.statistics_date == (step.actual_finish if step.status == StepStatus.DONE else None)


def test_the_stored_schedules_and_lights_are_what_the_nightly_recomputation_gives(generated):
    assert lights_recompute(as_of=AS_OF)["changed"] == 0
    assert portfolio_recompute_schedules(as_of=AS_OF)["steps_changed"] == 0
    started = Project.objects.filter(stage="construction").first()
    assert started is None or started.schedule_as_of == AS_OF


def test_lights_come_in_every_colour_with_their_reasons(db):
    generate(projects=60)
    lights = Counter(ProjectLight.objects.values_list("light", flat=True))
    assert set(lights) == {"green", "yellow", "red"}
    assert all(light.reasons for light in ProjectLight.objects.exclude(light="green"))


def test_parcels_and_leads_are_consistent(generated):
    for parcel in Parcel.objects.all():
        assert parcel.compensation_paid <= parcel.compensation_budget
        dates = [d for d in (parcel.acquiring_on, parcel.acquired_on, parcel.reserved_on, parcel.supplied_on) if d]
        assert dates == sorted(dates)
    for lead in Lead.objects.all():
        assert lead.received_on <= lead.entered_on <= AS_OF
        if lead.source == LeadSource.REFERRAL:
            assert lead.referrer_id and lead.referrer_id != lead.company_id
        if lead.source == LeadSource.INDUSTRY_CHAIN:
            assert lead.chain_id


def test_it_refuses_a_database_that_holds_projects_unless_forced(db):
    Project.objects.create(name="真实项目")
    with pytest.raises(DatabaseNotEmpty):
        generate()
    with pytest.raises(CommandError, match="--force"):
        call_command("generate_scale_data", "--projects=2", "--years=1", "--as-of=2026-03-16", stdout=StringIO())
    assert Project.objects.count() == 1
    out = StringIO()
    call_command("generate_scale_data", "--projects=2", "--years=1", "--as-of=2026-03-16", "--force", stdout=out)
    assert "项目 2" in out.getvalue()
    assert Project.objects.count() == 3
    assert Project.objects.filter(name="真实项目").exists()
