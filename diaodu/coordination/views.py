"""Pages of issue coordination: the list, an issue's page with its thread and actions, the raise form, settings."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from diaodu.core import concurrency, workdays
from diaodu.core.history import changes
from diaodu.core.transitions import add_errors, change_status, flash_errors, save_settings
from diaodu.core.views import member_required
from diaodu.projects.models import Project

from .choices import UNRESOLVED, IssueStatus
from .filters import IssueFilterSet
from .forms import ACTION_FORMS, AttachmentForm, EscalationSettingsForm, IssueCategoryFormSet, IssueRaiseForm
from .models import EscalationSettings, Issue, IssueAttachment, IssueCategory
from .permissions import allowed_actions, may_assign, may_attach, may_manage_settings, may_raise_any
from .selectors import issue_detail_queryset, issue_list_queryset, overdue_q
from .services import (
    issue_assign,
    issue_attach,
    issue_close,
    issue_raise,
    issue_reopen,
    issue_resolve,
    issue_respond,
)

PAGE_SIZE = 50
# The forms of an issue's page, the usual next step first.
ACTION_ORDER = ["respond", "resolve", "close", "reopen", "assign"]
# Actions refused when the issue changed since the page was loaded; an answer in the thread adds, never overwrites.
CHECKED_ACTIONS = {"assign", "resolve", "close", "reopen"}
SERVICES = {
    "assign": issue_assign,
    "respond": issue_respond,
    "resolve": issue_resolve,
    "close": issue_close,
    "reopen": issue_reopen,
}
DONE_MESSAGES = {
    "assign": gettext_lazy("已交办。"),
    "respond": gettext_lazy("已答复。"),
    "resolve": gettext_lazy("已办结，待销号确认。"),
    "close": gettext_lazy("已销号。"),
    "reopen": gettext_lazy("已重新打开并交办。"),
}


@member_required
def issue_list(request):
    """Issues the user may see, filtered and paginated; overdue ones stand out, escalated ones carry their level."""
    queryset = issue_list_queryset(request.user)
    filterset = IssueFilterSet(request.GET or None, queryset=queryset, request=request)
    issues = filterset.qs if filterset.is_bound else queryset
    today = timezone.localdate()
    page = Paginator(issues, PAGE_SIZE).get_page(request.GET.get("page"))
    for issue in page.object_list:
        issue.days_overdue = workdays.workdays_between(issue.due_date, today) if issue.is_overdue_on(today) else None
    summary = queryset.aggregate(
        unresolved=Count("pk", filter=Q(status__in=UNRESOLVED)),
        open=Count("pk", filter=Q(status=IssueStatus.OPEN)),
        overdue=Count("pk", filter=overdue_q(today)),
        escalated=Count("pk", filter=Q(status__in=UNRESOLVED, escalation_level__gt=0)),
        resolved=Count("pk", filter=Q(status=IssueStatus.RESOLVED)),
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "coordination/issue_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "issues": page.object_list,
            "count": page.paginator.count,
            "summary": summary,
            "query": query.urlencode(),
            "can_raise": may_raise_any(request.user),
            "can_manage_settings": may_manage_settings(request.user),
        },
    )


def _workflow_context(request, issue: Issue, bound=None) -> dict:
    """The thread and the action forms the user may use now (`bound`: a submitted form to show with its errors)."""
    actions = allowed_actions(request.user, issue)
    forms = {}
    for name in ACTION_ORDER:
        refused_as_stale = bound is not None and bound.prefix == name and bound.conflict is not None
        if name not in actions and not refused_as_stale:  # a stale action is shown with its conflict
            continue
        if bound is not None and bound.prefix == name:
            forms[name] = bound
        elif name == "assign":
            default = issue.department or issue.category.default_department
            forms[name] = ACTION_FORMS[name](prefix=name, initial={"department": default}, record=issue)
        else:
            forms[name] = ACTION_FORMS[name](prefix=name, record=issue)
    return {"issue": issue, "actions": actions, "forms": forms, "responses": list(issue.responses.all())}


def _detail(request, pk) -> Issue:
    return get_object_or_404(issue_detail_queryset(request.user), pk=pk)


@member_required
def issue_detail(request, pk):
    issue = _detail(request, pk)
    today = timezone.localdate()
    context = _workflow_context(request, issue)
    context.update(
        {
            "days_overdue": workdays.workdays_between(issue.due_date, today) if issue.is_overdue_on(today) else None,
            "notices": list(issue.notices.all()),
            "attachments": list(issue.attachments.all()),
            "attachment_form": AttachmentForm(record=issue) if may_attach(request.user, issue) else None,
            "history": changes(issue, limit=20),
        }
    )
    return render(request, "coordination/issue_detail.html", context)


@require_POST
@member_required
def issue_action(request, pk, action):
    """One step of the life cycle from the issue's page; htmx shows errors in place and reloads on success."""
    if action not in SERVICES:
        raise Http404
    issue = get_object_or_404(Issue.objects.visible_to(request.user), pk=pk)

    def refused(form):
        if request.htmx:
            # 200, not 422: htmx swaps only successful answers, and the form must show its errors.
            return render(
                request, "coordination/_workflow.html", _workflow_context(request, _detail(request, pk), form)
            )
        flash_errors(request, form, issue)
        return redirect("issue-detail", pk=issue.pk)

    return change_status(
        request,
        ACTION_FORMS[action](request.POST, prefix=action, record=issue),
        record=issue,
        service=lambda **data: SERVICES[action](user=request.user, issue=issue, **data),
        done=DONE_MESSAGES[action],
        to=reverse("issue-detail", args=[issue.pk]),
        refused=refused,
        checked=action in CHECKED_ACTIONS,
    )


@require_POST
@member_required
def issue_attachment_add(request, pk):
    """A file for the issue; refused when the issue changed since the page was loaded (the file is not kept)."""
    issue = get_object_or_404(Issue.objects.visible_to(request.user), pk=pk)
    url = reverse("issue-detail", args=[issue.pk]) + "#attachments"

    return change_status(
        request,
        AttachmentForm(request.POST, request.FILES, record=issue),
        record=issue,
        service=lambda **data: issue_attach(user=request.user, issue=issue, **data),
        done=_("附件已上传。"),
        to=url,
    )


@member_required
def issue_attachment_download(request, pk, attachment_pk):
    """Attachments are served through the issue's visibility, never from a public media URL."""
    issue = get_object_or_404(Issue.objects.visible_to(request.user), pk=pk)
    attachment = get_object_or_404(IssueAttachment, pk=attachment_pk, issue=issue)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=attachment.file.name.rsplit("/", 1)[-1])


@member_required
def issue_create(request):
    """Raise an issue; `?project=<id>` comes from a project's page."""
    if not may_raise_any(request.user):
        raise PermissionDenied(_("您不能提出问题。"))
    initial = {}
    if request.GET.get("project", "").isdigit():
        project = get_object_or_404(Project.objects.visible_to(request.user), pk=request.GET["project"])
        initial["project"] = project
    form = IssueRaiseForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        can_assign=may_assign(request.user),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("attachment", None)
        try:
            with transaction.atomic():
                issue = issue_raise(user=request.user, **data)
                if upload:
                    issue_attach(user=request.user, issue=issue, file=upload)
        except ValidationError as error:
            add_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error) or _("您不能为该项目提出问题。"))
        else:
            messages.success(request, _("问题已提出。"))
            return redirect("issue-detail", pk=issue.pk)
    return render(request, "coordination/issue_form.html", {"form": form})


@member_required
def issue_settings(request):
    """The escalation ladder and reminders, and the categories with their SLAs: the dispatch office's page."""
    if not may_manage_settings(request.user):
        raise PermissionDenied(_("只有项目办可以修改督办规则和问题类别。"))
    config = EscalationSettings.load()
    which = request.POST.get("form") if request.method == "POST" else None
    settings_form = EscalationSettingsForm(
        request.POST if which == "settings" else None, instance=config, prefix="escalation"
    )
    categories = IssueCategoryFormSet(
        request.POST if which == "categories" else None,
        queryset=IssueCategory.objects.select_related("default_department").order_by("sort_order", "id"),
        prefix="categories",
    )
    if which == "settings":
        saved = save_settings(
            request, settings_form, reason=_("修改督办规则"), done=_("督办规则已保存。"), to=reverse("issue-settings")
        )
        if saved is not None:
            return saved
    if (
        which == "categories"
        and categories.is_valid()
        and concurrency.formset_save(categories, reason=_("修改问题类别"))
    ):
        messages.success(request, _("问题类别已保存。"))
        return redirect("issue-settings")
    return render(
        request,
        "coordination/settings.html",
        {"settings_form": settings_form, "categories": categories, "history": changes(config, limit=10)},
    )
