"""Pages of the progress app: reporting (made for a phone), review, the lights overview, thresholds, photos."""

import datetime as dt
import mimetypes

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from diaodu.core import concurrency
from diaodu.core.access import access_for
from diaodu.core.concurrency import EditConflict, VersionedFormMixin
from diaodu.core.forms import BootstrapModelForm
from diaodu.core.views import member_required
from diaodu.org.choices import Role
from diaodu.projects.models import Project

from .choices import Light, ReportStatus
from .models import LightSettings, ProgressReport, ReportPhoto
from .permissions import can_report, can_review, can_set_thresholds
from .selectors import lights_overview, turned_red_since
from .services import (
    EDITABLE,
    light_settings_save,
    lights_recompute,
    period_of,
    report_accept,
    report_return,
    report_save_draft,
    report_submit,
)
from .uploads import save_photo

MAX_PHOTOS = 9


class ReportForm(VersionedFormMixin, BootstrapModelForm):
    track_new = True  # the period's report started by someone else while this page was open is not overwritten

    class Meta:
        model = ProgressReport
        fields = ["investment_done", "progress_percent", "progress_text", "problems"]
        widgets = {
            "investment_done": forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01", "min": "0"}),
            "progress_percent": forms.NumberInput(attrs={"inputmode": "numeric", "min": "0", "max": "100"}),
            "progress_text": forms.Textarea(attrs={"rows": 4}),
            "problems": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"investment_done": gettext_lazy("本期（本月或本周）完成的投资，不是累计数；累计由系统汇总。")}


def _project(request, pk) -> Project:
    return get_object_or_404(
        Project.objects.visible_to(request.user).select_related("responsible_officer", "area"), pk=pk
    )


def _period_day(request) -> dt.date:
    raw = request.GET.get("period") or request.POST.get("period") or ""
    try:
        day = parse_date(raw)
    except ValueError:
        day = None
    return day or timezone.localdate()


@member_required
def report_home(request):
    """The officer's projects and this period's report of each; the dispatch office's queue of reports to review."""
    access = access_for(request.user)
    today = timezone.localdate()
    projects = Project.objects.visible_to(request.user).select_related("light")
    if Role.OFFICER in access.roles and access.person_id:
        projects = projects.filter(responsible_officer_id=access.person_id)
    elif not can_review(request.user):
        projects = projects.none()
    projects = list(projects.filter(stage__in=["preparation", "construction"]).order_by("name")[:200])
    current = {}
    for report in ProgressReport.objects.filter(project__in=projects, period_end__gte=today - dt.timedelta(days=40)):
        current[(report.project_id, report.period_start)] = report
    rows = []
    for project in projects:
        period = period_of(project, today)
        rows.append({"project": project, "period": period, "report": current.get((project.pk, period.start))})
    to_review = (
        ProgressReport.objects.visible_to(request.user)
        .filter(status=ReportStatus.SUBMITTED)
        .select_related("project", "submitted_by")
        .order_by("submitted_at")[:100]
        if can_review(request.user)
        else []
    )
    return render(request, "progress/report_home.html", {"rows": rows, "to_review": to_review, "today": today})


@member_required
def report_form(request, pk):
    """The reporting page, made for a phone: this period's figures, 形象进度, problems and site photos."""
    project = _project(request, pk)
    if not can_report(request.user, project):
        raise PermissionDenied(_("只有该项目的包保干部或项目办可以报送进度。"))
    day = _period_day(request)
    period = period_of(project, day)
    report = (
        ProgressReport.objects.filter(project=project, frequency=period.frequency, period_start=period.start)
        .prefetch_related("photos")
        .first()
    )
    form = ReportForm(request.POST or None, instance=report or ProgressReport(project=project))
    if request.method == "POST":
        if form.is_valid():
            try:
                report = report_save_draft(
                    project=project,
                    user=request.user,
                    day=day,
                    seen=form.loaded_version,
                    **{name: form.cleaned_data[name] for name in ReportForm.Meta.fields},
                )
                for upload in request.FILES.getlist("photos")[:MAX_PHOTOS]:
                    save_photo(report=report, upload=upload)
                if request.POST.get("action") == "submit":
                    report_submit(report=report, user=request.user)
                    messages.success(request, _("已报送，等待项目办审核。"))
                    return redirect("project-detail", pk=project.pk)
                if request.htmx:
                    return render(request, "progress/_draft_saved.html", {"report": report})
                messages.success(request, _("草稿已保存。"))
                return redirect(f"{request.path}?period={period.start:%Y-%m-%d}")
            except EditConflict as conflict:
                form.show_conflict(conflict)
                report = conflict.current
            except ValidationError as error:
                for field, errors in (
                    error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
                ):
                    for message in errors:
                        form.add_error(field if field in form.fields else None, message)
        if request.htmx:
            context = {"report": report, "errors": form.errors, "conflict": form.conflict}
            return render(request, "progress/_draft_saved.html", context)
    editable = report is None or report.status in EDITABLE
    return render(
        request,
        "progress/report_form.html",
        {"project": project, "period": period, "report": report, "form": form, "editable": editable},
    )


@require_POST
@member_required
def report_review(request, report_pk):
    report = get_object_or_404(ProgressReport.objects.visible_to(request.user), pk=report_pk)
    seen = request.POST.get("version")  # the version the queue showed: a report changed since is not judged
    try:
        if request.POST.get("action") == "accept":
            report_accept(report=report, user=request.user, seen=seen)
            messages.success(request, _("已通过：%(name)s") % {"name": report.project.name})
        else:
            report_return(report=report, user=request.user, reason=request.POST.get("reason", ""), seen=seen)
            messages.success(request, _("已退回：%(name)s") % {"name": report.project.name})
    except EditConflict as conflict:
        messages.error(request, concurrency.describe(conflict.current))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("report-home")


@member_required
def photo(request, pk):
    """A site photo, served only to those who may see its project (uploads are not public files)."""
    item = get_object_or_404(ReportPhoto.objects.visible_to(request.user), pk=pk)
    try:
        content_type = mimetypes.guess_type(item.image.name)[0] or "application/octet-stream"
        return FileResponse(item.image.open("rb"), content_type=content_type)
    except FileNotFoundError:
        raise Http404 from None


@member_required
def lights(request):
    """Counts of lights by area and department, drilling down to the projects with their reasons."""
    today = timezone.localdate()
    overview = lights_overview(request.user)
    projects = (
        Project.objects.visible_to(request.user)
        .filter(light__isnull=False)
        .select_related("light", "area", "responsible_department", "responsible_leader", "responsible_officer")
    )
    light = request.GET.get("light")
    if light in Light.values:
        projects = projects.filter(light__light=light)
    if area := request.GET.get("area"):
        projects = projects.filter(area_id=area) if area.isdigit() else projects.filter(area__isnull=True)
    if department := request.GET.get("department"):
        projects = (
            projects.filter(responsible_department_id=department)
            if department.isdigit()
            else projects.filter(responsible_department__isnull=True)
        )
    order = {"red": 0, "yellow": 1, "green": 2}
    rows = sorted(projects[:500], key=lambda p: (order[p.light.light], p.name))
    week_start = today - dt.timedelta(days=today.weekday())
    labels = {light: str(Light(light).label) for light in Light.values}
    return render(
        request,
        "progress/lights.html",
        {
            "overview": overview,
            "rows": rows,
            "selected": {"light": light, "area": request.GET.get("area"), "department": request.GET.get("department")},
            "turned_red": turned_red_since(request.user, week_start).select_related("light")[:20],
            "area_bars": {"rows": overview["by_area"], "labels": labels},
            "department_bars": {"rows": overview["by_department"], "labels": labels},
        },
    )


class LightSettingsForm(VersionedFormMixin, BootstrapModelForm):
    track_new = True  # the year's thresholds set by someone else while this page was open are not overwritten

    class Meta:
        model = LightSettings
        exclude = ["year"]

    def clean(self):
        data = super().clean()
        yellow, red = data.get("investment_yellow_gap"), data.get("investment_red_gap")
        if yellow is not None and red is not None and yellow > red:
            self.add_error("investment_yellow_gap", _("黄灯的百分点不能大于红灯的百分点。"))
        yellow, red = data.get("statistics_yellow_months"), data.get("statistics_red_months")
        if yellow is not None and red is not None and yellow > red:
            self.add_error("statistics_yellow_months", _("黄灯的月数不能大于红灯的月数。"))
        return data


@member_required
def light_settings(request, year=None):
    if not can_set_thresholds(request.user):
        raise PermissionDenied(_("只有项目办可以设置亮灯规则。"))
    year = year or timezone.localdate().year
    instance = LightSettings.for_year(year)
    form = LightSettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            light_settings_save(user=request.user, year=year, seen=form.loaded_version, **form.cleaned_data)
        except EditConflict as conflict:
            form.show_conflict(conflict)
        else:
            lights_recompute()
            messages.success(request, _("%(year)d年亮灯规则已保存，全部项目已重新亮灯。") % {"year": year})
            return redirect("light-settings-year", year=year)
    return render(request, "progress/light_settings.html", {"form": form, "year": year, "saved": instance.pk})
