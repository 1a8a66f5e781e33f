"""Every parser returns a value or a clear error (CellError, in Chinese), never raises anything else;
and what it reads back is what was written, in every form a ledger writes it."""

import datetime as dt
from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st

from diaodu.ledger import parsing
from diaodu.ledger.parsing import CellError

FULL_WIDTH = str.maketrans("0123456789.,-/", "０１２３４５６７８９．，－／")
LEDGER_CHARACTERS = "0123456789０１２３４５６７８９.,，．-/年月日号底末初份亿万元 　一二三、（）()合计小注：:产业续建新"

anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.text(),
    st.text(alphabet=LEDGER_CHARACTERS, max_size=16),
)
units = st.sampled_from([parsing.WAN, parsing.YI, Decimal("0.0001")])
years = st.one_of(st.none(), st.integers(min_value=1990, max_value=2100))
amounts = st.decimals(min_value=0, max_value=Decimal("99999999999.99"), places=2)
days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31))


def value_or_cell_error(parser, *args):
    """The parser's value, or the CellError it raised (with a message): any other exception fails the test."""
    try:
        return parser(*args)
    except CellError as error:
        assert str(error)
        return error


@given(anything, units)
@example(Decimal("1E+999999"), parsing.YI)
@example("-0", parsing.WAN)
def test_amounts_are_money_or_a_clear_error(value, unit):
    result = value_or_cell_error(parsing.parse_amount, value, unit)
    if isinstance(result, Decimal):
        assert result >= 0 and result == result.quantize(Decimal("0.01")) and result <= Decimal("999999999999.99")
        assert str(result) != "-0.00"
    else:
        assert result is None or isinstance(result, CellError)


@given(anything, years)
@example("2021年2月30日", None)
@example("3月", None)
def test_dates_are_dates_or_a_clear_error(value, year):
    result = value_or_cell_error(parsing.parse_date, value, year)
    assert result is None or (isinstance(result, CellError | dt.date) and not isinstance(result, dt.datetime))


@given(anything)
def test_the_other_cell_parsers_return_a_value_or_a_clear_error(value):
    for parser in (
        parsing.parse_category,
        parsing.parse_construction_type,
        parsing.parse_stage,
        parsing.parse_name_of_person,
        parsing.parse_text,
    ):
        result = value_or_cell_error(parser, value)
        assert result is None or isinstance(result, str | CellError)
    assert isinstance(value_or_cell_error(parsing.parse_unit_name, value, 100), str | CellError | type(None))


@given(anything, anything)
def test_layout_readers_never_raise(first, second):
    assert parsing.match_header(first, second) is None or isinstance(parsing.match_header(first, second).field, str)
    assert parsing.section_of(first, second) is None or parsing.section_of(first, second).level in (1, 2)
    texts = [parsing.clean_text(value) for value in (first, second) if parsing.clean_text(value)]
    assert isinstance(parsing.is_total(texts), bool) and isinstance(parsing.is_note(texts), bool)
    assert parsing.unit_of_line(first) in (None, parsing.WAN, parsing.YI, Decimal("0.0001"))
    year = parsing.year_of_title(first)
    assert year is None or 1990 <= year <= 2100


@given(amounts)
def test_an_amount_reads_back_however_it_is_typed(amount):
    assert parsing.parse_amount(amount) == amount
    assert parsing.parse_amount(f"{amount:,}") == amount
    assert parsing.parse_amount(f"{amount:,}".translate(FULL_WIDTH)) == amount
    assert parsing.parse_amount(f"{amount}万元") == amount
    assert parsing.parse_amount(f"{amount / 10000}亿元") == amount
    assert parsing.parse_amount(amount / 10000, parsing.YI) == amount
    assert parsing.parse_amount(float(amount)) == amount  # Excel's number cells are floats


@given(days)
def test_a_date_reads_back_however_it_is_typed(day):
    y, m, d = day.year, day.month, day.day
    assert parsing.parse_date(day) == day
    assert parsing.parse_date(dt.datetime(y, m, d, 0, 0)) == day
    assert parsing.parse_date(day.isoformat()) == day
    assert parsing.parse_date(f"{y}/{m}/{d}") == day
    assert parsing.parse_date(f"{y}年{m}月{d}日") == day
    assert parsing.parse_date(f"{y}.{m}.{d}".translate(FULL_WIDTH)) == day
    assert parsing.parse_date(f"{y}.{m}") == day.replace(day=1)
    assert parsing.parse_date(f"{y}年{m}月") == day.replace(day=1)
    assert parsing.parse_date(f"{m}月", y) == day.replace(day=1)
    serial = (day - dt.date(1899, 12, 30)).days
    if parsing.cells.SERIAL_MIN <= serial <= parsing.cells.SERIAL_MAX:
        assert parsing.parse_date(serial) == day


@given(st.integers(min_value=1, max_value=12))
def test_a_bare_month_without_a_year_names_what_is_missing(month):
    try:
        parsing.parse_date(f"{month}月")
    except CellError as error:
        assert "没有年份" in str(error)
    else:
        raise AssertionError("a bare month without a year must be an error")


UNIT_WORDS = {"万元": parsing.WAN, "亿元": parsing.YI, "元": Decimal("0.0001")}
UNIT_CHARACTERS = "单位金额填报制表：:（）()[]【】 万亿元总投资计划年度2026"


@given(
    st.sampled_from(parsing.SYNONYMS["total_investment"]),
    st.sampled_from(sorted(UNIT_WORDS)),
    st.sampled_from(["（{}）", "({})", "[{}]", "（单位：{}）", "(单位:{})", "{}"]),
)
def test_a_unit_written_in_a_header_is_read_with_its_field(name, unit, wrapper):
    match = parsing.match_header(name + wrapper.format(unit))
    assert match is not None and match.field == "total_investment" and match.unit == UNIT_WORDS[unit]
    over = parsing.match_header(name, f"２０２６年（{unit}）")  # a two-row header lends its unit and year
    assert over is not None and (over.unit, over.year) == (UNIT_WORDS[unit], 2026)


@given(st.sampled_from(["单位：", "单位:", "金额单位：", "（单位：", "单位"]), st.sampled_from(sorted(UNIT_WORDS)))
def test_a_unit_line_gives_its_unit_and_a_form_field_does_not(prefix, unit):
    assert parsing.unit_of_line(f"{prefix}{unit}") == UNIT_WORDS[unit]
    assert parsing.unit_of_line(f"填报单位：{unit}") is None  # who filled the ledger in, not what unit it uses


@given(st.text(alphabet=UNIT_CHARACTERS, max_size=20), st.text(alphabet=UNIT_CHARACTERS, max_size=12))
def test_unit_readers_give_a_known_unit_or_none_on_any_text(text, group):
    assert parsing.unit_of_line(text) in (None, *UNIT_WORDS.values())
    match = parsing.match_header(text, group)
    assert match is None or match.unit in (None, *UNIT_WORDS.values())
