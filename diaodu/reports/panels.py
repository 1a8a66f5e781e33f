"""The bulletin's panel on a meeting's page: download this meeting's bulletin, or have one made in the background."""

from .choices import BulletinFormat
from .models import Bulletin
from .permissions import may_request_bulletin, may_see_bulletins

SHOWN = 5


def bulletin_panel(request, meeting):
    if not may_see_bulletins(request.user):
        return None
    bulletins = list(
        Bulletin.objects.visible_to(request.user).filter(meeting=meeting).order_by("-created_at", "-id")[:SHOWN]
    )
    return {
        "template": "reports/_meeting_panel.html",
        "position": "top",
        "meeting": meeting,
        "formats": list(BulletinFormat),
        "bulletins": bulletins,
        "can_request": may_request_bulletin(request.user),
    }
