"""Pages of the bulletins: the list with progress bars (htmx polling), requests, downloads.

Bulletins cover the whole zone: the list shows them, and the files are served, only to members whose role
sees everything (`permissions.py`); files are never served from a public URL.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from diaodu.core.views import member_required
from diaodu.meetings.models import Meeting

from .choices import CONTENT_TYPES, BulletinFormat, BulletinStatus
from .forms import BulletinMakeForm, BulletinRequestForm
from .models import Bulletin
from .permissions import may_request_bulletin, may_see_bulletins
from .services import bulletin_file, bulletin_request, default_as_of

PAGE_SIZE = 30


def _bulletins(user):
    return (
        Bulletin.objects.visible_to(user).select_related("meeting", "created_by__person").order_by("-created_at", "-id")
    )


def download_name(as_of, fmt: str, meeting_title: str = "") -> str:
    subject = f"{meeting_title}-" if meeting_title else ""
    return _("调度通报-%(subject)s%(date)s.%(ext)s") % {"subject": subject, "date": as_of.isoformat(), "ext": fmt}


@member_required
def bulletin_list(request):
    can_see = may_see_bulletins(request.user)
    page = Paginator(_bulletins(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    can_request = may_request_bulletin(request.user)
    return render(
        request,
        "reports/bulletin_list.html",
        {
            "page_obj": page,
            "bulletins": page.object_list,
            "can_see": can_see,
            "can_request": can_request,
            "form": BulletinRequestForm(user=request.user) if can_request else None,
            "make_form": BulletinMakeForm(user=request.user) if can_see else None,
        },
    )


@require_POST
@member_required
def bulletin_request_view(request):
    """Queue a bulletin (of a date, of a meeting); htmx callers get the panel's list of bulletins back."""
    if not may_request_bulletin(request.user):
        raise PermissionDenied(_("只有项目办和管理员可以生成调度通报。"))
    form = BulletinRequestForm(request.POST, user=request.user)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("bulletin-list")
    meeting = form.cleaned_data["meeting"]
    try:
        bulletin = bulletin_request(user=request.user, as_of=form.cleaned_data["as_of"], meeting=meeting)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("bulletin-list")
    if request.htmx and meeting is not None:
        bulletins = _bulletins(request.user).filter(meeting=meeting)[:5]
        return render(request, "reports/_bulletin_rows.html", {"bulletins": bulletins, "compact": True})
    messages.success(request, _("已开始生成 %(date)s 的调度通报。") % {"date": bulletin.as_of.isoformat()})
    return redirect("bulletin-list")


@member_required
def bulletin_row(request, pk):
    """One bulletin's row, for the page's polling: it stops asking once the bulletin is done or failed."""
    bulletin = get_object_or_404(_bulletins(request.user), pk=pk)
    compact = request.GET.get("compact") == "1"
    return render(request, "reports/_bulletin_row.html", {"bulletin": bulletin, "compact": compact})


@member_required
def bulletin_download(request, pk, fmt):
    """A generated bulletin's file, to members who may see bulletins (through `visible_to`)."""
    bulletin = get_object_or_404(_bulletins(request.user), pk=pk, status=BulletinStatus.DONE)
    if fmt not in BulletinFormat.values:
        raise Http404
    stored = bulletin.file_for(fmt)
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    title = bulletin.meeting.title if bulletin.meeting_id else ""
    return FileResponse(
        handle,
        as_attachment=True,
        filename=download_name(bulletin.as_of, fmt, title),
        content_type=CONTENT_TYPES[BulletinFormat(fmt)],
    )


@member_required
def bulletin_make(request):
    """A bulletin of any date or of a meeting, made on the spot and downloaded (the meeting page's buttons)."""
    if not may_see_bulletins(request.user):
        raise PermissionDenied(_("调度通报涉及全区项目，仅主要领导、项目办、观察员和管理员可以查看。"))
    form = BulletinMakeForm(request.GET, user=request.user)
    if not form.is_valid():
        raise Http404(" ".join(" ".join(errors) for errors in form.errors.values()))
    meeting: Meeting | None = form.cleaned_data["meeting"]
    as_of = form.cleaned_data["as_of"] or default_as_of(meeting)
    fmt = form.cleaned_data["format"]
    content = bulletin_file(fmt, as_of, meeting.pk if meeting else None)
    response = HttpResponse(content, content_type=CONTENT_TYPES[BulletinFormat(fmt)])
    name = download_name(as_of, fmt, meeting.title if meeting else "")
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
