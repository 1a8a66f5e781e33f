"""Writes of the progress app: reports and their review, stored lights with their history, reminders."""

import datetime as dt
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from diaodu.core import concurrency
from diaodu.projects.bulk import update_rows
from diaodu.projects.models import Project

from .choices import Frequency, Light, ReportStatus
from .lights import Thresholds, compute_light
from .models import LightChange, LightSettings, ProgressReport, ProjectLight
from .periods import Period, period_for
from .permissions import can_report, can_review, can_set_thresholds
from .selectors import light_inputs

logger = logging.getLogger(__name__)
EDITABLE = (ReportStatus.DRAFT, ReportStatus.RETURNED)
LIGHT_FIELDS = ["light", "reasons", "as_of", "computed_at", "changed_on"]


def _notify(**kwargs) -> None:
    """Notify through the notify app; a failure to notify never undoes the write that caused it."""
    try:
        from diaodu.notify.services import notify
    except ImportError:  # pragma: no cover - the notify app is part of every deployment
        return
    try:
        notify(**kwargs)
    except Exception:
        logger.exception("notification failed: %s", kwargs.get("title"))


# --- lights ---------------------------------------------------------------------------------------


def project_light(*, project: Project, as_of: dt.date | None = None):
    """A project's light as of a date, computed now (not stored)."""
    as_of = as_of or timezone.localdate()
    facts = light_inputs([project], as_of)[project.pk]
    return compute_light(facts, Thresholds.from_settings(LightSettings.for_year(as_of.year)), as_of)


def lights_recompute(*, projects=None, as_of: dt.date | None = None, batch_size: int = 500) -> dict:
    """Recompute and store lights (all projects by default); record each change and announce new reds.

    A fixed number of queries per batch, whatever its size: the facts from one selector, the stored lights in one
    read, then one insert of the new lights, one update of the others and one insert of the changes.
    """
    as_of = as_of or timezone.localdate()
    limits = Thresholds.from_settings(LightSettings.for_year(as_of.year))
    queryset = projects if projects is not None else Project.objects.all()
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    totals = {"projects": 0, "changed": 0, "red": 0, "yellow": 0, "green": 0}
    for offset in range(0, len(ids), batch_size):
        batch = list(
            Project.objects.filter(pk__in=ids[offset : offset + batch_size])
            .select_related("schedule_worst_step", "responsible_officer__user", "responsible_leader__user")
            .order_by("pk")
        )
        facts = light_inputs(batch, as_of)
        current = {light.project_id: light for light in ProjectLight.objects.filter(project__in=batch)}
        now = timezone.now()  # bulk writes skip auto_now
        created, updated, changes, turned_red = [], [], [], []
        for project in batch:
            result = compute_light(facts[project.pk], limits, as_of)
            reasons = [reason.as_dict() for reason in result.reasons]
            stored = current.get(project.pk)
            previous = stored.light if stored else ""
            totals["projects"] += 1
            totals[result.light] += 1
            if stored is None:
                stored = ProjectLight(project=project, changed_on=as_of)
                created.append(stored)
            else:
                updated.append(stored)
            if previous != result.light:
                totals["changed"] += 1
                stored.changed_on = as_of
                changes.append(
                    LightChange(
                        project=project, light=result.light, previous=previous, reasons=reasons, changed_on=as_of
                    )
                )
                if result.light == Light.RED:
                    turned_red.append((project, reasons))
            stored.light, stored.reasons, stored.as_of, stored.computed_at = result.light, reasons, as_of, now
        with transaction.atomic():
            ProjectLight.objects.bulk_create(created)
            update_rows(ProjectLight, updated, LIGHT_FIELDS)
            LightChange.objects.bulk_create(changes)
        for project, reasons in turned_red:
            worst = next((r["message"] for r in reasons if r["light"] == Light.RED), "")
            _notify(
                recipients=[project.responsible_officer, project.responsible_leader],
                event="project_red",
                title=_("项目亮红灯：%(name)s") % {"name": project.name},
                body=worst,
                url=f"/projects/{project.pk}/",
            )
    return totals


@transaction.atomic
def light_settings_save(*, user, year: int, seen: str | None = None, **values) -> LightSettings:
    """Set a year's light thresholds; refused (EditConflict) when saved by someone else since the version `seen`."""
    if not can_set_thresholds(user):
        raise PermissionDenied(_("只有项目办可以设置亮灯规则。"))
    row = concurrency.lock_or_none(LightSettings, year=year)
    if row is not None:
        concurrency.check(row, seen)
    row = row or LightSettings(year=year)
    for name, value in values.items():
        setattr(row, name, value)
    row.full_clean()
    row.save()
    return row


# --- reports --------------------------------------------------------------------------------------


def period_of(project: Project, day: dt.date) -> Period:
    settings = LightSettings.for_year(day.year)
    frequency = Frequency.WEEKLY if project.reports_weekly else Frequency.MONTHLY
    return period_for(day, frequency, due_day=settings.monthly_due_day, due_weekday=settings.weekly_due_weekday)


REPORT_FIELDS = ("investment_done", "progress_text", "progress_percent", "problems")


@transaction.atomic
def report_save_draft(
    *, project: Project, user, day: dt.date | None = None, seen: str | None = None, **fields
) -> ProgressReport:
    """Save the officer's report of the period containing `day` as a draft (created on first save).

    `seen`: the version of the report the page was loaded with (`NEW` before its first save); a report saved
    by someone else since is refused with EditConflict.
    """
    if not can_report(user, project):
        raise PermissionDenied(_("只有该项目的包保干部或项目办可以报送进度。"))
    period = period_of(project, day or timezone.localdate())
    report, created = ProgressReport.objects.select_for_update().get_or_create(
        project=project,
        frequency=period.frequency,
        period_start=period.start,
        defaults={"period_end": period.end, "due_date": period.due},
    )
    if not created:
        concurrency.check(report, seen)
    if report.status not in EDITABLE:
        raise ValidationError(_("本期报告已报送，不能再修改；如需更正，请联系项目办退回。"))
    unknown = set(fields) - set(REPORT_FIELDS)
    if unknown:
        raise ValueError(f"unknown report fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(report, name, value)
    report.full_clean()
    report._history_user = user  # who saved it, for the editor told of a conflict (token calls have no middleware user)
    report.save()
    return report


@transaction.atomic
def report_submit(*, report: ProgressReport, user) -> ProgressReport:
    """Submit a draft or a returned report; late when after its due date."""
    report = ProgressReport.objects.select_for_update().select_related("project").get(pk=report.pk)
    if not can_report(user, report.project):
        raise PermissionDenied(_("只有该项目的包保干部或项目办可以报送进度。"))
    if report.status not in EDITABLE:
        raise ValidationError(_("本期报告已报送。"))
    if not report.progress_text.strip():
        raise ValidationError({"progress_text": _("请填写形象进度。")})
    report.status = ReportStatus.SUBMITTED
    report.submitted_by = user
    report.submitted_at = timezone.now()
    report.return_reason = ""
    report.full_clean()
    report.save()
    transaction.on_commit(lambda: lights_recompute(projects=Project.objects.filter(pk=report.project_id)))
    return report


@transaction.atomic
def report_accept(*, report: ProgressReport, user, seen: str | None = None) -> ProgressReport:
    """Accept a submitted report; refused (EditConflict) when it changed since the reviewer read it (`seen`)."""
    report = concurrency.lock(ProgressReport.objects.select_related("project"), report.pk, seen=seen)
    if not can_review(user):
        raise PermissionDenied(_("只有项目办可以审核报告。"))
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("只能审核已报送的报告。"))
    report.status = ReportStatus.ACCEPTED
    report.reviewed_by, report.reviewed_at = user, timezone.now()
    report.save()
    return report


@transaction.atomic
def report_return(*, report: ProgressReport, user, reason: str, seen: str | None = None) -> ProgressReport:
    """Return a submitted report to its officer with a reason; it no longer counts until resubmitted.

    Refused (EditConflict) when the report changed since the reviewer read it (`seen`).
    """
    report = concurrency.lock(
        ProgressReport.objects.select_related("project__responsible_officer"), report.pk, seen=seen
    )
    if not can_review(user):
        raise PermissionDenied(_("只有项目办可以退回报告。"))
    if report.status not in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED):
        raise ValidationError(_("只能退回已报送的报告。"))
    if not reason.strip():
        raise ValidationError({"return_reason": _("请写明退回原因。")})
    report.status = ReportStatus.RETURNED
    report.return_reason = reason.strip()
    report.reviewed_by, report.reviewed_at = user, timezone.now()
    report.save()
    project = report.project
    transaction.on_commit(lambda: lights_recompute(projects=Project.objects.filter(pk=project.pk)))
    transaction.on_commit(
        lambda: _notify(
            recipients=[project.responsible_officer],
            event="report_returned",
            title=_("报告被退回：%(name)s") % {"name": project.name},
            body=reason,
            url=f"/progress/report/{project.pk}/?period={report.period_start:%Y-%m-%d}",
        )
    )
    return report


def reports_remind(*, as_of: dt.date | None = None, days_before: int = 3) -> dict:
    """Remind officers of a report due in `days_before` days, and of a late one (once each, on the day)."""
    from .selectors import REPORTING_STAGES

    as_of = as_of or timezone.localdate()
    counts = {"due": 0, "late": 0}
    projects = Project.objects.filter(stage__in=REPORTING_STAGES, responsible_officer__isnull=False).select_related(
        "responsible_officer"
    )
    submitted = set(
        ProgressReport.objects.filter(status__in=(ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)).values_list(
            "project_id", "frequency", "period_start"
        )
    )
    for project in projects:
        url = f"/progress/report/{project.pk}/"
        # Due in `days_before` days: the period whose due date is that day.
        upcoming = period_of(project, as_of + dt.timedelta(days=days_before))
        if (
            upcoming.due == as_of + dt.timedelta(days=days_before)
            and (project.pk, upcoming.frequency, upcoming.start) not in submitted
        ):
            counts["due"] += 1
            _notify(
                recipients=[project.responsible_officer],
                event="report_due",
                title=_("%(period)s进度报告将于%(due)s截止：%(name)s")
                % {"period": upcoming.label, "due": upcoming.due.isoformat(), "name": project.name},
                url=url,
            )
        # Late since yesterday: the period whose due date was yesterday (it may lie in the previous period).
        yesterday = as_of - dt.timedelta(days=1)
        late = period_of(project, yesterday)
        if late.due == yesterday and (project.pk, late.frequency, late.start) not in submitted:
            counts["late"] += 1
            _notify(
                recipients=[project.responsible_officer, project.responsible_leader],
                event="report_late",
                title=_("%(period)s进度报告已逾期：%(name)s") % {"period": late.label, "name": project.name},
                url=f"{url}?period={late.start:%Y-%m-%d}",
            )
    return counts
