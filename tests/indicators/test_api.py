"""The indicators API: the list's contract with its computed figures, an indicator's values and targets, writes."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from diaodu.indicators.models import IndicatorTarget, IndicatorValue
from tests.indicators.conftest import NOV_15
from tests.progress.conftest import at_noon

pytestmark = pytest.mark.django_db
LIST = "/api/indicators/"


def values_url(code: str) -> str:
    return f"/api/indicators/{code}/values/"


def post(client, url, data):
    with time_machine.travel(at_noon(NOV_15), tick=False):
        return client.post(url, data, content_type="application/json")


def test_the_list_gives_each_indicator_with_exactly_the_agreed_keys(client, leader, figures):
    client.force_login(leader)
    body = client.get(LIST, {"as_of": "2026-11-15"}).json()
    assert [row["code"] for row in body][:2] == ["gdp", "fixed_asset_investment"]
    assert body[1] == {
        "code": "fixed_asset_investment",
        "name": "固定资产投资",
        "unit": "万元",
        "kind": "flow",
        "latest_value": "1075000.0000",
        "latest_period": "2026年1–10月",
        "is_live": False,
        "growth": "7.50",
        "target_year": 2026,
        "target": "1400000.0000",
        "progress": "76.79",
        "end_year": 2030,
        "end_target": "2000000.0000",
        "required_growth": "10.76",
        "light": "yellow",
        "light_reason": "到2030年需年均增长 10.76%，高于实际增速 7.50%，但不超过其1.5倍（11.25%）。",
    }
    rate = body[-1]
    assert (rate["code"], rate["kind"], rate["latest_value"], rate["growth"]) == (
        "urbanization_rate", "ratio", "60.3825", "2.47"
    )  # fmt: skip


def test_the_list_as_of_2020_shows_the_speech(client, leader, speech):
    client.force_login(leader)
    body = {row["code"]: row for row in client.get(LIST, {"as_of": "2020-12-31"}).json()}
    assert body["gdp"]["latest_value"] == "956000.0000" and body["gdp"]["latest_period"] == "2020年"
    assert body["resident_population"]["required_growth"] == "14.87"
    assert body["gdp"]["growth"] is None and body["gdp"]["light"] is None


def test_a_bad_date_is_refused_in_the_error_shape(client, leader, speech):
    client.force_login(leader)
    answer = client.get(LIST, {"as_of": "2026-13-01"})
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "invalid"
    assert answer.json()["error"]["fields"] == {"as_of": ["日期格式应为 YYYY-MM-DD，如 2026-10-31。"]}


def test_an_indicators_values_are_listed_oldest_first_and_filtered_by_granularity(client, leader, figures):
    client.force_login(leader)
    body = client.get(values_url("fixed_asset_investment")).json()
    assert body["count"] == 23  # 2020 (the speech), 12 months of 2025, 10 of 2026
    first = body["results"][0]
    assert first == {
        "id": first["id"],
        "granularity": "year",
        "period_start": "2020-01-01",
        "period_label": "2020年",
        "value": "260000.0000",
        "source": "2021年开发区全体会议讲话：固定资产投资完成26亿元",
        "updated_at": first["updated_at"],
    }
    months = client.get(values_url("fixed_asset_investment"), {"granularity": "month"}).json()
    assert months["count"] == 22
    assert client.get(values_url("no_such_indicator")).status_code == 404


def test_the_dispatch_office_enters_a_value_and_the_figures_follow(client, dispatcher, figures):
    client.force_login(dispatcher)
    answer = post(
        client,
        values_url("fixed_asset_investment"),
        {"granularity": "month", "period_start": "2026-11-01", "value": "120000", "source": "区统计局11月快报"},
    )
    assert answer.status_code == 201, answer.json()
    assert answer.json()["period_label"] == "2026年11月"
    record = IndicatorValue.objects.get(indicator__code="fixed_asset_investment", period_start=dt.date(2026, 11, 1))
    entry = record.history.get()
    assert (entry.history_user, entry.history_change_reason) == (dispatcher, "录入2026年11月数值")
    with time_machine.travel(at_noon(dt.date(2026, 12, 2)), tick=False):
        row = client.get(LIST).json()[1]
    assert (row["latest_value"], row["latest_period"]) == ("1195000.0000", "2026年1–11月")


def test_a_period_that_has_a_value_is_corrected_only_by_naming_the_value_seen(client, dispatcher, figures):
    client.force_login(dispatcher)
    url = values_url("fixed_asset_investment")
    entry = {"granularity": "month", "period_start": "2026-10-01", "value": "108000"}
    again = post(client, url, entry)
    assert again.status_code == 400
    assert again.json()["error"]["fields"]["value"] == [
        "2026年10月已有数值 10.75 亿元。如需更正，请点击该数值旁的“更正”（接口：同时提交 replaces）。"
    ]
    stale = post(client, url, {**entry, "replaces": "100000"})
    assert stale.json()["error"]["fields"]["value"] == [
        "2026年10月的数值已被他人改为 10.75 亿元（您看到的是 10.00 亿元），请核对后再更正。"
    ]
    corrected = post(client, url, {**entry, "replaces": "107500"})
    assert corrected.status_code == 200  # a correction, not a new value
    record = IndicatorValue.objects.get(indicator__code="fixed_asset_investment", period_start=dt.date(2026, 10, 1))
    assert record.value == Decimal(108000)
    assert (
        record.history.order_by("-history_id").first().history_change_reason == "更正2026年10月数值（原为 10.75 亿元）"
    )


def test_a_value_is_refused_with_a_message_naming_the_field(client, dispatcher, figures):
    client.force_login(dispatcher)
    ratio = post(
        client, values_url("urbanization_rate"), {"granularity": "year", "period_start": "2025-01-01", "value": "60"}
    )
    assert ratio.status_code == 400
    assert ratio.json()["error"]["fields"]["value"] == [
        "“城镇化率”是比率指标，由分子、分母计算，不能直接录入；请录入其分子和分母的数值。"
    ]
    middle = post(client, values_url("gdp"), {"granularity": "quarter", "period_start": "2026-08-01", "value": "1"})
    assert middle.json()["error"]["fields"]["period_start"] == [
        "“周期起始日”：按季度录入时应为季度首日（1月、4月、7月或10月的1日），如 2026-07-01。"
    ]
    future = post(client, values_url("gdp"), {"granularity": "month", "period_start": "2026-12-01", "value": "1"})
    assert future.json()["error"]["fields"]["period_start"] == ["“周期”：2026年12月尚未开始，不能录入。"]
    negative = post(client, values_url("gdp"), {"granularity": "year", "period_start": "2024-01-01", "value": "-5"})
    assert negative.status_code == 400 and "value" in negative.json()["error"]["fields"]
    unknown = post(client, values_url("gdp"), {"granularity": "week", "period_start": "2024-01-01", "value": "5"})
    assert "granularity" in unknown.json()["error"]["fields"]


def test_targets_are_listed_and_set_by_the_dispatch_office(client, dispatcher, figures):
    client.force_login(dispatcher)
    url = "/api/indicators/resident_population/targets/"
    assert client.get(url).json()["results"][0] == {
        "id": IndicatorTarget.objects.get(indicator__code="resident_population", year=2025).pk,
        "year": 2025,
        "value": "25.0000",
        "is_plan_end": True,
        "note": "讲话：到2025年辖区人口规模实现翻番增长（2020年 12.5 万人 × 2）",
        "updated_at": client.get(url).json()["results"][0]["updated_at"],
    }
    created = post(client, url, {"year": 2030, "value": "30", "is_plan_end": True, "note": "十五五规划"})
    assert created.status_code == 201 and created.json()["is_plan_end"] is True
    again = post(client, url, {"year": 2030, "value": "32"})
    assert again.status_code == 400
    assert again.json()["error"]["fields"]["value"][0].startswith("2030年目标已有数值 30.00 万人。")
    changed = post(client, url, {"year": 2030, "value": "32", "is_plan_end": True, "replaces": "30"})
    assert changed.status_code == 200 and changed.json()["value"] == "32.0000"
