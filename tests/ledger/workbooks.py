"""Ledger workbooks for the tests, written with openpyxl as zones keep them (no binaries in the repository)."""

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

D = dt.date


def write_workbook(path: Path, rows: list[list], *, merges: tuple[str, ...] = (), title: str = "台账") -> Path:
    """Rows as they stand in the sheet (row 1 first); `merges` as Excel ranges ("A3:A4")."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    book.save(path)
    return path


def simple_ledger(path: Path, projects: list[list], *, header: list[str] | None = None, lines=None) -> Path:
    """A title line, a unit line, a one-row header and the given rows."""
    header = header or ["序号", "项目名称", "项目类别", "总投资", "计划开工时间", "包保领导", "包保干部", "责任单位"]
    lines = lines if lines is not None else [["2026年重点项目台账"], ["单位：万元"]]
    return write_workbook(path, [*lines, header, *projects])


# The zone's ledger as its dispatch office keeps it: a title over the table, the unit at the right of the
# second line, a two-row header with merged cells and the synonyms, a total before the projects,
# sections that set the category and the construction type, subtotals, blank rows and a note.
REALISTIC_ROWS = [
    ["北部新城经济开发区2026年重点项目台账"],
    ["填报单位：项目服务办公室", None, None, None, None, None, None, None, None, None, None, None, None, "单位：万元"],
    ["序号", "项目名称", "项目代码", "建设性质", "业主单位", "建设规模及内容", "投资情况（万元）", None, None,
     "计划开工时间", "计划竣工时间", "包保责任", None, None, "备注"],
    [None, None, None, None, None, None, "计划总投资", "2026年计划投资", "截至目前累计完成投资", None, None,
     "包保县级领导", "责任人", "牵头单位", None],
    ["合计", None, None, None, None, None, 218000, 37000, 12000.5, None, None, None, None, None, None],
    ["一、产业项目（3个）"],
    [None, "（一）续建项目"],
    [1, "吉通机械总部", "2104-220105-04-01-38194X", None, "吉通机械有限公司", "新建厂房5万平方米", "５０，０００",
     12000, "8,500.5", D(2025, 3, 15), "2026.12", "李明", "孙浩", "经发局", "按期推进"],
    [2, "铸诚门业智能制造", None, None, "铸诚门业有限公司", "智能生产线6条", "1.2亿元", 3000, 0,
     "2025年6月", "2026-10-31", "李明", "钱新", "经济发展局", None],
    [None, "（二）新建项目"],
    [3, "新能源电池材料", None, "新建", "宁远新材料有限公司", "年产2万吨正极材料", 80000, "20,000", None,
     "3月", "2027/6/30", "王新", "孙浩", "新材料产业服务中心", None],
    ["小计", None, None, None, None, None, 142000, 35000, 8500.5],
    [],
    ["二、基础设施项目（2个）"],
    [4, "园区主干道工程", None, "续建", "聚丰城市建设投资有限公司", "道路3.2公里", 6000, 2000, 3500,
     D(2025, 9, 1), "2026年11月", "李明", "孙浩", "建设局", None],
    [5, "污水处理厂扩建", None, "新建", "聚丰公司", "日处理2万吨", 4000, "0", None, "2026.7", "2027.6", None,
     "孙浩", "建设局", None],
    ["三、社会事业项目（1个）"],
    [6, "第二实验小学", None, "新建", None, "36个班", 2000, 0, None, "2026-08-01", "2027/8/31", "李明", "孙浩",
     "经济发展局", None],
    [None],
    ["注：本表金额单位为万元，“３月”指2026年3月。"],
]  # fmt: skip
REALISTIC_MERGES = (
    "A1:O1",
    "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:F4", "G3:I3", "J3:J4", "K3:K4", "L3:N3", "O3:O4",
    "A6:B6",
    "L15:L16",
    "A20:O20",
)  # fmt: skip


def realistic_ledger(path: Path) -> Path:
    return write_workbook(path, REALISTIC_ROWS, merges=REALISTIC_MERGES, title="重点项目")
