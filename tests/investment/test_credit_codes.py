"""A company's unified social credit code is checked with its check character, on the form and in the API alike."""

import pytest
from django.urls import reverse

from diaodu.investment.models import Company
from diaodu.org.models import Organisation
from tests.investment.conftest import VALID_CODE, make_company

pytestmark = pytest.mark.django_db

WRONG_CHECK = VALID_CODE[:-1] + "X"
WRONG_LENGTH = VALID_CODE[:-1]
FORBIDDEN = VALID_CODE[:-3] + "IOC"

CHECK_MESSAGE = f"统一社会信用代码“{WRONG_CHECK}”校验位错误：第18位应为“H”，而不是“X”。请核对是否抄错。"
LENGTH_MESSAGE = f"统一社会信用代码应为18位，“{WRONG_LENGTH}”为17位。"
FORBIDDEN_MESSAGE = (
    f"统一社会信用代码“{FORBIDDEN}”含有无效字符："
    "只能由数字和除 I、O、Z、S、V 以外的大写字母组成，第3至8位为行政区划代码。"
)


def post_form(client, user, **fields):
    client.force_login(user)
    data = {"name": "吉林铸诚门业有限公司", "industry": "C", "registered_in": "吉林省四平市", **fields}
    return client.post(reverse("company-create"), data)


def field_errors(page: str) -> list[str]:
    return [chunk.split("</div>")[0] for chunk in page.split('data-testid="field-error">')[1:]]


def test_a_valid_code_registers_the_company_with_its_organisation(client, scout):
    answer = post_form(client, scout, credit_code=VALID_CODE.lower())
    company = Company.objects.get(organisation__name="吉林铸诚门业有限公司")
    assert answer.status_code == 302 and answer.url == reverse("company-detail", args=[company.pk])
    assert company.credit_code == VALID_CODE  # stored upper case
    assert company.organisation.kind == "enterprise"
    assert company.history.latest().history_user == scout


def test_a_code_pasted_with_spaces_and_full_width_characters_is_normalised(client, scout):
    pasted = "９１２２ ０１０５ＭＡ０Ｙ３Ｒ２Ｋ５ｈ"
    assert post_form(client, scout, credit_code=pasted).status_code == 302
    assert Organisation.objects.get(name="吉林铸诚门业有限公司").credit_code == VALID_CODE


@pytest.mark.parametrize(
    ("code", "message"),
    [(WRONG_CHECK, CHECK_MESSAGE), (WRONG_LENGTH, LENGTH_MESSAGE), (FORBIDDEN, FORBIDDEN_MESSAGE)],
    ids=["wrong check character", "wrong length", "forbidden letters"],
)
def test_the_form_says_what_is_wrong_with_a_code_next_to_the_field(client, scout, code, message):
    answer = post_form(client, scout, credit_code=code)
    assert answer.status_code == 200
    assert field_errors(answer.text) == [message]
    assert not Organisation.objects.filter(name="吉林铸诚门业有限公司").exists()


def test_a_code_already_held_by_another_organisation_is_refused_by_name(client, scout, courted):
    answer = post_form(client, scout, credit_code=VALID_CODE)
    assert field_errors(answer.text) == [f"统一社会信用代码“{VALID_CODE}”已登记为“吉林同仁众合医疗科技有限公司”。"]


@pytest.mark.parametrize(
    ("code", "message"),
    [(WRONG_CHECK, CHECK_MESSAGE), (WRONG_LENGTH, LENGTH_MESSAGE), (FORBIDDEN, FORBIDDEN_MESSAGE)],
    ids=["wrong check character", "wrong length", "forbidden letters"],
)
def test_the_api_refuses_a_bad_code_in_the_error_shape(client, scout, code, message):
    client.force_login(scout)
    answer = client.post(
        "/api/companies/", {"name": "吉林铸诚门业有限公司", "credit_code": code}, content_type="application/json"
    )
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "invalid" and error["fields"] == {"credit_code": [message]}


def test_the_api_registers_a_company_with_a_valid_code_and_refuses_a_duplicate(client, scout):
    client.force_login(scout)
    body = {"name": "吉林铸诚门业有限公司", "credit_code": VALID_CODE, "industry": "C", "resident_since": "2026-03-01"}
    created = client.post("/api/companies/", body, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["credit_code"] == VALID_CODE and created.json()["is_resident"] is True
    again = client.post("/api/companies/", {**body, "name": "吉林另一家门业有限公司"}, content_type="application/json")
    assert again.status_code == 400
    assert again.json()["error"]["fields"] == {
        "credit_code": [f"统一社会信用代码“{VALID_CODE}”已登记为“吉林铸诚门业有限公司”。"]
    }


def test_editing_a_company_checks_the_code_too(client, scout):
    company = make_company("吉林铸诚门业有限公司")
    client.force_login(scout)
    url = reverse("company-edit", args=[company.pk])
    answer = client.post(url, {"name": company.name, "credit_code": WRONG_CHECK, "seen_version": company.version})
    assert field_errors(answer.text) == [CHECK_MESSAGE]
    patched = client.patch(
        f"/api/companies/{company.pk}/", {"credit_code": WRONG_LENGTH}, content_type="application/json"
    )
    assert patched.json()["error"]["fields"] == {"credit_code": [LENGTH_MESSAGE]}
