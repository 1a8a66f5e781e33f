"""Excel export of a ranking as shown: one sheet of the ranking with a column per criterion, one of every fact."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .choices import SubjectKind
from .months import month_label

HEADER_FILL = PatternFill("solid", fgColor="F2DCDB")


def _header(sheet, row: int, widths: list[int]) -> None:
    for cell in sheet[row]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def ranking_workbook(ranking, rows: list[dict], headers: list[dict], base_url: str = "") -> bytes:
    """`rows` as `display.present_row` gives them (criteria None where the viewer may not see them)."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("排名")
    kind = SubjectKind(ranking.kind).label
    if ranking.is_live:
        source = _("实时计算，数据截至 %(day)s") % {"day": ranking.as_of.isoformat()}
    else:
        source = _("快照，数据截至 %(day)s，留存于 %(taken)s") % {
            "day": ranking.as_of.isoformat(),
            "taken": ranking.snapshot.taken_at.strftime("%Y-%m-%d %H:%M"),
        }
    sheet.append([_("%(month)s%(kind)s考核排名（%(source)s）") % {
        "month": month_label(ranking.month), "kind": kind, "source": source,
    }])  # fmt: skip
    sheet.append([_("满分100分；各考核项得分 = 折算分值 × 完成率，不适用的考核项不计，其权重按比例分给其余各项")])
    titles = [_("排名"), _("名称"), _("总分")]
    titles += [_("%(label)s（%(weight)s分）") % {"label": h["label"], "weight": h["weight"]} for h in headers]
    titles.append(_("较上月"))
    sheet.append(titles)
    _header(sheet, 3, [6, 24, 10, *[16] * len(headers), 8])
    for row in rows:
        cells = [row["rank"], row["name"], row["total"]]
        for position in range(len(headers)):
            criterion = row["criteria"][position] if row["criteria"] is not None else None
            if criterion is None:
                cells.append(None)
            else:
                cells.append(criterion["points"] if criterion["applicable"] else _("不适用"))
        cells.append(row["move"])
        sheet.append(cells)
    for cells in sheet.iter_rows(min_row=4, min_col=3, max_col=3 + len(headers)):
        for cell in cells:
            cell.number_format = "0.00"
    sheet.freeze_panes = "C4"

    facts = book.create_sheet(_("考核明细"))
    facts.append([
        _("名称"), _("考核项"), _("结果"), _("记录类型"), _("记录"), _("说明"), _("计入分子"), _("计入分母"),
        _("链接"),
    ])  # fmt: skip
    _header(facts, 1, [20, 16, 8, 10, 36, 64, 14, 14, 30])
    for row in rows:
        for criterion in row["criteria"] or []:
            for fact in criterion["facts"]:
                facts.append([
                    row["name"], str(criterion["label"]), _("达标") if fact["passed"] else _("未达标"),
                    str(fact["kind_label"]), fact["label"], fact["reason"], fact["credit"], fact["basis"],
                    f"{base_url}{fact['url']}" if fact["url"] else "",
                ])  # fmt: skip
    facts.freeze_panes = "B2"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
