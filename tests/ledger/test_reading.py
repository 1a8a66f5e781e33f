"""Reading ledgers as zones keep them: headers and their synonyms, units, numbers, dates, sections, totals."""

import datetime as dt
from decimal import Decimal

import pytest

from diaodu.ledger.reader import LedgerFileError, read_ledger

from .workbooks import D, simple_ledger, write_workbook

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 5, 15)


def read(path, **options):
    return read_ledger(path, today=TODAY, **options)


def projects(ledger):
    return [row for row in ledger.rows if row.kind == "project"]


def errors(ledger):
    return [error.message for row in ledger.rows for error in row.errors] + [e.message for e in ledger.errors]


# The synonyms, each alone in a one-row header, with the field it names and a cell to read.
SYNONYMS = [
    ("项目", "name", "吉通机械总部", "吉通机械总部"),
    ("计划总投资", "total_investment", 5000, Decimal("5000.00")),
    ("建设单位", "owner", "吉通机械有限公司", "吉通机械有限公司"),
    ("项目单位", "owner", "吉通机械有限公司", "吉通机械有限公司"),
    ("业主单位", "owner", "吉通机械有限公司", "吉通机械有限公司"),
    ("包保领导", "leader", "李明", "李明"),
    ("包保县级领导", "leader", "李明", "李明"),
    ("联系领导", "leader", "李明", "李明"),
    ("包保干部", "officer", "孙浩", "孙浩"),
    ("责任人", "officer", "孙浩", "孙浩"),
    ("联络员", "officer", "孙浩", "孙浩"),
    ("责任单位", "department", "建设局", "建设局"),
    ("牵头单位", "department", "建设局", "建设局"),
    ("建设内容及规模", "scope", "道路3.2公里", "道路3.2公里"),
    ("建设规模及内容", "scope", "道路3.2公里", "道路3.2公里"),
    ("年度计划投资", "annual_plan", 1200, Decimal("1200.00")),
    ("2026年计划投资", "annual_plan", 1200, Decimal("1200.00")),
    ("累计完成投资", "completed", 300, Decimal("300.00")),
    ("截至目前累计完成投资", "completed", 300, Decimal("300.00")),
    ("计划开工时间", "planned_start", "2026.3", D(2026, 3, 1)),
    ("开工时间", "planned_start", "2026.3", D(2026, 3, 1)),
    ("建设性质", "construction_type", "续建", "continuing"),
    ("项目代码", "code", "２１０４－２２０１０５－０４－０１－３８１９４Ｘ", "2104-220105-04-01-38194X"),
]


@pytest.mark.parametrize(("header", "field", "cell", "value"), SYNONYMS, ids=[s[0] for s in SYNONYMS])
def test_each_synonym_names_its_field(tmp_path, header, field, cell, value):
    columns = ["序号", "项目名称", "总投资", "项目类别"]
    row = [1, "吉通机械总部", 5000, "产业"]
    if header in columns or header == "项目":
        columns[columns.index("项目名称")] = header
        row[1] = cell
    elif header == "计划总投资":
        columns[2] = header
    else:
        columns.append(header)
        row.append(cell)
    ledger = read(simple_ledger(tmp_path / "l.xlsx", [row], header=columns))
    assert ledger.errors == [] and errors(ledger) == []
    assert projects(ledger)[0].values[field] == value


def test_units_in_the_header_and_in_the_unit_line_are_converted_to_wan(tmp_path):
    path = simple_ledger(
        tmp_path / "l.xlsx",
        [[1, "吉通机械总部", 1.25, "0.3", "产业"], [2, "铸诚门业", "3000万元", "0.05亿元", "产业"]],
        header=["序号", "项目名称", "总投资（亿元）", "年度计划投资", "项目类别"],
        lines=[["2026年重点项目台账"], [None, None, None, "单位：亿元"]],
    )
    first, second = projects(read(path))
    # The header's 亿元 for 总投资; the unit line's 亿元 for the plan; a unit typed in the cell wins.
    assert first.values["total_investment"] == Decimal("12500.00")
    assert first.values["annual_plan"] == Decimal("3000.00")
    assert second.values["total_investment"] == Decimal("3000.00")
    assert second.values["annual_plan"] == Decimal("500.00")


def test_a_header_in_wan_overrides_a_unit_line_in_yi(tmp_path):
    path = simple_ledger(
        tmp_path / "l.xlsx",
        [[1, "吉通机械总部", 800, 2, "产业"]],
        header=["序号", "项目名称", "总投资（万元）", "年度计划投资", "项目类别"],
        lines=[["单位：亿元"]],
    )
    (row,) = projects(read(path))
    assert row.values["total_investment"] == Decimal("800.00")
    assert row.values["annual_plan"] == Decimal("20000.00")


def test_numbers_typed_as_text_with_separators_or_full_width_digits(tmp_path):
    cells = ["1,234.5", "１２３４．５", "１，２３４．５", " 1234.50 ", "1234.5万元", "0.123450亿元"]
    rows = [[i, f"项目{i}", cell, "产业"] for i, cell in enumerate(cells, start=1)]
    path = simple_ledger(tmp_path / "l.xlsx", rows, header=["序号", "项目名称", "总投资", "项目类别"])
    assert {row.values["total_investment"] for row in projects(read(path))} == {Decimal("1234.50")}


def test_a_number_that_is_no_number_is_an_error_naming_row_and_column(tmp_path):
    path = simple_ledger(
        tmp_path / "l.xlsx", [[1, "吉通机械总部", "约5000", "产业"]], header=["序号", "项目名称", "总投资", "项目类别"]
    )
    assert errors(read(path)) == ["第4行「总投资」：无法识别的金额“约5000”，应为数字（如 1234.5、1,234.5 或 1.2亿元）"]


DATES = [
    (D(2021, 3, 15), D(2021, 3, 15)),
    ("2021.3", D(2021, 3, 1)),
    ("2021年3月", D(2021, 3, 1)),
    ("2021-03-15", D(2021, 3, 15)),
    ("2021/3/15", D(2021, 3, 15)),
    ("２０２１年３月１５日", D(2021, 3, 15)),
    (2021.3, D(2021, 3, 1)),  # typed into a number cell
    (44270, D(2021, 3, 15)),  # an Excel serial number without a date format
    ("3月", D(2026, 3, 1)),  # the title's year
    ("2021年6月底", D(2021, 6, 30)),
]


def test_dates_in_every_form_zones_type_them(tmp_path):
    rows = [[i, f"项目{i}", 100, "产业", cell] for i, (cell, _day) in enumerate(DATES, start=1)]
    path = simple_ledger(tmp_path / "l.xlsx", rows, header=["序号", "项目名称", "总投资", "项目类别", "开工时间"])
    assert [row.values["planned_start"] for row in projects(read(path))] == [day for _cell, day in DATES]


def test_a_bare_month_takes_the_year_given_over_the_title(tmp_path):
    header = ["序号", "项目名称", "总投资", "项目类别", "开工时间"]
    path = simple_ledger(tmp_path / "l.xlsx", [[1, "吉通", 100, "产业", "3月"]], header=header)
    assert projects(read(path, year=2027))[0].values["planned_start"] == D(2027, 3, 1)


def test_a_bare_month_without_any_year_is_an_error_naming_row_and_column(tmp_path):
    path = simple_ledger(
        tmp_path / "l.xlsx",
        [[1, "吉通机械总部", 100, "产业", "3月"]],
        header=["序号", "项目名称", "总投资", "项目类别", "计划开工时间"],
        lines=[["重点项目台账"], ["单位：万元"]],
    )
    assert errors(read(path)) == [
        "第4行「计划开工时间」：“3月”没有年份：请在标题中写明年份（如“2026年重点项目台账”）或在导入时指定年度"
    ]


def test_an_impossible_date_says_what_is_expected(tmp_path):
    path = simple_ledger(
        tmp_path / "l.xlsx",
        [[1, "吉通", 100, "产业", "2021年3月"], [2, "铸诚", 100, "产业", "2021年13月"]],
        header=["序号", "项目名称", "总投资", "项目类别", "计划开工时间"],
    )
    assert errors(read(path)) == [
        "第5行「计划开工时间」：无法识别的日期“2021年13月”，应为 2021-03-15、2021.3 或 2021年3月"
    ]


def test_sections_set_the_category_and_the_construction_type_of_the_rows_below(tmp_path):
    rows = [
        ["一", "产业项目（2个）"],
        ["（一）续建项目"],
        [1, "吉通机械总部", 100],
        ["（二）新建项目"],
        [2, "铸诚门业", 100],
        ["二、文旅康养项目"],
        [3, "温泉小镇", 100],
        ["三、农业项目（1个）"],
        [4, "现代农业产业园", 100, "续建"],
        ["四、服务业项目"],
        [5, "物流园", 100],
        ["五、社会民生项目"],
        [6, "第二实验小学", 100],
    ]
    path = simple_ledger(tmp_path / "l.xlsx", rows, header=["序号", "项目名称", "总投资", "建设性质"])
    read_rows = projects(read(path))
    assert [(r.values["category"], r.values["construction_type"]) for r in read_rows] == [
        ("industrial", "continuing"),
        ("industrial", "new"),
        ("tourism_health", None),  # a new section of the first level forgets the 新建 of the one before
        ("agriculture", "continuing"),
        ("industrial", None),
        ("public_service", None),
    ]


def test_a_row_whose_category_cannot_be_told_is_an_error(tmp_path):
    rows = [[1, "吉通机械总部", 100], ["一、省级重点项目"], [2, "铸诚门业", 100]]
    path = simple_ledger(tmp_path / "l.xlsx", rows, header=["序号", "项目名称", "总投资"])
    assert errors(read(path)) == [
        "第4行：无法确定项目类别：请填写「项目类别」列，或在项目上方加分组行（如“一、产业项目”）",
        "第6行：无法确定项目类别：所在分组“一、省级重点项目”不是已知的项目类别，请填写「项目类别」列",
    ]


def test_totals_notes_and_blank_rows_are_not_projects(tmp_path):
    rows = [
        ["合  计", None, 300],
        ["一、产业项目"],
        [1, "吉通机械总部", 100],
        [],
        [None, None, None],
        [2, "铸诚门业", 200],
        [None, "小计", 300],
        ["其中：新建项目", None, 100],
        ["填报人：周敏"],
    ]
    ledger = read(simple_ledger(tmp_path / "l.xlsx", rows, header=["序号", "项目名称", "总投资"]))
    assert [(row.number, row.kind) for row in ledger.rows] == [
        (4, "total"), (5, "section"), (6, "project"), (9, "project"), (10, "total"), (11, "total"), (12, "note"),
    ]  # fmt: skip
    assert errors(ledger) == []


def test_a_two_row_header_with_a_group_over_its_columns(tmp_path):
    rows = [
        ["2026年项目台账"],
        ["序号", "项目名称", "开工时间", None, "包保", None, "2026年", None],
        [None, None, "计划", "实际", "领导", "干部", "计划投资（亿元）", "总投资（亿元）"],
        [1, "吉通机械总部", "2026.3", "2026.4", "李明", "孙浩", 0.5, 2],
    ]
    merges = ("A2:A3", "B2:B3", "C2:D2", "E2:F2", "G2:H2")
    sheet = [*rows[:3], ["一、产业项目"], rows[3]]
    ledger = read(write_workbook(tmp_path / "l.xlsx", sheet, merges=merges))
    assert ledger.header_rows == (2, 3)
    assert {c.field: c.header for c in ledger.columns} == {
        "seq": "序号", "name": "项目名称", "planned_start": "开工时间计划", "actual_start": "开工时间实际",
        "leader": "包保领导", "officer": "包保干部", "annual_plan": "计划投资（亿元）",
        "total_investment": "总投资（亿元）",
    }  # fmt: skip
    (row,) = projects(ledger)
    assert row.values["planned_start"] == D(2026, 3, 1) and row.values["actual_start"] == D(2026, 4, 1)
    assert row.values["annual_plan"] == Decimal("5000.00") and row.values["total_investment"] == Decimal("20000.00")
    assert ledger.plan_year == 2026


def test_a_formula_without_a_saved_value_is_an_error_naming_the_cell(tmp_path):
    rows = [[1, "吉通机械总部", "=100*2", "产业"], [2, "铸诚门业", 300, "产业"]]
    path = simple_ledger(tmp_path / "l.xlsx", rows, header=["序号", "项目名称", "总投资", "项目类别"])
    assert errors(read(path)) == [
        "第4行「总投资」：单元格 C4 是没有保存计算结果的公式（系统不计算公式）：请在 Excel 中打开、保存后再导入"
    ]


def test_a_file_that_is_not_an_xlsx_ledger_is_refused_with_the_reason(tmp_path, monkeypatch):
    text = tmp_path / "ledger.xlsx"
    text.write_text("项目名称,总投资\n吉通,100\n")
    with pytest.raises(LedgerFileError, match="这不是 Excel 工作簿"):
        read(text)
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500)
    with pytest.raises(LedgerFileError, match=r"旧版 Excel（\.xls）"):
        read(old)
    no_header = write_workbook(tmp_path / "empty.xlsx", [["随便写点什么"], [1, 2, 3]])
    with pytest.raises(LedgerFileError, match="没有找到表头"):
        read(no_header)
    ledger = simple_ledger(tmp_path / "big.xlsx", [[i, f"项目{i}", 100, "产业"] for i in range(30)],
                           header=["序号", "项目名称", "总投资", "项目类别"])  # fmt: skip
    monkeypatch.setattr("diaodu.ledger.workbook.MAX_BYTES", 1000)
    with pytest.raises(LedgerFileError, match="文件过大"):
        read(ledger)
    monkeypatch.setattr("diaodu.ledger.workbook.MAX_BYTES", 10 * 1024 * 1024)
    monkeypatch.setattr("diaodu.ledger.reader.MAX_ROWS", 20)
    with pytest.raises(LedgerFileError, match="台账超过 20 行"):
        read(ledger)


def test_a_header_without_total_investment_is_one_error(tmp_path):
    path = simple_ledger(tmp_path / "l.xlsx", [[1, "吉通", "产业"]], header=["序号", "项目名称", "项目类别"])
    ledger = read(path)
    assert [e.message for e in ledger.errors] == ["第3行：表头缺少「总投资」列"] and ledger.rows == []


def test_a_project_written_over_two_merged_rows_is_one_project(tmp_path):
    rows = [
        ["一、产业项目"],
        [1, "吉通机械总部", 100, "一期：厂房"],
        [None, None, None, "二期：研发楼"],
        [2, "铸诚门业", 200, None],
    ]
    path = write_workbook(
        tmp_path / "l.xlsx",
        [["序号", "项目名称", "总投资", "形象进度"], *rows],
        merges=("A3:A4", "B3:B4", "C3:C4"),
    )
    ledger = read(path)
    assert [(row.number, row.kind) for row in ledger.rows] == [
        (2, "section"), (3, "project"), (4, "continuation"), (5, "project"),
    ]  # fmt: skip
    assert [row.values["total_investment"] for row in projects(ledger)] == [Decimal("100.00"), Decimal("200.00")]


def test_a_numbered_row_is_a_project_even_if_its_name_looks_like_a_section(tmp_path):
    rows = [["一、产业项目"], [1, "一、二期厂房扩建（2个）", 100]]
    ledger = read(simple_ledger(tmp_path / "l.xlsx", rows, header=["序号", "项目名称", "总投资"]))
    assert [(row.kind, row.values.get("name")) for row in ledger.rows] == [
        ("section", None),
        ("project", "一、二期厂房扩建（2个）"),
    ]
