"""Demo issues on the demo projects: every state of the life cycle, some overdue, some escalated.

Each issue is placed relative to `timezone.localdate()` in working days: assigned so many working days
ago, answered, resolved and closed on the days its spec says. The escalation ladder is then climbed
day by day up to today by the same service the nightly job runs, so the supervision notices carry the
dates and numbers they would have had.

Idempotent: issues are upserted by title (their description, category and project follow the spec;
their life cycle, laid on the first run, is left as it is), department heads by name; the ladder and
the reminders only add what is due. Deterministic: no randomness, dates from today.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from diaodu.core import workdays
from diaodu.org.models import Department, Person
from diaodu.projects.models import Project

from .catalogue import seed_categories
from .choices import UNRESOLVED, IssueSource, IssueStatus, ResponseKind
from .models import EscalationSettings, Issue, IssueCategory, IssueResponse, SupervisionNotice
from .services import issues_escalate, issues_remind

REASON = "演示数据"
DISPATCHER = "周敏"

# department → (head, title); existing people (赵丽, 周敏) keep their titles.
HEADS = {
    "党政办公室": ("方立群", "党政办公室主任"),
    "项目服务办公室": (DISPATCHER, "项目办主任"),
    "经济发展局": ("郭建华", "经济发展局局长"),
    "自然资源局": ("赵丽", "自然资源局局长"),
    "征收办公室": ("范志刚", "征收办公室主任"),
    "投资促进局": ("乔振宇", "投资促进局局长"),
    "建设局": ("孔德明", "建设局局长"),
    "财政局": ("严素芳", "财政局局长"),
    "生态环境分局": ("常海涛", "生态环境分局局长"),
}

OPEN, ASSIGNED, IN_PROGRESS = "open", "assigned", "in_progress"
RESOLVED, CLOSED, REOPENED = "resolved", "closed", "reopened"


@dataclass(frozen=True)
class DemoIssue:
    title: str
    category: str
    project: str | None
    department: str | None
    state: str
    ago: int  # working days ago it was assigned (raised, for open issues)
    description: str
    thread: tuple[str, ...] = ()  # the department's answers, one working day apart
    result: str = ""  # what the department reports when it resolves the issue
    done_after: int = 5  # working days after the assignment it was resolved
    reopen_reason: str = ""
    reopened_ago: int = 2
    source_note: str = ""  # a meeting's name, for meeting decisions


D = DemoIssue
ISSUES = [
    D("用地指标未落实", "用地", "康养新城健康养老社区", "自然资源局", IN_PROGRESS, 17,
      "一期养老公寓及康复医院需新增建设用地约28公顷，年度新增建设用地计划指标尚未下达，用地报批无法启动。",
      ("已向市自然资源局报送用地指标申请，正在协调省厅单列指标。",
       "省厅答复需补充项目节约集约用地论证材料，正在组织编制。")),
    D("征拆补偿资金缺口", "资金", "康养新城回迁楼二期", "财政局", IN_PROGRESS, 19,
      "二期地块征拆补偿资金缺口约1.2亿元，广汇公司融资尚未到位，影响征拆协议签订。",
      ("已与广汇公司对接融资方案，拟申请专项债券资金解决。",)),
    D("施工许可证待办", "手续", "康养新城第一幼儿园", "建设局", ASSIGNED, 8,
      "施工图审查已通过，施工许可证因监理合同备案未完成尚未核发。"),
    D("10千伏电力线路迁改", "水电路气", "北部快速路连接线工程", "建设局", IN_PROGRESS, 12,
      "K3+200至K4+100段有10千伏架空线路2处需迁改，需供电公司出具迁改方案并明确费用。",
      ("已致函供电公司，迁改方案正在编制。",)),
    D("供水管网接入", "水电路气", "吉通机械总部及生产基地", "建设局", RESOLVED, 9,
      "厂区生产生活用水需接入园区DN300供水管网，接口位置和接水时间未确定。",
      ("已组织供水公司现场踏勘。",), "已与供水公司确定接口位置，接入工程两周内完工。", 6),
    D("宗地内高压线杆迁移", "用地", "铸诚门业智能制造项目", "自然资源局", ASSIGNED, 3,
      "出让宗地内有高压线杆3基未迁移，影响场地平整和交地。"),
    D("规划设计条件未出具", "手续", "生命健康城", "自然资源局", IN_PROGRESS, 6,
      "研发中心地块规划设计条件尚未出具，影响方案设计和土地出让。",
      ("规划设计条件已起草，正在征求建设局、生态环境分局意见。",)),
    D("环评批复滞后", "手续", "华康药业中药提取及制剂生产线项目", "生态环境分局", CLOSED, 25,
      "环评报告书已报送，技术评估意见反馈较慢，影响开工。",
      ("已协调技术评估单位加快审查。",), "环评报告书已批复（开环审〔2026〕15号）。", 8),
    D("地块内坟茔迁移", "征拆", "颐和康养中心", "征收办公室", IN_PROGRESS, 24,
      "项目用地范围内有坟茔17座需迁移，部分户主在外地，联系困难。",
      ("已张贴迁坟公告，联系到户主11户。",)),
    D("集体土地征收补偿标准争议", "征拆", "北部新城稻渔田园综合体", "征收办公室", ASSIGNED, 5,
      "部分农户对区片综合地价补偿标准有异议，征收协议签订率约70%。"),
    D("专项债券资金未拨付", "资金", "开发区供水厂及配套管网工程", "财政局", RESOLVED, 10,
      "已发行专项债券资金8000万元未拨付到项目单位，工程款支付困难。",
      ("正在履行资金拨付审批程序。",), "8000万元专项债券资金已拨付至聚丰公司。", 7),
    D("天然气接驳点未确定", "水电路气", "康养新城天然气输配管网工程", None, OPEN, 1,
      "门站与上游高压管线接驳点位置未确定，需与省天然气公司协调。"),
    D("林地占用手续", "用地", "北山山体公园", "自然资源局", IN_PROGRESS, 13,
      "公园范围涉及林地约12公顷，使用林地审核同意书尚未办理。",
      ("已委托编制使用林地可行性报告。",)),
    D("土地出让金分期缴纳", "资金", "美凯龙爱琴海购物公园", "财政局", RESOLVED, 12,
      "企业申请土地出让金分期缴纳，需明确分期比例和期限。",
      ("已研究分期缴纳方案，报管委会审定。",), "经管委会审定，出让金分两期缴纳，首期50%已缴清。", 9),
    D("节能审查意见待出具", "手续", "精诚汽车零部件智能工厂", "经济发展局", CLOSED, 18,
      "项目年综合能耗约3200吨标准煤，节能审查意见尚未出具。",
      ("已组织专家评审。",), "节能审查意见已出具。", 6),
    D("施工临时用电报装", "水电路气", "康养新城综合医院", "建设局", REOPENED, 30,
      "施工临时用电报装容量不足，需增容至1600千伏安。",
      ("已协调供电公司受理增容申请。",), "临时用电增容已完成送电。", 5,
      reopen_reason="施工高峰期临时用电仍频繁跳闸，增容未达到申请容量。", reopened_ago=1),
    D("地上附着物清点争议", "征拆", "康养新城健康养老社区", "征收办公室", IN_PROGRESS, 15,
      "二期地块地上附着物清点结果与部分农户自报数量差异较大。",
      ("已组织第三方评估机构复核。",)),
    D("建设用地规划许可证待核发", "手续", "康养新城滨河湾商住小区", "自然资源局", ASSIGNED, 11,
      "土地已出让，建设用地规划许可证尚未核发，影响后续工程规划许可。"),
    D("污水管网接入市政主干管", "水电路气", "康养新城污水处理厂及配套管网工程", "建设局", CLOSED, 22,
      "厂外污水管网与市政主干管衔接标高不一致，需调整设计。",
      ("设计单位已调整接入点标高。",), "接入工程已完工并通过闭水试验。", 9),
    D("不动产权证办理资料不全", "手续", "同仁众合医疗器械产业基地", "自然资源局", RESOLVED, 7,
      "企业申请办理不动产权证，缺少土地出让金缴纳凭证和契税完税证明。",
      ("已一次性告知企业需补充的材料。",), "材料已补齐，不动产权证已核发。", 5),
    D("配套道路未贯通", "水电路气", "恒信精密铸造项目", "建设局", IN_PROGRESS, 16,
      "厂区东侧规划路未贯通，大型设备无法进场。",
      ("道路已列入年度建设计划，正在办理施工招标。",)),
    D("征收范围内企业搬迁补偿", "征拆", "医药产业园标准厂房二期", "征收办公室", ASSIGNED, 2,
      "征收范围内有小微企业2家，搬迁补偿和停产停业损失未达成一致。"),
    D("项目资本金未足额到位", "资金", "东润经贸集团总部大厦", None, OPEN, 2,
      "项目资本金应到位1.5亿元，目前到位6000万元，影响银行贷款审批。"),
    D("招商协议约定土地价格调整", "其他", "汽车综合服务园", "投资促进局", IN_PROGRESS, 9,
      "企业提出按招商协议调整土地出让起始价，需明确政策依据。",
      ("已梳理招商协议条款，正在征求财政局、自然资源局意见。",)),
    D("施工图审查意见反馈慢", "手续", "康养新城九年一贯制学校", "建设局", CLOSED, 20,
      "施工图审查机构意见反馈超过承诺时限。",
      ("已约谈审图机构。",), "施工图审查合格书已出具。", 4),
    D("供热管线穿越铁路审批", "手续", "康养新城集中供热热源厂及管网工程", "建设局", REOPENED, 28,
      "供热主管线需穿越铁路专用线，需取得铁路部门同意。",
      ("已向铁路部门报送穿越方案。",), "铁路部门已原则同意穿越方案。", 8,
      reopen_reason="铁路部门要求补充安全评估报告，正式批复尚未取得。", reopened_ago=4),
    D("统一开展园区闲置土地清查", "用地", None, "自然资源局", ASSIGNED, 4,
      "调度会议定：对各园区已出让未开发、开发不足的闲置土地开展清查，形成处置台账。",
      source_note="第3次项目调度会"),
    D("建立重点项目水电气报装绿色通道", "水电路气", None, "建设局", RESOLVED, 14,
      "调度会议定：会同供水、供电、燃气企业建立重点项目报装绿色通道，压缩办理时限。",
      ("已起草绿色通道工作方案。",), "绿色通道工作方案已印发，报装时限压缩至5个工作日。", 8,
      source_note="第2次项目调度会"),
    D("回迁安置房源不足", "征拆", "康养新城回迁楼一期", None, OPEN, 3,
      "一期回迁楼可安置房源2260套，已签约需安置户2410户，房源缺口150套。"),
    D("农用地转用审批未获批", "用地", "森源食用菌工厂化生产基地", "自然资源局", IN_PROGRESS, 22,
      "项目用地涉及农用地转用，已组卷上报，省政府批复尚未下达。",
      ("已与省自然资源厅对接，材料在审查中。",)),
    D("温泉井取水许可待办", "手续", "温泉小镇", "生态环境分局", ASSIGNED, 6,
      "温泉井取水许可需水资源论证报告审查通过后办理。"),
]  # fmt: skip


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _wd(day: dt.date, n: int) -> dt.date:
    return workdays.add_workdays(day, n)


def seed_heads(departments: dict[str, Department]) -> int:
    """Give every demo department a head (people without a login where the zone has none yet)."""
    count = 0
    for name, (head_name, title) in HEADS.items():
        department = departments.get(name)
        if department is None:
            continue
        head = Person.objects.filter(name=head_name).order_by("pk").first()
        if head is None:
            head = Person(name=head_name, title=title, department=department)
            head._change_reason = REASON
            head.save()
        if department.head_id != head.pk:
            department.head = head
            department._change_reason = REASON
            department.save()
        count += 1
    return count


class _Builder:
    """Lays one demo issue's life cycle with its dated thread."""

    def __init__(self, today: dt.date, dispatcher: Person | None):
        self.today = today
        self.dispatcher = dispatcher
        self.dispatch_user = dispatcher.user if dispatcher else None
        self.stamps: list[tuple[type, int, dt.datetime]] = []

    def say(self, issue, kind, text, when, person):
        response = IssueResponse(
            issue=issue, kind=kind, text=text, person=person, author=person.user if person else None
        )
        response._change_reason = REASON
        response.save()
        self.stamps.append((IssueResponse, response.pk, when))

    def build(self, spec: DemoIssue, project, category, department, raised_by) -> Issue:
        sla = category.sla_workdays
        start = _wd(self.today, -spec.ago)
        raised = _wd(start, -1)
        issue = Issue(
            project=project,
            source=IssueSource.MEETING if spec.source_note else IssueSource.PROJECT,
            source_note=spec.source_note,
            category=category,
            title=spec.title,
            description=spec.description,
            raised_by=raised_by,
        )
        issue._change_reason = REASON
        issue.save()
        if spec.state == OPEN or department is None:
            self.stamps.append((Issue, issue.pk, _at(start, 16, 20)))
            return issue
        self.stamps.append((Issue, issue.pk, _at(raised, 16, 20)))
        head = department.head
        due = _wd(start, sla)
        issue.department, issue.assigned_at, issue.due_date = department, _at(start, 9, 30), due
        issue.status = IssueStatus.ASSIGNED
        self.say(
            issue,
            ResponseKind.ASSIGN,
            f"交办{department.name}办理，办理时限{due.isoformat()}（{sla}个工作日）。",
            _at(start, 9, 30),
            self.dispatcher,
        )
        day = start
        for number, answer in enumerate(spec.thread):
            day = _wd(start, number + 1)
            if day > self.today or spec.state == ASSIGNED:
                break
            self.say(issue, ResponseKind.START if number == 0 else ResponseKind.COMMENT, answer, _at(day, 15), head)
            issue.status = IssueStatus.IN_PROGRESS
        if spec.state in (RESOLVED, CLOSED, REOPENED):
            resolved = min(_wd(start, spec.done_after), self.today)
            issue.status, issue.resolved_at = IssueStatus.RESOLVED, _at(resolved, 17)
            self.say(issue, ResponseKind.RESOLVE, spec.result, _at(resolved, 17), head)
        if spec.state in (CLOSED, REOPENED):
            closed = min(_wd(start, spec.done_after + 2), self.today)
            issue.status, issue.closed_at, issue.closed_by = IssueStatus.CLOSED, _at(closed, 10), self.dispatch_user
            self.say(issue, ResponseKind.CLOSE, "经现场核实已解决，予以销号。", _at(closed, 10), self.dispatcher)
        if spec.state == REOPENED:
            reopened = _wd(self.today, -spec.reopened_ago)
            new_due = _wd(reopened, sla)
            issue.status, issue.reopened_count = IssueStatus.ASSIGNED, 1
            issue.resolved_at = issue.closed_at = issue.closed_by = None
            issue.assigned_at, issue.due_date = _at(reopened, 11), new_due
            self.say(
                issue,
                ResponseKind.REOPEN,
                f"{spec.reopen_reason}（交办{department.name}办理，办理时限{new_due.isoformat()}（{sla}个工作日））",
                _at(reopened, 11),
                raised_by,
            )
            if spec.reopened_ago > 1:
                self.say(issue, ResponseKind.START, "已重新组织办理。", _at(_wd(reopened, 1), 15), head)
                issue.status = IssueStatus.IN_PROGRESS
        issue._change_reason = REASON
        issue.save()
        return issue

    def backdate(self):
        # created_at is set on insert; the demo's records are dated afterwards (bookkeeping, not history).
        for model, pk, when in self.stamps:
            model.objects.filter(pk=pk).update(created_at=when)


@transaction.atomic
def seed_issues() -> dict:
    """Load the demo issues, department heads and supervision notices; safe to run again."""
    today = timezone.localdate()
    departments = {department.name: department for department in Department.objects.all()}
    seed_categories(IssueCategory, Department, EscalationSettings)
    heads = seed_heads(departments)
    departments = {department.name: department for department in Department.objects.select_related("head")}
    categories = {category.name: category for category in IssueCategory.objects.all()}
    projects = {
        project.name: project
        for project in Project.objects.filter(name__in={spec.project for spec in ISSUES if spec.project})
        .select_related("responsible_officer__user")
        .order_by("pk")
        .reverse()  # the first of two namesakes wins
    }
    dispatcher = Person.objects.filter(name=DISPATCHER).select_related("user").first()
    builder = _Builder(today, dispatcher)
    for spec in ISSUES:
        project = projects.get(spec.project) if spec.project else None
        category = categories.get(spec.category)
        if (spec.project and project is None) or category is None:
            continue
        issue = Issue.objects.filter(title=spec.title).order_by("pk").first()
        if issue is None:
            raised_by = (project.responsible_officer if project else None) or dispatcher
            builder.build(spec, project, category, departments.get(spec.department), raised_by)
            continue
        wanted = {"description": spec.description, "category_id": category.pk, "project_id": project and project.pk}
        if any(getattr(issue, key) != value for key, value in wanted.items()):
            for key, value in wanted.items():
                setattr(issue, key, value)
            issue._change_reason = REASON
            issue.save()
    builder.backdate()

    # The nightly job, run for each day since the earliest due date: notices dated when they fell due.
    earliest = Issue.objects.filter(status__in=UNRESOLVED, due_date__lt=today).order_by("due_date").first()
    if earliest is not None:
        day = earliest.due_date + dt.timedelta(days=1)
        while day <= today:
            issues_escalate(as_of=day)
            day += dt.timedelta(days=1)
    issues_remind(as_of=today)
    # Their thread entries were written now: date them on the day each notice was issued.
    for notice in SupervisionNotice.objects.filter(issue__title__in=[spec.title for spec in ISSUES]):
        IssueResponse.objects.filter(
            issue_id=notice.issue_id, kind=ResponseKind.ESCALATE, text__startswith=notice.number
        ).update(created_at=_at(notice.issued_on, 7))

    titles = [spec.title for spec in ISSUES]
    demo = Issue.objects.filter(title__in=titles)
    return {
        "issues": demo.count(),
        "overdue": demo.filter(status__in=UNRESOLVED, due_date__lt=today).count(),
        "escalated": demo.filter(status__in=UNRESOLVED, escalation_level__gt=0).count(),
        "notices": SupervisionNotice.objects.filter(issue__in=demo).count(),
        "heads": heads,
    }
