"""Pages of the indicators: the list against targets, one indicator's series with value entry, a target's form."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from diaodu.core.concurrency import EditConflict
from diaodu.core.views import member_required

from .choices import Granularity
from .forms import TargetForm, ValueForm
from .models import Indicator, IndicatorTarget, IndicatorValue
from .permissions import may_edit_indicators
from .selectors import indicator_detail, indicator_table, next_entry
from .services import indicator_target_set, indicator_value_enter

HISTORY_SHOWN = 15


def _as_of(request) -> tuple[int, dt.date]:
    """The page's year (`?year=`, default this year) and the day its figures stand on: today, or 31 December."""
    today = timezone.localdate()
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() else today.year
    if not 2000 <= year <= today.year:
        raise Http404(_("只能查看2000年至今年的指标。"))
    return year, min(today, dt.date(year, 12, 31))


def _add_errors(form, error: ValidationError, period_field: str | None = None) -> None:
    if hasattr(error, "error_dict"):
        for field, texts in error.message_dict.items():
            if field == "period_start" and period_field:
                field = period_field
            for text in texts:
                form.add_error(field if field in form.fields else None, text)
    else:
        for text in error.messages:
            form.add_error(None, text)


@member_required
def indicator_list(request):
    """Every indicator with its latest value, growth, progress this year and the growth still required."""
    year, as_of = _as_of(request)
    rows, trends = indicator_table(as_of, user=request.user)
    return render(
        request,
        "indicators/list.html",
        {
            "year": year,
            "as_of": as_of,
            "is_current": as_of == timezone.localdate(),
            "rows": rows,
            "trends": trends,
            "lights": {light: sum(row["light"] == light for row in rows) for light in ("red", "yellow", "green")},
            "can_edit": may_edit_indicators(request.user),
        },
    )


def _indicator_for(request, code) -> Indicator:
    return get_object_or_404(Indicator.objects.visible_to(request.user), code=code)


def _value_history(indicator: Indicator) -> list:
    return list(
        IndicatorValue.history.filter(indicator_id=indicator.pk)
        .select_related("history_user__person")
        .order_by("-history_date", "-history_id")[:HISTORY_SHOWN]
    )


def _detail_page(request, indicator: Indicator, form: ValueForm | None = None, status: int = 200):
    can_edit = may_edit_indicators(request.user)
    if can_edit and not indicator.is_ratio and form is None:
        corrected = _corrected_value(request, indicator)
        initial = _correction_initial(corrected) if corrected else next_entry(indicator)
        form = ValueForm(indicator=indicator, initial=initial, record=corrected)
    context = {
        "indicator": indicator,
        "detail": indicator_detail(indicator),
        "can_edit": can_edit,
        "form": form if can_edit and not indicator.is_ratio else None,
        "correcting": bool(form is not None and (form.initial.get("replaces") or form.data.get("replaces"))),
        "history": _value_history(indicator) if not indicator.is_ratio else [],
    }
    return render(request, "indicators/detail.html", context, status=status)


def _corrected_value(request, indicator: Indicator) -> IndicatorValue | None:
    """The value `?correct=<id>` names, if it is one of the indicator's."""
    raw = request.GET.get("correct", "")
    if not raw.isdigit():
        return None
    return IndicatorValue.objects.filter(indicator=indicator, pk=int(raw)).first()


def _correction_initial(value: IndicatorValue) -> dict:
    """The form filled with the value's period and the value being replaced."""
    initial = {
        "granularity": value.granularity,
        "year": value.period_start.year,
        "value": value.value,
        "source": value.source,
        "replaces": value.value,
    }
    if value.granularity == Granularity.MONTH:
        initial["month"] = value.period_start.month
    elif value.granularity == Granularity.QUARTER:
        initial["quarter"] = (value.period_start.month - 1) // 3 + 1
    return initial


@member_required
def indicator_detail_view(request, code):
    return _detail_page(request, _indicator_for(request, code))


@require_POST
@member_required
def indicator_value_view(request, code):
    """Enter or correct a value; errors stand next to the fields of the form."""
    indicator = _indicator_for(request, code)
    if not may_edit_indicators(request.user):
        raise PermissionDenied(_("只有项目办和管理员可以录入指标数值和目标。"))
    form = ValueForm(request.POST, indicator=indicator)
    if form.is_valid():
        try:
            record = indicator_value_enter(user=request.user, indicator=indicator, **form.service_data())
        except EditConflict as conflict:
            form.show_conflict(conflict)
        except ValidationError as error:
            _add_errors(form, error, period_field=form.field_for_period())
        else:
            done = {"name": indicator.name, "period": record.period_label}
            messages.success(request, _("已保存“%(name)s”%(period)s的数值。") % done)
            return redirect("indicator-detail", code=indicator.code)
    return _detail_page(request, indicator, form)


@member_required
def indicator_target_edit(request, code, year: int):
    """Set an indicator's target for a year: the dispatch office and the administrators."""
    indicator = _indicator_for(request, code)
    if not may_edit_indicators(request.user):
        raise PermissionDenied(_("只有项目办和管理员可以录入指标数值和目标。"))
    if not 2000 <= year <= 2100:
        raise Http404(_("只支持2000至2100年。"))
    target = IndicatorTarget.objects.filter(indicator=indicator, year=year).first()
    initial = {}
    if target is not None:
        initial = {"value": target.value, "is_plan_end": target.is_plan_end, "note": target.note}
        initial["replaces"] = target.value
    form = TargetForm(request.POST or None, indicator=indicator, initial=initial, record=target)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            indicator_target_set(
                user=request.user,
                indicator=indicator,
                year=year,
                value=data["value"],
                is_plan_end=data["is_plan_end"],
                note=data.get("note") or "",
                replaces=data.get("replaces"),
                seen=form.loaded_version,
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("“%(name)s”%(year)d年目标已保存。") % {"name": indicator.name, "year": year})
            return redirect(reverse("indicator-detail", args=[indicator.code]) + "#targets")
    history = []
    if target is not None:
        history = list(target.history.select_related("history_user__person").order_by("-history_date")[:10])
    context = {"indicator": indicator, "year": year, "form": form, "target": target, "history": history}
    return render(request, "indicators/target_form.html", context)


@member_required
def indicator_target_pick(request, code):
    """The year box of the targets card: on to that year's target form."""
    indicator = _indicator_for(request, code)
    raw = request.GET.get("year", "")
    if not raw.isdigit() or not 2000 <= int(raw) <= 2100:
        messages.error(request, _("“年度”应为2000至2100之间的四位数字。"))
        return redirect(reverse("indicator-detail", args=[indicator.code]) + "#targets")
    return redirect("indicator-target", code=indicator.code, year=int(raw))
