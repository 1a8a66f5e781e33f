"""Pages of the evaluation: the ranking with its month picker and Excel export, a subject's breakdown with every
fact behind its points, the year's scheme, and taking a month's snapshot."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from diaodu.core.concurrency import EditConflict
from diaodu.core.history import changes
from diaodu.core.transitions import add_errors
from diaodu.core.views import member_required

from .choices import SubjectKind
from .display import criteria_for, criterion_headers, move_text, present_row, ranking_chart
from .exports import ranking_workbook
from .forms import SchemeForm, SnapshotForm
from .models import WEIGHT_FIELDS, EvaluationScheme
from .months import month_label, next_month, parse_month, previous_month
from .permissions import may_edit_scheme, may_see_breakdown, may_take_snapshot, sees_everything, visible_kinds
from .selectors import month_ranking, subject_trend
from .services import month_snapshots_take, scheme_save


def _kind(request, raw: str | None) -> str:
    """The ranking's kind (`?kind=`; the first the user may see by default); 403 for a kind he may not see."""
    kinds = visible_kinds(request.user)
    if not kinds:
        raise PermissionDenied(_("您的角色不参与考核评价的查看。"))
    kind = raw or kinds[0]
    if kind not in SubjectKind.values:
        raise Http404(_("没有这一类考核对象。"))
    if kind not in kinds:
        raise PermissionDenied(_("您不能查看这一类考核排名。"))
    return kind


def _month(request, today):
    try:
        return parse_month(request.GET.get("month"), today)
    except ValueError as error:
        raise Http404(str(error)) from None


def _query(kind: str, month) -> str:
    return urlencode({"kind": kind, "month": month.strftime("%Y-%m")})


def _rows(request, ranking) -> tuple[list[dict], list[str]]:
    columns = criteria_for(ranking.kind)
    rows = []
    for row in ranking.rows:
        shown = may_see_breakdown(request.user, ranking.kind, row["subject_id"])
        item = present_row(
            row, columns=columns, previous_rank=ranking.previous_ranks.get(row["subject_id"]), with_breakdown=shown
        )
        item["move_text"] = move_text(item["move"])
        rows.append(item)
    return rows, columns


def _ranking_for(request):
    today = timezone.localdate()
    kind = _kind(request, request.GET.get("kind"))
    month = _month(request, today)
    return month_ranking(kind, month, today), today


@member_required
def ranking(request):
    """The ranking of one kind for a month: live for this month, the stored snapshot for a past one."""
    data, today = _ranking_for(request)
    rows, columns = _rows(request, data)
    current = today.replace(day=1)
    month = data.month
    context = {
        "ranking": data,
        "rows": rows,
        "headers": criterion_headers(columns, data.weights),
        "kinds": [(kind, SubjectKind(kind).label) for kind in visible_kinds(request.user)],
        "kind_label": SubjectKind(data.kind).label,
        "month_label": month_label(month),
        "month_value": month.strftime("%Y-%m"),
        "max_month": current.strftime("%Y-%m"),
        "previous_query": _query(data.kind, previous_month(month)),
        "next_query": _query(data.kind, next_month(month)) if month < current else "",
        "query": _query(data.kind, month),
        "chart": ranking_chart(rows, columns) if sees_everything(request.user) and rows else None,
        "chart_height": max(240, 26 * len(rows) + 90),  # px: a bar per subject, each name readable
        "can_take_snapshot": may_take_snapshot(request.user) and month < current,
        "snapshot_form": SnapshotForm(initial={"month": month.strftime("%Y-%m")}),
        "can_edit_scheme": may_edit_scheme(request.user),
        "limited": not sees_everything(request.user),
    }
    return render(request, "evaluation/ranking.html", context)


@member_required
def ranking_export(request):
    """The ranking shown, as an .xlsx workbook (what the viewer may see, no more)."""
    data, _today = _ranking_for(request)
    rows, columns = _rows(request, data)
    content = ranking_workbook(
        data, rows, criterion_headers(columns, data.weights), request.build_absolute_uri("/")[:-1]
    )
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    filename = f"evaluation-{data.kind}-{data.month:%Y-%m}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@member_required
def breakdown(request, kind: str, subject_id: int):
    """Every criterion of one subject's total, and every fact behind each criterion, with links to the records."""
    kind = _kind(request, kind)
    if not may_see_breakdown(request.user, kind, subject_id):
        raise PermissionDenied(_("您只能查看本单位或本人的考核明细。"))
    today = timezone.localdate()
    data = month_ranking(kind, _month(request, today), today)
    row = data.row(subject_id)
    if row is None:
        raise Http404(_("该月没有这一考核对象的得分。"))
    columns = criteria_for(kind)
    item = present_row(row, columns=columns, previous_rank=data.previous_ranks.get(subject_id), with_breakdown=True)
    item["move_text"] = move_text(item["move"])
    trend = subject_trend(kind, subject_id, data)
    context = {
        "ranking": data,
        "row": item,
        "count": len(data.rows),
        "kind_label": SubjectKind(kind).label,
        "month_label": month_label(data.month),
        "query": _query(kind, data.month),
        "trend": {
            "months": [point["month"] for point in trend],
            "totals": [point["total"] for point in trend],
            "ranks": [point["rank"] for point in trend],
            "count": len(data.rows),
            "labels": {"total": _("总分"), "rank": _("名次")},
        },
    }
    return render(request, "evaluation/breakdown.html", context)


@require_POST
@member_required
def snapshot_take_view(request):
    """Keep a past month's rankings (every kind); a month that has them is replaced only when asked."""
    if not may_take_snapshot(request.user):
        raise PermissionDenied(_("只有项目办可以留存考核快照。"))
    today = timezone.localdate()
    form = SnapshotForm(request.POST)
    kind = request.POST.get("kind") if request.POST.get("kind") in SubjectKind.values else SubjectKind.DEPARTMENT
    if not form.is_valid():
        messages.error(request, _("请选择“月份”，如 2026-05。"))
        return redirect("evaluation-ranking")
    try:
        month = parse_month(form.cleaned_data["month"], today)
        results = month_snapshots_take(
            month=month, user=request.user, replace=form.cleaned_data["replace"], today=today
        )
    except (ValueError, ValidationError) as error:
        for message in getattr(error, "messages", [str(error)]):
            messages.error(request, message)
        return redirect(reverse("evaluation-ranking") + "?" + urlencode({"kind": kind}))
    label = month_label(month)
    taken = [str(SubjectKind(k).label) for k, (_snapshot, now) in results.items() if now]
    kept = [(SubjectKind(k).label, snapshot) for k, (snapshot, now) in results.items() if snapshot and not now]
    if taken:
        messages.success(request, _("已留存%(month)s快照：%(kinds)s。") % {"month": label, "kinds": "、".join(taken)})
    if kept:
        taken_at = timezone.localtime(kept[0][1].taken_at).strftime("%Y-%m-%d %H:%M")
        messages.warning(
            request,
            _("%(month)s已有快照（%(kinds)s，%(taken)s留存），未替换；如需重新计算，请勾选“替换已有快照”。")
            % {"month": label, "kinds": "、".join(str(name) for name, _s in kept), "taken": taken_at},
        )
    if not taken and not kept:
        messages.warning(request, _("%(month)s没有可考核的数据，未留存快照。") % {"month": label})
    return redirect(reverse("evaluation-ranking") + "?" + _query(kind, month))


@member_required
def scheme_edit(request, year: int | None = None):
    """The year's weights: the dispatch office and the administrators change them, everyone else reads them."""
    year = year or timezone.localdate().year
    if not 2000 <= year <= 2100:
        raise Http404(_("只支持2000至2100年。"))
    if not visible_kinds(request.user):
        raise PermissionDenied(_("您的角色不参与考核评价的查看。"))
    scheme = EvaluationScheme.for_year(year)
    can_edit = may_edit_scheme(request.user)
    initial = {field: getattr(scheme, field) for field in WEIGHT_FIELDS.values()}
    initial |= {"signed_target": scheme.signed_target, "note": scheme.note, "seen_version": scheme.version}
    form = SchemeForm(request.POST or None, initial=initial, record=scheme)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(_("只有项目办和管理员可以修改考核方案。"))
        if form.is_valid():
            data = form.cleaned_data
            try:
                scheme_save(
                    user=request.user, year=year, weights=form.weights(), signed_target=data["signed_target"],
                    note=data.get("note") or "", seen_version=data.get("seen_version"), seen=form.loaded_version,
                )  # fmt: skip
            except EditConflict as conflict:
                form.show_conflict(conflict)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("%(year)d年考核方案已保存。") % {"year": year})
                return redirect("evaluation-scheme-year", year=year)
    history = _history(scheme) if scheme.pk else []
    context = {"scheme": scheme, "year": year, "form": form, "can_edit": can_edit, "history": history}
    return render(request, "evaluation/scheme_form.html", context)


def _history(scheme) -> list:
    labelled = []
    for entry, fields in changes(scheme, limit=10):
        rows = [(scheme._meta.get_field(name).verbose_name, old, new) for name, old, new in fields if name != "version"]
        labelled.append((entry, rows))
    return labelled
