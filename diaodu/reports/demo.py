"""The demo's bulletin: the one of the latest demo meeting, generated at once (a few seconds)."""

from django.db import transaction

from diaodu.meetings.demo import MEETINGS
from diaodu.meetings.models import Meeting

from .choices import BulletinStatus
from .models import Bulletin
from .services import bulletin_generate


@transaction.atomic
def seed_bulletin() -> str:
    """Generate the bulletin of the latest demo meeting unless it has one; idempotent."""
    meeting = Meeting.objects.filter(title=MEETINGS[-1].title).first()
    if meeting is None:
        return "调度通报：没有演示调度会，未生成"
    done = Bulletin.objects.filter(meeting=meeting, status=BulletinStatus.DONE).first()
    if done is None:
        bulletin = Bulletin(as_of=meeting.date, meeting=meeting)
        bulletin._change_reason = "演示数据"
        bulletin.save()
        bulletin_generate(bulletin.pk)
        done = Bulletin.objects.get(pk=bulletin.pk)
    return f"调度通报：{done.as_of} {meeting.title}（{done.get_status_display()}）"
