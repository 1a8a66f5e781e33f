"""Excel export of a list of projects, as the ledger (台账) a zone keeps."""

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter


def projects_workbook(projects) -> bytes:
    """The projects as an .xlsx ledger: one row each, amounts in 万元 as numbers, dates as dates."""
    columns = [
        (_("序号"), 6, lambda i, p: i),
        (_("项目名称"), 36, lambda i, p: p.name),
        (_("项目代码"), 26, lambda i, p: p.code or ""),
        (_("项目类别"), 10, lambda i, p: str(p.get_category_display())),
        (_("建设性质"), 8, lambda i, p: str(p.get_construction_type_display())),
        (_("项目阶段"), 8, lambda i, p: str(p.get_stage_display())),
        (_("所在片区"), 16, lambda i, p: p.area.name if p.area else ""),
        (_("建设单位"), 26, lambda i, p: p.owner.name if p.owner else ""),
        (_("建设内容及规模"), 40, lambda i, p: p.scope),
        (_("总投资（万元）"), 14, lambda i, p: p.total_investment),
        (_("计划开工时间"), 12, lambda i, p: p.planned_start),
        (_("实际开工时间"), 12, lambda i, p: p.actual_start),
        (_("包保领导"), 10, lambda i, p: p.responsible_leader.name if p.responsible_leader else ""),
        (_("包保干部"), 10, lambda i, p: p.responsible_officer.name if p.responsible_officer else ""),
        (_("责任单位"), 14, lambda i, p: p.responsible_department.name if p.responsible_department else ""),
        (_("工期"), 10, lambda i, p: _("可实现") if p.schedule_feasible else _("已滞后")),
        (_("最小浮动（工作日）"), 10, lambda i, p: p.schedule_min_float),
        (_("最紧迫步骤"), 18, lambda i, p: p.schedule_worst_step.name if p.schedule_worst_step else ""),
    ]
    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = _("重点项目台账")
    sheet.append([_("重点项目台账（导出时间：%(now)s）") % {"now": timezone.localtime().strftime("%Y-%m-%d %H:%M")}])
    sheet.append([_("单位：万元")])
    sheet.append([title for title, _width, _get in columns])
    header_fill = PatternFill("solid", fgColor="F2DCDB")
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for index, (_title, width, _get) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for number, project in enumerate(
        projects.iterator(chunk_size=1000) if hasattr(projects, "iterator") else projects, 1
    ):
        sheet.append([get(number, project) for _title, _width, get in columns])
    for row in sheet.iter_rows(min_row=4):
        row[9].number_format = "#,##0.00"
        row[10].number_format = row[11].number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "C4"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
