"""Pages of dispatch meetings: the list, a meeting's page with its agenda and decisions (htmx), the forms.

Who reads what: members whose role sees everything (主要领导, 项目办, 观察员, 管理员) read every meeting;
other members read the meetings that concern them: those they attended, those their department attended
or was given a decision by (department role), and those that put a project they see on the agenda or
decided something about one. A meeting they may read they read whole (agenda, decisions, minutes), as the
minutes are circulated.
The dispatch office and administrators write; decisions also need the right to assign issues.
A meeting's details and its minutes carry the version they were loaded with, an agenda item's removal the
item's: a save over someone else's shows the conflict (both versions) and writes nothing.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from diaodu.coordination.models import Issue
from diaodu.core import concurrency
from diaodu.core.concurrency import EditConflict
from diaodu.core.history import changes
from diaodu.core.transitions import add_errors
from diaodu.core.views import member_required

from .filters import MeetingFilterSet
from .forms import AgendaItemForm, DecisionForm, MeetingForm, MinutesForm
from .models import AgendaItem, Meeting
from .panels import meeting_panels
from .permissions import may_add_decision, may_edit_meeting
from .selectors import meeting_detail_queryset, meeting_list_queryset
from .services import (
    agenda_add,
    agenda_remove,
    decision_add,
    meeting_create,
    meeting_hold,
    meeting_propose_agenda,
    meeting_update,
)

PAGE_SIZE = 30


@member_required
def meeting_list(request):
    queryset = meeting_list_queryset(request.user)
    filterset = MeetingFilterSet(request.GET or None, queryset=queryset, request=request)
    meetings = filterset.qs if filterset.is_bound else queryset
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "meetings": page.object_list,
            "count": page.paginator.count,
            "query": query.urlencode(),
            "can_edit": may_edit_meeting(request.user),
        },
    )


def _meeting_for(request, pk) -> Meeting:
    return get_object_or_404(meeting_detail_queryset(request.user), pk=pk)


def _decision_rows(request, meeting: Meeting) -> list[dict]:
    """Each decision with its issue's live status, and whether the user may open that issue."""
    decisions = list(meeting.decisions.all())
    issue_ids = [decision.issue_id for decision in decisions if decision.issue_id]
    visible = set(Issue.objects.visible_to(request.user).filter(pk__in=issue_ids).values_list("pk", flat=True))
    today = timezone.localdate()
    return [
        {
            "decision": decision,
            "issue": decision.issue,
            "can_open": decision.issue_id in visible,
            "overdue": decision.issue is not None and decision.issue.is_overdue_on(today),
        }
        for decision in decisions
    ]


def _agenda_context(request, meeting: Meeting, form=None, conflict=None) -> dict:
    can_edit = may_edit_meeting(request.user, meeting)
    return {
        "meeting": meeting,
        "agenda": list(meeting.agenda.all()),
        "can_edit": can_edit,
        "agenda_form": (form or AgendaItemForm(user=request.user)) if can_edit else None,
        "agenda_conflict": conflict,
    }


def _decisions_context(request, meeting: Meeting, form=None) -> dict:
    can_decide = may_add_decision(request.user, meeting)
    return {
        "meeting": meeting,
        "decision_rows": _decision_rows(request, meeting),
        "decision_form": (form or DecisionForm(user=request.user, meeting=meeting)) if can_decide else None,
    }


def _detail_page(request, meeting: Meeting, minutes_form=None):
    context = {**_agenda_context(request, meeting), **_decisions_context(request, meeting)}
    can_edit = context["can_edit"]
    if can_edit and minutes_form is None:
        minutes_form = MinutesForm(initial={"minutes": meeting.minutes}, record=meeting)
    context.update(
        {
            "minutes_form": minutes_form if can_edit else None,
            "can_hold": can_edit and meeting.date <= timezone.localdate(),
            "panels": meeting_panels(request, meeting),
            "history": changes(meeting, limit=10),
        }
    )
    return render(request, "meetings/meeting_detail.html", context)


@member_required
def meeting_detail(request, pk):
    return _detail_page(request, _meeting_for(request, pk))


@member_required
def meeting_create_view(request):
    if not may_edit_meeting(request.user):
        raise PermissionDenied(_("只有项目办和管理员可以安排调度会。"))
    form = MeetingForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meeting_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已安排：%(title)s") % {"title": meeting.title})
            return redirect("meeting-detail", pk=meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": None})


@member_required
def meeting_edit_view(request, pk):
    meeting = _meeting_for(request, pk)
    if not may_edit_meeting(request.user, meeting):
        raise PermissionDenied(_("只有项目办和管理员可以修改调度会。"))
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        attendees, departments = data.pop("attendees"), data.pop("departments")
        try:
            meeting_update(
                user=request.user, meeting=meeting, attendees=attendees, departments=departments,
                seen=form.loaded_version, **data,
            )  # fmt: skip
        except EditConflict as conflict:
            form.show_conflict(conflict)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已保存。"))
            return redirect("meeting-detail", pk=meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": meeting})


def _editable_meeting(request, pk) -> Meeting:
    meeting = _meeting_for(request, pk)
    if not may_edit_meeting(request.user, meeting):
        raise PermissionDenied(_("只有项目办和管理员可以修改议程。"))
    return meeting


def _agenda_section(request, pk, form=None, conflict=None):
    meeting = _meeting_for(request, pk)  # fresh: the agenda as it now stands
    return render(request, "meetings/_agenda.html", _agenda_context(request, meeting, form, conflict))


@require_POST
@member_required
def agenda_propose_view(request, pk):
    """Add the red and yellow projects and those with escalated issues, with why (htmx: the agenda section)."""
    meeting = _editable_meeting(request, pk)
    added = meeting_propose_agenda(user=request.user, meeting=meeting)
    if not request.htmx:
        messages.success(request, _("已列入 %(n)d 个项目。") % {"n": len(added)})
        return redirect("meeting-detail", pk=pk)
    response = _agenda_section(request, pk)
    response["HX-Trigger"] = "agenda-changed"
    return response


@require_POST
@member_required
def agenda_add_view(request, pk):
    meeting = _editable_meeting(request, pk)
    form = AgendaItemForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            agenda_add(user=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            form = None
    if not request.htmx:
        for error in form.errors.values() if form else []:
            messages.error(request, " ".join(error))
        return redirect("meeting-detail", pk=pk)
    return _agenda_section(request, pk, form)


@require_POST
@member_required
def agenda_remove_view(request, pk, item_pk):
    meeting = _editable_meeting(request, pk)
    item = AgendaItem.objects.filter(pk=item_pk, meeting=meeting).first()
    conflict = None
    if item is None:
        # Removed by someone else since the page was loaded: say so rather than answer a bare 404.
        if not AgendaItem.history.filter(id=item_pk, meeting_id=meeting.pk).exists():
            raise Http404(_("没有这个议题。"))
        conflict = _("这个议题已被他人移出议程。")
    else:
        try:
            agenda_remove(user=request.user, item=item, seen=request.POST.get("version"))
        except EditConflict as refused:
            conflict = concurrency.notice(refused)
    if not request.htmx:
        if conflict is not None:
            messages.error(request, getattr(conflict, "message", conflict))
        return redirect("meeting-detail", pk=pk)
    return _agenda_section(request, pk, conflict=conflict)


@require_POST
@member_required
def decision_add_view(request, pk):
    """Record a decision and assign it as an issue (htmx: the decisions section with the new row)."""
    meeting = _meeting_for(request, pk)
    if not may_add_decision(request.user, meeting):
        raise PermissionDenied(_("只有项目办可以记录议定事项并交办。"))
    form = DecisionForm(request.POST, user=request.user, meeting=meeting)
    if form.is_valid():
        try:
            decision_add(user=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            form = None
            if not request.htmx:
                messages.success(request, _("议定事项已交办。"))
    if not request.htmx:
        if form is not None:
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
        return redirect("meeting-detail", pk=pk)
    meeting = _meeting_for(request, pk)
    return render(request, "meetings/_decisions.html", _decisions_context(request, meeting, form))


@require_POST
@member_required
def meeting_hold_view(request, pk):
    """Record the minutes and mark the meeting held."""
    meeting = _editable_meeting(request, pk)
    form = MinutesForm(request.POST, record=meeting)
    if form.is_valid():
        try:
            meeting_hold(
                user=request.user, meeting=meeting, minutes=form.cleaned_data["minutes"], seen=form.loaded_version
            )
        except EditConflict as conflict:
            # Both versions of the minutes on the meeting's page; what was typed stays in the form.
            form.show_conflict(conflict)
            return _detail_page(request, _meeting_for(request, pk), minutes_form=form)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("会议纪要已保存。"))
    else:
        messages.error(request, _("请填写会议纪要。"))
    return redirect("meeting-detail", pk=pk)
