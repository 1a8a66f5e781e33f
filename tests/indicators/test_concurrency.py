"""No lost writes on the indicators: a correction and a target carry the version they were loaded with.

`replaces` already refuses a write over a value someone changed; the version also catches a save that kept the
value and changed its source or note.
"""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from diaodu.core.concurrency import NEW, version_of
from diaodu.indicators.catalogue import seed_indicators
from diaodu.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from diaodu.indicators.services import indicator_target_set, indicator_value_enter
from tests.core.racing import conflict_row, race, shared_database, version_in  # noqa: F401  (a fixture)
from tests.indicators.conftest import NOV_15, aim
from tests.progress.conftest import at_noon

pytestmark = pytest.mark.django_db


def page(client, user, url, data=None, **params):
    with time_machine.travel(at_noon(NOV_15), tick=False):
        client.force_login(user)
        return client.post(url, data) if data is not None else client.get(url, params)


def test_a_correction_over_a_changed_source_shows_both(client, dispatcher, administrator, figures):
    record = IndicatorValue.objects.get(indicator__code="fixed_asset_investment", period_start=dt.date(2026, 10, 1))
    detail = reverse("indicator-detail", args=["fixed_asset_investment"])
    loaded = version_in(page(client, dispatcher, detail, correct=record.pk).text)
    assert loaded == version_of(record)
    with time_machine.travel(at_noon(NOV_15), tick=False):
        indicator_value_enter(user=administrator, indicator=record.indicator, granularity="month",
                              period_start=record.period_start, value=record.value, source="区统计局快报",
                              replaces=record.value)  # fmt: skip
    data = {"granularity": "month", "year": "2026", "month": "10", "value": "108000", "source": "区统计局月报",
            "replaces": "107500", "version": loaded}  # fmt: skip
    answer = page(client, dispatcher, reverse("indicator-value-enter", args=["fixed_asset_investment"]), data)
    assert answer.status_code == 200
    assert conflict_row("来源", "区统计局月报", "区统计局快报") in answer.text
    assert "保存人：郑洁" in answer.text
    record.refresh_from_db()
    assert (record.value, record.source) == (Decimal(107500), "区统计局快报")


def test_a_target_whose_note_changed_meanwhile_is_not_overwritten(client, dispatcher, administrator, figures):
    target = aim("resident_population", 2030, 30)
    url = reverse("indicator-target", args=["resident_population", 2030])
    loaded = version_in(page(client, dispatcher, url).text)
    indicator_target_set(user=administrator, indicator=target.indicator, year=2030, value=Decimal(30),
                         note="十五五规划纲要", replaces=Decimal(30))  # fmt: skip
    data = {"value": "30", "note": "全会讲话", "replaces": "30", "version": loaded}
    answer = page(client, dispatcher, url, data)
    assert answer.status_code == 200 and 'data-testid="edit-conflict"' in answer.text
    assert IndicatorTarget.objects.get(pk=target.pk).note == "十五五规划纲要"
    assert version_in(answer.text) == version_of(IndicatorTarget.objects.get(pk=target.pk))
    assert page(client, dispatcher, url, {**data, "version": version_in(answer.text)}).status_code == 302


def test_a_target_set_while_the_form_was_open_is_a_conflict(client, dispatcher, administrator, figures):
    url = reverse("indicator-target", args=["urban_population", 2030])
    assert version_in(page(client, dispatcher, url).text) == NEW
    aim("urban_population", 2030, 20)
    answer = page(client, dispatcher, url, {"value": "21", "version": NEW, "replaces": "20"})
    assert answer.status_code == 200 and 'data-testid="edit-conflict"' in answer.text
    assert IndicatorTarget.objects.get(indicator__code="urban_population", year=2030).value == 20


@pytest.mark.django_db(transaction=True)
def test_two_offices_setting_a_target_at_once_one_is_told(shared_database, dispatcher, administrator):  # noqa: F811
    seed_indicators(Indicator, IndicatorValue, IndicatorTarget)  # an earlier transactional test may have flushed them
    target = aim("resident_population", 2030, 30)
    url = reverse("indicator-target", args=["resident_population", 2030])

    def editor(user, note):
        client = Client()

        def load():
            client.force_login(user)
            return version_in(client.get(url).text)

        def save(version):
            return client.post(url, {"value": "30", "note": note, "replaces": "30", "version": version}).status_code

        return load, save

    statuses = race(editor(dispatcher, "全会讲话"), editor(administrator, "规划纲要"))
    assert sorted(statuses) == [200, 302]
    assert IndicatorTarget.objects.get(pk=target.pk).note == ["全会讲话", "规划纲要"][statuses.index(302)]
