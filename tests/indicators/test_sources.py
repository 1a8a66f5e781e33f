"""A live source (another app's registry) gives the current reading of a stock; typed values stand in without it."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from diaodu.indicators.selectors import indicators_overview
from diaodu.indicators.sources import read_source, register_source, registered_sources, unregister_source
from tests.indicators.conftest import NOV_15
from tests.progress.conftest import at_noon

pytestmark = pytest.mark.django_db
D = Decimal


def enterprises(as_of=NOV_15) -> dict:
    return next(row for row in indicators_overview(as_of) if row["code"] == "resident_enterprises")


def test_without_a_source_the_typed_values_are_used(figures):
    with time_machine.travel(at_noon(NOV_15), tick=False):
        row = enterprises()
    assert (row["latest_value"], row["latest_period"], row["is_live"]) == (D(193), "2026年9月末", False)


def test_a_registered_source_gives_todays_reading_and_the_base_a_year_earlier(figures):
    asked = []

    def count(as_of):
        asked.append(as_of)
        return {NOV_15: 210, dt.date(2025, 11, 15): 180}.get(as_of)

    register_source("resident_enterprises", count)
    with time_machine.travel(at_noon(NOV_15), tick=False):
        row = enterprises()
    assert sorted(asked) == [dt.date(2025, 11, 15), NOV_15]
    assert (row["latest_value"], row["latest_period"], row["is_live"]) == (D(210), "截至 2026-11-15（实时）", True)
    assert row["growth"] == D("16.67")  # 210 / 180 − 1
    assert row["live_source"] == "resident_enterprises"


def test_a_source_that_does_not_know_the_day_falls_back_to_the_typed_values(figures):
    register_source("resident_enterprises", lambda as_of: None)
    with time_machine.travel(at_noon(NOV_15), tick=False):
        row = enterprises()
    assert (row["latest_value"], row["is_live"]) == (D(193), False)


def test_a_failing_source_is_logged_and_the_typed_values_are_used(figures, caplog):
    def broken(as_of):
        raise RuntimeError("the registry is down")

    register_source("resident_enterprises", broken)
    with time_machine.travel(at_noon(NOV_15), tick=False):
        row = enterprises()
    assert row["latest_value"] == D(193)
    assert "resident_enterprises" in caplog.text


def test_history_stays_as_typed_a_page_about_a_past_year_does_not_ask_the_source(figures):
    register_source("resident_enterprises", lambda as_of: 999)
    with time_machine.travel(at_noon(NOV_15), tick=False):
        row = enterprises(dt.date(2020, 12, 31))
    assert (row["latest_value"], row["is_live"]) == (D(116), False)


def test_the_list_page_marks_a_live_value(client, leader, figures):
    register_source("resident_enterprises", lambda as_of: D(205))
    with time_machine.travel(at_noon(NOV_15), tick=False):
        client.force_login(leader)
        page = client.get(reverse("indicator-list")).text
    row = page.split('data-code="resident_enterprises"')[1].split("</tr>")[0]
    assert "205 家" in row and 'data-testid="live"' in row


def test_the_registry_answers_decimals():
    register_source("resident_enterprises", lambda as_of: 3)
    assert read_source("resident_enterprises", NOV_15) == D(3)
    assert "resident_enterprises" in registered_sources()
    unregister_source("resident_enterprises")
    assert read_source("resident_enterprises", NOV_15) is None
    with pytest.raises(ValueError):
        register_source("", print)
