"""Shared view helpers, and the working-day calendar page."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import workdays
from .access import access_for
from .concurrency import EditConflict, VersionedFormMixin
from .forms import BootstrapModelForm
from .models import CalendarDay
from .services import calendar_day_set, calendar_days_enter


class MemberRequiredMixin:
    """A page for users holding a role in the zone; others get a clear 403."""

    def dispatch(self, request, *args, **kwargs):
        if not access_for(request.user).is_member:
            raise PermissionDenied(_("您的账号尚未分配角色，请联系管理员。"))
        return super().dispatch(request, *args, **kwargs)


def member_required(view):
    def wrapper(request, *args, **kwargs):
        if not access_for(request.user).is_member:
            raise PermissionDenied(_("您的账号尚未分配角色，请联系管理员。"))
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


class CalendarDayForm(VersionedFormMixin, BootstrapModelForm):
    """One day by its date; carries the version of the day the page showed (`NEW` for a blank form)."""

    track_new = True  # a day entered by someone else while the page was open is not overwritten

    class Meta:
        model = CalendarDay
        fields = ["date", "kind", "name"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}
        labels = {"name": gettext_lazy("名称（如 春节）")}


def _month_grid(calendar: workdays.WorkCalendar, year: int, month: int):
    """Weeks of a month as rows of DayInfo (None outside the month), Monday first."""
    first = dt.date(year, month, 1)
    start = first - dt.timedelta(days=first.weekday())
    weeks = []
    day = start
    while True:
        week = []
        for _i in range(7):
            week.append(calendar.explain(day) if day.month == month else None)
            day += dt.timedelta(days=1)
        weeks.append(week)
        if day.month != month:
            break
    return weeks


@member_required
def calendar_year(request, year=None):
    """A year of working days: holidays and adjusted working days, and where each came from."""
    year = year or timezone.localdate().year
    if not 2000 <= year <= 2100:
        raise PermissionDenied(_("只支持2000至2100年。"))
    form = None
    if request.user.has_perm("core.add_calendarday"):
        # `?date=`: correct an entered day; the form then carries that day's version.
        chosen = parse_date(request.GET.get("date") or "") if _is_iso_date(request.GET.get("date")) else None
        day = CalendarDay.objects.filter(date=chosen).first() if chosen else None
        form = CalendarDayForm(instance=day, initial={"date": chosen or dt.date(year, 1, 1)})
    return render(request, "core/calendar.html", _calendar_context(request, year, form))


def _is_iso_date(raw) -> bool:
    try:
        return bool(raw) and parse_date(raw) is not None
    except ValueError:
        return False


def _calendar_context(request, year: int, form) -> dict:
    calendar = workdays.get_calendar()
    months = [(month, _month_grid(calendar, year, month)) for month in range(1, 13)]
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    special = [calendar.explain(first + dt.timedelta(days=i)) for i in range((last - first).days + 1)]
    special = [d for d in special if d.is_workday != (d.date.weekday() < 5)]
    return {
        "year": year,
        "months": months,
        "special_days": special,
        "entries": CalendarDay.objects.filter(date__year=year),
        "is_known": year in calendar.known_years,
        "workday_count": calendar.workdays_between(dt.date(year - 1, 12, 31), last),
        "form": form,
        "schedule_draft": request.session.get("calendar_schedule_draft", ""),
        "can_edit": form is not None,
        "weekdays": [_("一"), _("二"), _("三"), _("四"), _("五"), _("六"), _("日")],
    }


@require_POST
def calendar_day_save(request):
    """Set one day by its date; a day saved or entered by someone else since the page was loaded is not overwritten."""
    if not request.user.has_perm("core.add_calendarday"):
        raise PermissionDenied
    raw = request.POST.get("date")
    existing = CalendarDay.objects.filter(date=parse_date(raw)).first() if _is_iso_date(raw) else None
    form = CalendarDayForm(request.POST, instance=existing)
    if form.is_valid():
        data = {name: form.cleaned_data[name] for name in ("date", "kind", "name")}
        try:
            day = calendar_day_set(seen=form.loaded_version, **data)
        except EditConflict as conflict:
            form.show_conflict(conflict)
            # 200 with the year's page: the conflict beside the form, what was typed still in it.
            return render(request, "core/calendar.html", _calendar_context(request, data["date"].year, form))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("calendar")
        messages.success(request, _("已保存：%(day)s") % {"day": day})
        return redirect("calendar-year", year=day.date.year)
    for field, errors in form.errors.items():
        for error in errors:
            messages.error(request, f"{form.fields[field].label if field in form.fields else ''} {error}".strip())
    return redirect("calendar")


@require_POST
def calendar_days_bulk(request):
    """Paste a year's schedule as published by the State Council, one line per holiday or working day."""
    if not request.user.has_perm("core.add_calendarday"):
        raise PermissionDenied
    try:
        entered = calendar_days_enter(text=request.POST.get("schedule", ""))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        request.session["calendar_schedule_draft"] = request.POST.get("schedule", "")
        return redirect(request.POST.get("next") or "calendar")
    request.session.pop("calendar_schedule_draft", None)
    messages.success(request, _("已录入 %(n)d 天。") % {"n": len(entered)})
    return redirect("calendar-year", year=entered[0].date.year)


@require_POST
def calendar_day_delete(request, pk):
    if not request.user.has_perm("core.delete_calendarday"):
        raise PermissionDenied
    day = get_object_or_404(CalendarDay, pk=pk)
    year = day.date.year
    day.delete()
    messages.success(request, _("已删除：%(day)s") % {"day": day})
    return redirect("calendar-year", year=year)
