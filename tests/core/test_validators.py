"""Project codes (项目代码) and unified social credit codes (统一社会信用代码), with clear messages."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from stdnum.cn import uscc

from diaodu.core.validators import (
    CreditCodeValidator,
    ProjectCodeValidator,
    normalize_credit_code,
    normalize_project_code,
    validate_credit_code,
    validate_project_code,
)


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def messages_of(validate, value) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        validate(value)
    return caught.value.messages


# --- Project codes --------------------


@pytest.mark.parametrize(
    "code",
    [
        "2104-220105-04-01-38194X",  # current form: YYMM, serial may end in a letter
        "2011-220105-04-01-38194X",  # November 2020 (YYMM 2011) is already the current form
        "2601-110105-01-02-000001",
        "2019-220105-04-01-000123",  # pre-2020 form: the year, six-digit serial
        "2010-220105-04-01-000123",
        "2020-650102-99-99-999999",
    ],
)
def test_well_formed_project_codes_of_both_forms_are_accepted(code):
    validate_project_code(code)
    ProjectCodeValidator()(code)


def test_a_project_code_pasted_with_full_width_digits_dashes_and_spaces_is_accepted():
    pasted = " ２１０４－２２０１０５－０４－０１－３８１９４x "
    assert normalize_project_code(pasted) == "2104-220105-04-01-38194X"
    validate_project_code(pasted)
    validate_project_code("2104 - 220105 - 04 - 01 - 38194X")
    validate_project_code("2104—220105–04-01-38194X")  # em and en dashes from word processors


def test_normalising_a_project_code_uppercases_the_serial_and_removes_all_whitespace():
    assert normalize_project_code("2104-220105-04-01-38194x\t") == "2104-220105-04-01-38194X"
    assert normalize_project_code("2019 -220105-04-01-\u3000000123") == "2019-220105-04-01-000123"


@pytest.mark.parametrize(
    "code",
    [
        "2104-22010-04-01-38194X",  # region of five digits
        "2104-220105-04-01-38194",  # serial of five characters
        "210-4220105-04-01-38194X",  # hyphen in the wrong place
        "2104220105040138194X",  # no hyphens at all
        "2104-220105-4-01-38194X",
        "2104-220105-04-01-38194X-1",
        "",
    ],
)
def test_a_project_code_of_the_wrong_shape_is_refused_with_the_expected_pattern_and_an_example(code):
    (message,) = messages_of(validate_project_code, code)
    assert "格式不正确" in message
    assert "4位数字-6位行政区划代码-2位-2位-6位字符" in message
    assert "2104-220105-04-01-38194X" in message


def test_a_project_code_with_a_month_13_is_refused_naming_the_first_segment():
    (message,) = messages_of(validate_project_code, "2113-220105-04-01-38194X")
    assert "第1段" in message
    assert "“2113”" in message
    assert "年份" in message and "年月" in message


def test_a_project_code_from_before_2000_is_refused_naming_the_first_segment():
    (message,) = messages_of(validate_project_code, "1999-220105-04-01-000123")
    assert "第1段“1999”" in message


def test_a_project_code_with_month_00_is_refused_while_a_real_month_is_accepted():
    # 2110 is October 2021 (valid); 9900 is month 00 in 2099: neither a year nor a month.
    validate_project_code("2110-220105-04-01-38194X")
    (message,) = messages_of(validate_project_code, "9900-220105-04-01-38194X")
    assert "第1段“9900”" in message


def test_a_project_code_with_an_unknown_province_is_refused_naming_the_region_segment():
    (message,) = messages_of(validate_project_code, "2104-990105-04-01-38194X")
    assert "第2段" in message
    assert "“990105”" in message
    assert "行政区划代码" in message


def test_a_pre_2020_project_code_with_a_letter_in_the_serial_is_refused_naming_the_serial():
    (message,) = messages_of(validate_project_code, "2019-220105-04-01-00012A")
    assert "第5段" in message
    assert "“00012A”" in message
    assert "6位数字流水号" in message


def test_every_problem_of_a_project_code_is_reported_at_once():
    messages = messages_of(validate_project_code, "2113-990105-04-01-38194X")
    assert len(messages) == 2
    assert "第1段“2113”" in messages[0]
    assert "第2段“990105”" in messages[1]


def test_the_project_code_validator_class_refuses_a_bad_code_and_compares_equal_for_migrations():
    with pytest.raises(ValidationError):
        ProjectCodeValidator()("2104-990105-04-01-38194X")
    assert ProjectCodeValidator() == ProjectCodeValidator()
    assert ProjectCodeValidator().deconstruct()[0] == "diaodu.core.validators.ProjectCodeValidator"


def test_a_refused_project_code_carries_the_invalid_project_code_error_code():
    with pytest.raises(ValidationError) as caught:
        validate_project_code("2104-990105-04-01-38194X")
    assert [error.code for error in caught.value.error_list] == ["invalid_project_code"]


# --- Unified social credit codes --------------------


def _with_check_character(first_17: str) -> str:
    return first_17 + uscc.calc_check_digit(first_17)


VALID_CREDIT_CODES = [
    "91110108551385082Q",
    _with_check_character("91220101MA0Y12345"),
    _with_check_character("12220100412345678"),
    _with_check_character("93220105MA17ABCDE"),
]


@pytest.mark.parametrize("code", VALID_CREDIT_CODES)
def test_valid_unified_social_credit_codes_are_accepted(code):
    assert len(code) == 18
    validate_credit_code(code)
    CreditCodeValidator()(code)


def test_the_computed_check_character_is_what_makes_a_code_valid():
    first_17 = "91220101MA0Y12345"
    right = uscc.calc_check_digit(first_17)
    validate_credit_code(first_17 + right)
    wrong = next(c for c in "0123456789ABCDEFGHJKLMNPQRTUWXY" if c != right)
    with pytest.raises(ValidationError):
        validate_credit_code(first_17 + wrong)


def test_a_credit_code_pasted_in_lower_case_with_spaces_and_full_width_digits_is_accepted():
    validate_credit_code(" 9111 0108 5513 8508 2q ")
    validate_credit_code("９１１１０１０８５５１３８５０８２Q")
    assert normalize_credit_code(" 9111 0108 5513 8508 2q ") == "91110108551385082Q"


def test_a_credit_code_with_a_wrong_check_character_says_which_character_is_expected():
    (message,) = messages_of(validate_credit_code, "91110108551385082A")
    assert "校验位错误" in message
    assert "第18位应为“Q”" in message
    assert "而不是“A”" in message


def test_a_credit_code_with_one_mistyped_digit_is_refused_with_the_check_character_it_would_need():
    mistyped = "91110108551385083Q"
    expected = uscc.calc_check_digit(mistyped[:17])
    assert expected != "Q"
    (message,) = messages_of(validate_credit_code, mistyped)
    assert f"第18位应为“{expected}”" in message


@pytest.mark.parametrize(("code", "length"), [("9111010855138508", 16), ("91110108551385082QQ", 19), ("9", 1)])
def test_a_credit_code_of_the_wrong_length_says_how_long_it_is(code, length):
    (message,) = messages_of(validate_credit_code, code)
    assert "应为18位" in message
    assert f"为{length}位" in message


@pytest.mark.parametrize("letter", ["I", "O", "Z", "S", "V"])
def test_a_credit_code_with_a_forbidden_letter_is_refused_naming_the_forbidden_letters(letter):
    code = "911101085513850" + letter + "2Q"
    assert len(code) == 18
    (message,) = messages_of(validate_credit_code, code)
    assert "无效字符" in message
    assert "I、O、Z、S、V" in message
    assert code in message


@pytest.mark.parametrize("letter", ["I", "O", "Z", "S", "V"])
def test_a_forbidden_letter_as_the_check_character_is_refused(letter):
    (message,) = messages_of(validate_credit_code, "91110108551385082" + letter)
    assert "无效字符" in message


def test_a_credit_code_with_a_letter_in_the_region_code_is_refused():
    (message,) = messages_of(validate_credit_code, "911101A8551385082Q")
    assert "行政区划代码" in message


def test_credit_code_errors_carry_the_invalid_credit_code_error_code():
    with pytest.raises(ValidationError) as caught:
        validate_credit_code("91110108551385082A")
    assert caught.value.code == "invalid_credit_code"


def test_the_credit_code_validator_class_refuses_a_bad_code_and_compares_equal_for_migrations():
    with pytest.raises(ValidationError):
        CreditCodeValidator()("91110108551385082A")
    assert CreditCodeValidator() == CreditCodeValidator()
    assert CreditCodeValidator() != ProjectCodeValidator()
