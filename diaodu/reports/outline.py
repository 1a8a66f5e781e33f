"""The bulletin laid out as a document: title lines, sections of paragraphs and tables, the closing lines.

All three renderers read this outline, so the Word file, the PDF and the workbook say the same thing in
the same order. Tables keep their raw values (Decimal 万元, dates) with the kind of each column: the
Word and PDF renderers print them as text (`cell_text`), the workbook keeps them as numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from diaodu.coordination.choices import EscalationLevel, IssueStatus
from diaodu.core.units import format_land, format_money
from diaodu.investment.choices import LeadStage
from diaodu.meetings.choices import MeetingKind
from diaodu.progress.choices import Light

from .bulletin import BulletinData, DecisionRow, RankRow

TEXT, MONEY, PERCENT, POINTS, INT, DATE, HECTARES = "text", "money", "percent", "points", "int", "date", "hectares"


# How wide a column of each kind is, relative to the others (the Word and PDF tables share the page by these).
WEIGHTS = {TEXT: 3.0, MONEY: 2.4, PERCENT: 1.5, POINTS: 1.5, INT: 1.0, DATE: 2.6, HECTARES: 3.2}


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = TEXT
    weight: float | None = None  # None: the kind's
    wrap: bool = True  # False: short values kept on one line

    @property
    def share(self) -> float:
        return self.weight if self.weight is not None else WEIGHTS[self.kind]


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple, ...]
    empty: str = ""


@dataclass(frozen=True)
class Section:
    key: str  # a short name: the workbook's sheet
    heading: str
    paragraphs: tuple[str, ...]
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class Outline:
    red_header: str  # the red masthead: “…重点项目调度通报”
    issuer: str
    date_line: str
    title: str
    addressee: str
    opening: str
    sections: tuple[Section, ...]
    signature: str


TEXT_WIDTH_PT = 442  # A4 less the 28 mm and 26 mm side margins


def masthead_points(text: str, largest: int = 30) -> int:
    """The masthead's size in points: as large as fits one line of the text width, at most `largest`."""
    return max(16, min(largest, int((TEXT_WIDTH_PT - 12) / max(len(text), 1))))


def long_date(day: dt.date) -> str:
    return _("%(year)d年%(month)d月%(day)d日") % {"year": day.year, "month": day.month, "day": day.day}


def pct(value: Decimal | None) -> str:
    return "—" if value is None else f"{value}%"


def points(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"+{value}" if value > 0 else f"{value}"


def cell_text(value, kind: str) -> str:
    """A table cell as the Word and PDF bulletins print it."""
    if value is None or value == "":
        return "—"
    if kind == MONEY:
        return format_money(value)
    if kind == PERCENT:
        return pct(value)
    if kind == POINTS:
        return points(value)
    if kind == HECTARES:
        return format_land(value)
    if kind == DATE:
        return value.isoformat()
    return str(value)


def _gap_text(gap: Decimal | None) -> str:
    if gap is None:
        return ""
    if gap > 0:
        return _("超过序时进度%(points)s个百分点") % {"points": gap}
    if gap < 0:
        return _("落后序时进度%(points)s个百分点") % {"points": -gap}
    return _("与序时进度持平")


def _headline(data: BulletinData) -> Section:
    h = data.headline
    figures = h.investment
    paragraphs = [
        _("截至%(date)s，全区在库重点项目%(n)d个。") % {"date": long_date(data.as_of), "n": h.projects},
    ]
    if figures.plan:
        paragraphs.append(
            _(
                "%(year)d年计划投资%(plan)s，已完成投资%(done)s，占年度计划的%(rate)s；"
                "按序时进度应完成%(scheduled)s（%(scheduled_rate)s），%(gap)s。"
            )
            % {
                "year": h.year,
                "plan": format_money(figures.plan),
                "done": format_money(figures.done),
                "rate": pct(figures.rate),
                "scheduled": format_money(figures.scheduled),
                "scheduled_rate": pct(figures.scheduled_rate),
                "gap": _gap_text(figures.gap),
            }
        )
    else:
        paragraphs.append(_("%(year)d年投资计划尚未下达。") % {"year": h.year})
    paragraphs.append(
        _("计划新开工项目%(planned)d个，截至目前应开工%(due)d个，已开工%(started)d个，开工率%(rate)s。")
        % {"planned": h.planned_starts, "due": h.starts_due, "started": h.started, "rate": pct(h.start_rate)}
    )
    lights = _("亮灯情况：红灯%(red)d个，黄灯%(yellow)d个，绿灯%(green)d个。") % h.__dict__
    if h.unlit:
        lights += _("另有%(n)d个项目截至当日尚无亮灯记录。") % {"n": h.unlit}
    paragraphs.append(lights)
    table = Table(
        (Column(_("指标")), Column(_("数值"))),
        (
            (_("在库重点项目（个）"), h.projects),
            (_("年度计划投资"), format_money(figures.plan)),
            (_("已完成投资"), format_money(figures.done)),
            (_("完成率"), pct(figures.rate)),
            (_("序时进度"), pct(figures.scheduled_rate)),
            (_("计划新开工（个）"), h.planned_starts),
            (_("已开工（个）"), h.started),
            (_("红灯 / 黄灯 / 绿灯（个）"), f"{h.red} / {h.yellow} / {h.green}"),
        ),
    )
    return Section("overview", _("一、总体情况"), tuple(paragraphs), (table,))


def _rank_table(rows: tuple[RankRow, ...], unit: str) -> Table:
    columns = (
        Column(_("排名"), INT, 0.9),
        Column(unit, weight=2.6),
        Column(_("项目数"), INT, 1.1),
        Column(_("年度计划投资"), MONEY),
        Column(_("已完成投资"), MONEY),
        Column(_("完成率"), PERCENT),
        Column(_("序时进度"), PERCENT),
        Column(_("较序时"), POINTS),
        Column(_("红灯"), INT, 0.9),
        Column(_("黄灯"), INT, 0.9),
    )
    body = tuple(
        (
            row.rank,
            row.name,
            row.projects,
            row.investment.plan,
            row.investment.done,
            row.investment.rate,
            row.investment.scheduled_rate,
            row.investment.gap,
            row.red,
            row.yellow,
        )
        for row in rows
    )
    return Table(columns, body, _("暂无数据"))


def _ranking(data: BulletinData) -> Section:
    first = next((row for row in data.departments if row.rank), None)
    paragraphs = [_("按年度投资完成率排序（完成率相同的，计划投资多的在前）。")]
    if first is not None:
        paragraphs.append(
            _("完成率最高的责任单位是%(name)s（%(rate)s）。") % {"name": first.name, "rate": pct(first.investment.rate)}
        )
    behind = [row.name for row in data.departments if row.investment.gap is not None and row.investment.gap < 0]
    if behind:
        paragraphs.append(_("落后序时进度的责任单位：%(names)s。") % {"names": "、".join(behind)})
    return Section(
        "ranking",
        _("二、责任单位和片区排名"),
        tuple(paragraphs),
        (_rank_table(data.departments, _("责任单位")), _rank_table(data.areas, _("片区"))),
    )


def _lights(data: BulletinData) -> Section:
    h = data.headline
    table = Table(
        (
            Column(_("序号"), INT, 0.8),
            Column(_("项目"), weight=3.2),
            Column(_("责任单位"), weight=2.4),
            Column(_("亮灯"), weight=1.3, wrap=False),
            Column(_("亮灯日期"), DATE),
            Column(_("原因"), weight=6.5),
        ),
        tuple(
            (i, row.project, row.department, str(Light(row.light).label), row.since, "".join(row.reasons))
            for i, row in enumerate(data.lights, start=1)
        ),
        _("无红灯、黄灯项目。"),
    )
    text = _("红灯项目%(red)d个、黄灯项目%(yellow)d个，名单及原因如下。") % {"red": h.red, "yellow": h.yellow}
    return Section("lights", _("三、红灯和黄灯项目"), (text,), (table,))


def _changes(data: BulletinData) -> Section:
    since = long_date(data.since)
    if data.since_bulletin:
        text = _("自上期通报（截至%(since)s）以来，%(n)d个项目亮灯发生变化。")
    else:
        text = _("自%(since)s以来，%(n)d个项目亮灯发生变化。")
    table = Table(
        (
            Column(_("项目")),
            Column(_("责任单位")),
            Column(_("原亮灯"), weight=1.4, wrap=False),
            Column(_("现亮灯"), weight=1.4, wrap=False),
            Column(_("变化日期"), DATE),
            Column(_("原因"), weight=6.5),
        ),
        tuple(
            (
                row.project,
                row.department,
                str(Light(row.before).label),
                str(Light(row.after).label),
                row.changed_on,
                "".join(row.reasons),
            )
            for row in data.changes
        ),
        _("亮灯无变化。"),
    )
    return Section("changes", _("四、亮灯变化情况"), (text % {"since": since, "n": len(data.changes)},), (table,))


def _issues(data: BulletinData) -> Section:
    overdue = sum(1 for row in data.issues if row.days_overdue is not None)
    escalated = sum(1 for row in data.issues if row.level)
    text = _("逾期未办结问题%(overdue)d个，已督办问题%(escalated)d个。") % {"overdue": overdue, "escalated": escalated}
    table = Table(
        (
            Column(_("问题"), weight=3.6),
            Column(_("项目")),
            Column(_("承办部门")),
            Column(_("办理时限"), DATE),
            Column(_("逾期工作日"), INT, 1.4),
            Column(_("督办级别"), weight=2.2),
            Column(_("状态"), weight=1.6, wrap=False),
        ),
        tuple(
            (
                row.title,
                row.project,
                row.department,
                row.due_date,
                row.days_overdue,
                str(EscalationLevel(row.level).label) if row.level else "",
                str(IssueStatus(row.status).label),
            )
            for row in data.issues
        ),
        _("无逾期或督办问题。"),
    )
    return Section("issues", _("五、逾期和督办问题"), (text,), (table,))


def _land(data: BulletinData) -> Section:
    land = data.land
    if land.has_quota:
        text = _(
            "%(year)d年征供地任务%(quota)s，已征收%(acquired)s，已供应%(supplied)s，合计%(done)s，"
            "完成任务的%(rate)s（时间进度%(time)s），剩余%(remaining)s；储备土地%(reserved)s。"
        ) % {
            "year": land.year,
            "quota": format_land(land.quota),
            "acquired": format_land(land.acquired),
            "supplied": format_land(land.supplied),
            "done": format_land(land.done),
            "rate": pct(land.rate),
            "time": pct(data.time_share),
            "remaining": format_land(land.remaining),
            "reserved": format_land(land.reserved),
        }
    else:
        text = _("%(year)d年征供地任务尚未下达；已征收%(acquired)s，已供应%(supplied)s，储备土地%(reserved)s。") % {
            "year": land.year,
            "acquired": format_land(land.acquired),
            "supplied": format_land(land.supplied),
            "reserved": format_land(land.reserved),
        }
    table = Table(
        (Column(_("指标")), Column(_("面积"), HECTARES)),
        (
            (_("年度征供地任务"), land.quota if land.has_quota else None),
            (_("已征收"), land.acquired),
            (_("已供应"), land.supplied),
            (_("合计完成"), land.done),
            (_("剩余任务"), land.remaining if land.has_quota else None),
            (_("储备土地"), land.reserved),
        ),
    )
    return Section("land", _("六、土地征收与供应"), (text,), (table,))


def _investment(data: BulletinData) -> Section:
    inv = data.investment
    values = {
        "year": inv.year,
        "count": inv.signed_count,
        "amount": format_money(inv.signed_amount),
        "target": format_money(inv.target_amount),
        "share": pct(inv.share),
        "time": pct(data.time_share),
    }
    if inv.target_amount:
        text = _(
            "%(year)d年签约项目%(count)d个，签约投资%(amount)s，完成年度目标%(target)s的%(share)s（时间进度%(time)s）。"
        )
    else:
        text = _("%(year)d年签约项目%(count)d个，签约投资%(amount)s（年度目标尚未下达）。")
    stages = "，".join(
        _("%(stage)s%(n)d个") % {"stage": LeadStage(stage).label, "n": n} for stage, n in inv.by_stage if n
    )
    pipeline = _("在谈线索%(n)d个，意向投资%(amount)s；各阶段：%(stages)s。") % {
        "n": inv.active_count,
        "amount": format_money(inv.active_amount),
        "stages": stages or _("无"),
    }
    table = Table(
        (Column(_("签约项目")), Column(_("签约投资"), MONEY), Column(_("签约日期"), DATE)),
        inv.signed,
        _("本年尚无签约项目。"),
    )
    return Section("investment", _("七、招商引资"), (text % values, pipeline), (table,))


def _decision_table(rows: tuple[DecisionRow, ...]) -> Table:
    return Table(
        (
            Column(_("序号"), INT, 0.8),
            Column(_("议定事项"), weight=7.0),
            Column(_("承办部门")),
            Column(_("办理时限"), DATE),
            Column(_("办理情况"), weight=2.4),
        ),
        tuple(
            (
                i,
                row.text,
                row.department,
                row.due_date,
                (str(IssueStatus(row.status).label) if row.status else _("未交办"))
                + (_("（已逾期）") if row.overdue else ""),
            )
            for i, row in enumerate(rows, start=1)
        ),
        _("无议定事项。"),
    )


def _decisions(data: BulletinData) -> Section:
    paragraphs, tables = [], []
    if data.meeting is not None:
        paragraphs.append(
            _("%(title)s（%(date)s，%(kind)s）议定事项%(n)d项，已交办承办部门。")
            % {
                "title": data.meeting.title,
                "date": long_date(data.meeting.date),
                "kind": MeetingKind(data.meeting.kind).label,
                "n": len(data.meeting_decisions),
            }
        )
        tables.append(_decision_table(data.meeting_decisions))
    if data.last_meeting is not None:
        rows = data.last_decisions
        settled = sum(1 for row in rows if row.status in (IssueStatus.RESOLVED, IssueStatus.CLOSED))
        paragraphs.append(
            _("%(title)s（%(date)s）议定事项%(n)d项，已办结%(settled)d项，逾期%(overdue)d项，落实情况如下。")
            % {
                "title": data.last_meeting.title,
                "date": long_date(data.last_meeting.date),
                "n": len(rows),
                "settled": settled,
                "overdue": sum(1 for row in rows if row.overdue),
            }
        )
        tables.append(_decision_table(rows))
    if not paragraphs:
        paragraphs.append(_("截至本期，尚无已召开的调度会。"))
    return Section("decisions", _("八、调度会议定事项落实情况"), tuple(paragraphs), tuple(tables))


def outline(data: BulletinData) -> Outline:
    """The bulletin's document: masthead, title, eight sections, signature."""
    zone = data.zone or _("开发区")
    if data.meeting is not None:
        title = _("关于%(meeting)s有关情况的通报") % {"meeting": data.meeting.title}
    else:
        title = _("关于截至%(date)s重点项目推进情况的通报") % {"date": long_date(data.as_of)}
    issuer = _("%(zone)s项目服务办公室") % {"zone": zone}
    return Outline(
        red_header=_("%(zone)s重点项目调度通报") % {"zone": zone},
        issuer=issuer,
        date_line=long_date(data.as_of),
        title=title,
        addressee=_("各部门、各片区，各项目包保领导、包保干部："),
        opening=_("现将截至%(date)s全区重点项目推进情况通报如下。") % {"date": long_date(data.as_of)},
        sections=(
            _headline(data),
            _ranking(data),
            _lights(data),
            _changes(data),
            _issues(data),
            _land(data),
            _investment(data),
            _decisions(data),
        ),
        signature=issuer,
    )
