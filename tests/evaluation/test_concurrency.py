"""No lost writes on the year's scheme: the page carries the version it loaded, a stale save shows both versions."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from diaodu.core.concurrency import NEW, EditConflict, version_of
from diaodu.evaluation.models import EvaluationScheme
from diaodu.evaluation.services import scheme_save
from tests.core.racing import conflict_row, race, shared_database, version_in  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db

URL = reverse("evaluation-scheme-year", args=[2033])
FORM = {
    "steps_weight": "40", "reports_weight": "20", "issues_weight": "10", "investment_weight": "20",
    "red_weight": "10", "signed_weight": "20", "signed_target": "73000", "note": "主任会议通过",
}  # fmt: skip
WEIGHTS = {"steps": 25, "reports": 20, "issues": 20, "investment": 25, "red": 10, "signed": 10}


def test_a_stale_save_shows_both_versions_and_writes_nothing(client, dispatcher, administrator):
    scheme_save(user=administrator, year=2033, weights=WEIGHTS, signed_target=Decimal(50000))
    client.force_login(dispatcher)
    loaded = version_in(client.get(URL).text)
    assert loaded == version_of(EvaluationScheme.objects.get(year=2033))
    scheme_save(user=administrator, year=2033, weights=WEIGHTS, signed_target=Decimal(60000), note="二次会议")
    answer = client.post(URL, FORM | {"version": loaded})
    assert answer.status_code == 200
    page = answer.text
    assert 'data-testid="edit-conflict"' in page and "保存人：郑洁" in page
    assert conflict_row("每名招商干部年度签约目标（万元）", "73000", "60000.00") in page
    saved = EvaluationScheme.objects.get(year=2033)
    assert (saved.signed_target, saved.note, saved.steps_weight) == (60000, "二次会议", 25)
    # Saving the same form again (it now names the version saved) overwrites knowingly.
    assert version_in(page) == version_of(saved)
    assert client.post(URL, FORM | {"version": version_in(page)}).status_code == 302
    assert EvaluationScheme.objects.get(year=2033).signed_target == 73000


def test_a_scheme_set_while_the_page_showed_the_defaults_is_a_conflict(client, dispatcher, administrator):
    client.force_login(dispatcher)
    assert version_in(client.get(URL).text) == NEW
    scheme_save(user=administrator, year=2033, weights=WEIGHTS, signed_target=Decimal(50000))
    page = client.post(URL, FORM | {"version": NEW}).text
    assert 'data-testid="conflict-table"' in page
    assert EvaluationScheme.objects.get(year=2033).steps_weight == 25


def test_the_service_refuses_a_stale_version_with_the_scheme_as_saved(dispatcher, administrator):
    first = scheme_save(user=administrator, year=2033, weights=WEIGHTS, signed_target=Decimal(1))
    loaded = version_of(first)
    scheme_save(user=administrator, year=2033, weights=WEIGHTS, signed_target=Decimal(2), seen=loaded)
    with pytest.raises(EditConflict) as refused:
        scheme_save(user=dispatcher, year=2033, weights=WEIGHTS, signed_target=Decimal(3), seen=loaded)
    assert refused.value.current.signed_target == 2
    assert EvaluationScheme.objects.get(year=2033).signed_target == 2


@pytest.mark.django_db(transaction=True)
def test_two_offices_saving_the_scheme_at_once_one_is_told(shared_database, dispatcher, administrator):  # noqa: F811
    scheme_save(user=administrator, year=2033, weights=WEIGHTS, signed_target=Decimal(1))

    def editor(user, target):
        client = Client()

        def load():
            client.force_login(user)
            return version_in(client.get(URL).text)

        def save(version):
            return client.post(URL, FORM | {"signed_target": target, "version": version})

        return load, save

    answers = race(editor(dispatcher, "70000"), editor(administrator, "80000"))
    assert sorted(answer.status_code for answer in answers) == [200, 302]
    assert 'data-testid="edit-conflict"' in next(answer for answer in answers if answer.status_code == 200).text
    winner = [70000, 80000][[answer.status_code for answer in answers].index(302)]
    assert EvaluationScheme.objects.get(year=2033).signed_target == winner
