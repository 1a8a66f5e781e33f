"""Excel export of a list of projects, as the ledger (台账) a zone keeps; `diaodu.ledger` imports it back.

The layout: a title line naming the year, a unit line ("单位：万元"), one header row, one row per project.
It is the layout of the downloadable template too, so that an export, edited in Excel, imports back with
no change but the edits. The column names are the ledger's Chinese ones whatever the page's language:
the workbook is an exchange format that other offices and the importer read.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .models import InvestmentPlan

CHUNK = 1000
# Investment reported after the ledger was taken over (counted progress reports), by project id. The
# progress app sits above the registry, so the app that owns the ledger registers it (diaodu.ledger.apps).
_reported_sources: list[Callable[[list[int]], dict[int, Decimal]]] = []


def register_reported_investment(source: Callable[[list[int]], dict[int, Decimal]]) -> None:
    if source not in _reported_sources:
        _reported_sources.append(source)


def reported_investment(project_ids: list[int]) -> dict[int, Decimal]:
    """What was reported for each project since Diaodu kept its ledger: 累计完成投资 = opening balance + this."""
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for source in _reported_sources:
        for project_id, amount in source(project_ids).items():
            totals[project_id] += amount
    return dict(totals)


@dataclass(frozen=True)
class LedgerColumn:
    header: str
    width: int
    key: str
    kind: str = "text"  # text, money, date, number


def ledger_columns(year: int) -> list[LedgerColumn]:
    """The columns of the ledger, in order; `year` names the annual plan's column."""
    return [
        LedgerColumn(_("序号"), 6, "seq", "number"),
        LedgerColumn(_("项目名称"), 36, "name"),
        LedgerColumn(_("项目代码"), 26, "code"),
        LedgerColumn(_("项目类别"), 10, "category"),
        LedgerColumn(_("建设性质"), 8, "construction_type"),
        LedgerColumn(_("项目阶段"), 8, "stage"),
        LedgerColumn(_("所在片区"), 16, "area"),
        LedgerColumn(_("建设单位"), 26, "owner"),
        LedgerColumn(_("建设内容及规模"), 40, "scope"),
        LedgerColumn(_("总投资（万元）"), 14, "total_investment", "money"),
        LedgerColumn(_("%(year)d年计划投资（万元）") % {"year": year}, 14, "annual_plan", "money"),
        LedgerColumn(_("累计完成投资（万元）"), 14, "completed", "money"),
        LedgerColumn(_("计划开工时间"), 12, "planned_start", "date"),
        LedgerColumn(_("计划竣工时间"), 12, "planned_completion", "date"),
        LedgerColumn(_("实际开工时间"), 12, "actual_start", "date"),
        LedgerColumn(_("包保领导"), 10, "leader"),
        LedgerColumn(_("包保干部"), 10, "officer"),
        LedgerColumn(_("责任单位"), 14, "department"),
        LedgerColumn(_("工期"), 10, "schedule"),
        LedgerColumn(_("最小浮动（工作日）"), 10, "min_float", "number"),
        LedgerColumn(_("最紧迫步骤"), 18, "worst_step"),
    ]


def ledger_row(project, *, annual_plan: Decimal | None, reported: Decimal) -> dict:
    """One project as a row of the ledger."""
    return {
        "name": project.name,
        "code": project.code or "",
        "category": str(project.get_category_display()),
        "construction_type": str(project.get_construction_type_display()),
        "stage": str(project.get_stage_display()),
        "area": project.area.name if project.area else "",
        "owner": project.owner.name if project.owner else "",
        "scope": project.scope,
        "total_investment": project.total_investment,
        "annual_plan": annual_plan,
        "completed": project.investment_done_before + reported,
        "planned_start": project.planned_start,
        "planned_completion": project.planned_completion,
        "actual_start": project.actual_start,
        "leader": project.responsible_leader.name if project.responsible_leader else "",
        "officer": project.responsible_officer.name if project.responsible_officer else "",
        "department": project.responsible_department.name if project.responsible_department else "",
        "schedule": _("可实现") if project.schedule_feasible else _("已滞后"),
        "min_float": project.schedule_min_float,
        "worst_step": project.schedule_worst_step.name if project.schedule_worst_step else "",
    }


def _chunks(projects, size: int = CHUNK):
    batch = []
    for project in projects.iterator(chunk_size=size) if hasattr(projects, "iterator") else projects:
        batch.append(project)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _project_rows(projects, year: int):
    # Plans and reported amounts a chunk at a time: a fixed number of queries per thousand projects.
    for batch in _chunks(projects):
        ids = [project.pk for project in batch]
        plans = dict(InvestmentPlan.objects.filter(project_id__in=ids, year=year).values_list("project_id", "amount"))
        reported = reported_investment(ids)
        for project in batch:
            yield ledger_row(project, annual_plan=plans.get(project.pk), reported=reported.get(project.pk, Decimal(0)))


def ledger_workbook(rows: Iterable[dict], *, year: int, title: str) -> bytes:
    """Rows (dicts keyed as `ledger_columns`) as an .xlsx ledger: amounts in 万元 as numbers, dates as dates."""
    columns = ledger_columns(year)
    book = Workbook()
    sheet = book.active
    sheet.title = _("重点项目台账")
    sheet.append([title])
    sheet.append([_("单位：万元")])
    sheet.append([column.header for column in columns])
    last = get_column_letter(len(columns))
    sheet.merge_cells(f"A1:{last}1")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    header_fill = PatternFill("solid", fgColor="F2DCDB")
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for number, row in enumerate(rows, start=1):
        sheet.append([number if column.key == "seq" else row.get(column.key) for column in columns])
    formats = {"money": "#,##0.00", "date": "yyyy-mm-dd"}
    for row in sheet.iter_rows(min_row=4):
        for cell, column in zip(row, columns, strict=False):
            if column.kind in formats:
                cell.number_format = formats[column.kind]
    sheet.freeze_panes = "C4"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _title(year: int) -> str:
    return _("%(year)d年重点项目台账（导出时间：%(now)s）") % {
        "year": year,
        "now": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
    }


def projects_workbook(projects, *, year: int | None = None) -> bytes:
    """The projects as the ledger, one row each, with the annual plan of `year` (default: this year)."""
    year = year or timezone.localdate().year
    with translation.override("zh-hans"):
        return ledger_workbook(_project_rows(projects, year), year=year, title=_title(year))


def template_workbook(*, year: int | None = None) -> bytes:
    """An empty ledger to fill in: the title, unit and header lines and two example rows."""
    year = year or timezone.localdate().year
    with translation.override("zh-hans"):
        examples = [
            {
                "name": _("（示例）年产5万套新能源汽车零部件项目"),
                "category": _("产业"),
                "construction_type": _("新建"),
                "stage": _("前期"),
                "owner": _("示例汽车零部件有限公司"),
                "scope": _("新建厂房5万平方米，购置自动化生产线8条"),
                "total_investment": Decimal("50000"),
                "annual_plan": Decimal("12000"),
                "completed": Decimal("0"),
                "planned_start": dt.date(year, 4, 1),
                "planned_completion": dt.date(year + 1, 10, 31),
                "leader": _("张三"),
                "officer": _("李四"),
                "department": _("经济发展局"),
            },
            {
                "name": _("（示例）开发区主干道及综合管网工程"),
                "category": _("基础设施"),
                "construction_type": _("续建"),
                "stage": _("在建"),
                "owner": _("示例城市建设投资有限公司"),
                "scope": _("道路长3.2公里，同步建设给排水、电力、通信管网"),
                "total_investment": Decimal("12000"),
                "annual_plan": Decimal("5000"),
                "completed": Decimal("4000"),
                "planned_start": dt.date(year - 1, 9, 1),
                "planned_completion": dt.date(year, 11, 30),
                "actual_start": dt.date(year - 1, 9, 15),
                "leader": _("王五"),
                "officer": _("赵六"),
                "department": _("建设局"),
            },
        ]
        title = _("%(year)d年重点项目台账") % {"year": year}
        return ledger_workbook(examples, year=year, title=title)
