"""Demo dispatch meetings: weekly meetings of the last weeks, one monthly meeting, one on land, and today's.

Dates are working days before today. The past meetings take up the decisions the coordination demo already
laid (its issues raised “at” the 第2次 and 第3次 meetings, and issues of the projects discussed), so their
decisions stand in every state with the dates they had; today's meeting records its decisions through
`decision_add`, which assigns them as new issues, and two of those are taken further through coordination's
services. Agendas are proposed from the stored lights once they are computed (`after_seed_demo`).

Idempotent: meetings are upserted by title, decisions by their text within a meeting; agendas and today's
decisions are added only to meetings that have none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from diaodu.coordination.models import Issue, IssueCategory
from diaodu.coordination.services import issue_resolve, issue_respond
from diaodu.core import workdays
from diaodu.org.models import Department, Person
from diaodu.projects.models import Project

from .choices import MeetingKind, MeetingStatus
from .models import AgendaItem, Decision, Meeting
from .selectors import agenda_proposals
from .services import decision_add

REASON = "演示数据"
DISPATCH_LOGIN = "dispatch"


@dataclass(frozen=True)
class DemoMeeting:
    title: str
    kind: str
    ago: int  # working days before today (0: today, or the last working day)
    chair: str
    location: str
    minutes: str
    decisions: tuple[tuple[str, str], ...] = ()  # (issue title, decision text): decisions the issues came from
    agenda_from: int = 0  # which of the proposed projects it took up (a slice of the proposals)
    agenda_size: int = 5


M = DemoMeeting
MEETINGS = [
    M("第1次项目调度会", MeetingKind.WEEKLY, 24, "李明", "管委会三楼会议室",
      "会议听取了各包保领导、责任单位关于重点项目推进情况的汇报，逐一研究了红黄灯项目存在的问题。"
      "会议要求：各责任单位对照倒排工期计划，逐项压实责任，下周调度会前反馈落实情况。",
      (("地块内坟茔迁移",
        "征收办公室会同属地村组，采取上门走访、电话联系等方式做好在外户主工作，月底前完成坟茔迁移。"),),
      agenda_from=4),
    M("土地要素保障专题调度会", MeetingKind.SPECIAL, 22, "王建国", "管委会一楼会议室",
      "会议专题研究土地征收与供应工作。会议强调，必保征供地400公顷以上是全年硬任务，"
      "自然资源局、征收办公室要按月分解任务、倒排时间，确保报批一块、征收一块、供应一块。",
      (("农用地转用审批未获批", "自然资源局加强与省自然资源厅对接，跟踪森源食用菌工厂化生产基地农用地转用审批进度。"),),
      agenda_from=2, agenda_size=4),
    M("10月份重点项目调度会", MeetingKind.MONTHLY, 17, "王建国", "管委会一楼会议室",
      "会议通报了1—10月重点项目投资完成情况和亮灯情况，对落后序时进度的项目进行了点名。"
      "会议要求，各包保领导要亲自协调解决项目推进中的用地、资金、手续问题，确保完成全年目标任务。",
      (("用地指标未落实", "自然资源局负责协调省厅单列康养新城健康养老社区年度新增建设用地计划指标。"),),
      agenda_from=0, agenda_size=6),
    M("第2次项目调度会", MeetingKind.WEEKLY, 14, "李明", "管委会三楼会议室",
      "会议研究了重点项目水电气报装慢的问题，决定建立报装绿色通道。",
      (("建立重点项目水电气报装绿色通道",
        "建设局会同供水、供电、燃气企业建立重点项目水电气报装绿色通道，压缩办理时限。"),),
      agenda_from=1),
    M("第3次项目调度会", MeetingKind.WEEKLY, 4, "李明", "管委会三楼会议室",
      "会议研究了园区土地集约利用问题，决定对已出让未开发的闲置土地开展清查。",
      (("统一开展园区闲置土地清查", "自然资源局对各园区已出让未开发、开发不足的闲置土地开展清查，形成处置台账。"),),
      agenda_from=3),
    M("第4次项目调度会", MeetingKind.WEEKLY, 0, "王建国", "管委会一楼会议室",
      "会议听取了红黄灯项目和逾期、督办问题的情况汇报，研究议定了以下事项，由项目办交办并跟踪督办。"
      "会议强调，进入冬季施工前是完成全年投资的关键期，各包保领导要盯紧在建项目，确保应开尽开、应投尽投。",
      agenda_size=8),
]  # fmt: skip

# Today's meeting records these through `decision_add`: (text, category, department, project or "").
TODAY_DECISIONS = [
    ("自然资源局于本周内向省厅报送康养新城健康养老社区节约集约用地论证材料，争取单列用地指标。",
     "用地", "自然资源局", "康养新城健康养老社区"),
    ("财政局牵头，会同广汇公司研究康养新城回迁楼二期征拆补偿资金筹措方案，提交下次调度会审议。",
     "资金", "财政局", "康养新城回迁楼二期"),
    ("建设局督促北部快速路连接线工程倒排工期，年底前完成10千伏电力线路迁改。",
     "水电路气", "建设局", "北部快速路连接线工程"),
    ("经济发展局组织本月未按时报送进度的项目单位限期补报，逾期未报的在下期通报中点名。",
     "其他", "经济发展局", ""),
]  # fmt: skip
ATTENDEES = ["周敏", "李明", "赵丽", "孙浩", "郭建华", "范志刚", "孔德明", "严素芳"]
DEPARTMENTS = ["项目服务办公室", "经济发展局", "自然资源局", "征收办公室", "建设局", "财政局"]


def _date(today: dt.date, ago: int) -> dt.date:
    if ago:
        return workdays.add_workdays(today, -ago)
    return today if workdays.is_workday(today) else workdays.add_workdays(today, -1)


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _save(record) -> None:
    record._change_reason = REASON
    record.save()


@transaction.atomic
def seed_meetings() -> dict:
    """The demo meetings with their minutes and the decisions already laid by the coordination demo."""
    today = timezone.localdate()
    people = {person.name: person for person in Person.objects.filter(name__in=[*ATTENDEES, "王建国"])}
    departments = list(Department.objects.filter(name__in=DEPARTMENTS))
    for spec in MEETINGS:
        day = _date(today, spec.ago)
        meeting = Meeting.objects.filter(title=spec.title).first() or Meeting(title=spec.title)
        created = meeting.pk is None
        chair = people.get(spec.chair)
        wanted = {
            "date": day,
            "kind": spec.kind,
            "location": spec.location,
            "chair_id": chair.pk if chair else None,
            "minutes": spec.minutes,
            "status": MeetingStatus.HELD,
        }
        if created or any(getattr(meeting, key) != value for key, value in wanted.items()):
            for key, value in wanted.items():
                setattr(meeting, key, value)
            _save(meeting)
        if created:
            meeting.attendees.set([people[name] for name in ATTENDEES if name in people])
            meeting.departments.set(departments)
            # Scheduled two days before it was held (bookkeeping, not history).
            Meeting.objects.filter(pk=meeting.pk).update(created_at=_at(day - dt.timedelta(days=2), 9))
        for order, (title, text) in enumerate(spec.decisions):
            issue = Issue.objects.filter(title=title).select_related("department").first()
            if issue is None or issue.department_id is None or Decision.objects.filter(issue=issue).exists():
                continue
            decision = Decision(
                meeting=meeting,
                text=text,
                department=issue.department,
                due_date=issue.due_date,
                project=issue.project,
                issue=issue,
                order=order,
            )
            _save(decision)
            Decision.objects.filter(pk=decision.pk).update(created_at=_at(day, 17))
    demo = Meeting.objects.filter(title__in=[spec.title for spec in MEETINGS])
    return {
        "meetings": demo.count(),
        "weekly": demo.filter(kind=MeetingKind.WEEKLY).count(),
        "monthly": demo.filter(kind=MeetingKind.MONTHLY).count(),
        "special": demo.filter(kind=MeetingKind.SPECIAL).count(),
        "agenda": AgendaItem.objects.filter(meeting__in=demo).count(),
        "decisions": Decision.objects.filter(meeting__in=demo).count(),
    }


@transaction.atomic
def seed_agendas_and_decisions() -> dict:
    """Agendas from the stored lights and escalated issues; today's decisions, assigned as issues."""
    user = get_user_model().objects.filter(username=DISPATCH_LOGIN).first()
    if user is None:
        return {"agenda": 0, "decisions": 0}
    proposals = agenda_proposals(user)
    agenda = decisions = 0
    for spec in MEETINGS:
        meeting = Meeting.objects.filter(title=spec.title).first()
        if meeting is None or meeting.agenda.exists():
            continue
        for order, proposal in enumerate(proposals[spec.agenda_from : spec.agenda_from + spec.agenda_size]):
            item = AgendaItem(meeting=meeting, project=proposal.project, reason=proposal.reason, order=order)
            _save(item)
            AgendaItem.objects.filter(pk=item.pk).update(created_at=_at(meeting.date - dt.timedelta(days=1), 16))
            agenda += 1
    latest = Meeting.objects.filter(title=MEETINGS[-1].title).first()
    if latest is not None and not latest.decisions.exists():
        categories = {category.name: category for category in IssueCategory.objects.all()}
        named = {department.name: department for department in Department.objects.all()}
        made = []
        for text, category, department, project in TODAY_DECISIONS:
            if category not in categories or department not in named:
                continue
            made.append(
                decision_add(
                    user=user,
                    meeting=latest,
                    text=text,
                    category=categories[category],
                    department=named[department],
                    project=Project.objects.filter(name=project).first() if project else None,
                )
            )
        decisions = len(made)
        # Taken further through coordination's life cycle: one under way, one settled.
        if len(made) >= 4:
            issue_respond(user=user, issue=made[2].issue, text="已约谈施工单位和供电公司，迁改方案本周内确定。")
            issue_resolve(user=user, issue=made[3].issue, text="已通知未报送的12个项目单位，均已补报。")
    return {"agenda": agenda, "decisions": decisions}
