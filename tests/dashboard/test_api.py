"""The dashboard's API: the cockpit's figures as the page's selector makes them, the map as GeoJSON, the schema."""

import pytest
import time_machine

from diaodu.dashboard.demo import seed_boundaries
from tests.dashboard.conftest import JUNE_15, demo_areas
from tests.progress.conftest import at_noon

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def on_june_15():
    with time_machine.travel(at_noon(JUNE_15), tick=False):
        yield


def test_the_cockpit_api_gives_the_pages_figures_with_money_and_land_as_strings(client, leader, small_zone):
    client.force_login(leader)
    body = client.get("/api/dashboard/cockpit/").json()
    assert set(body) == {
        "as_of", "year", "time_share", "project_count", "investment", "starts", "lights", "land", "signed", "bonds",
        "indicators", "issues", "red_projects", "deadlines", "charts",
    }  # fmt: skip
    assert (body["as_of"], body["time_share"]) == ("2026-06-15", "45.5")
    assert body["investment"] == {
        "year": 2026, "plan": "20000.00", "done": "5800.00", "scheduled": "9117.12", "done_share": "29.0",
        "scheduled_share": "45.6", "light": "yellow",
    }  # fmt: skip
    assert body["lights"] == {"red": 2, "yellow": 1, "green": 1, "unlit": 1, "total": 5}
    assert body["land"]["quota_ha"] == "250.00" and body["land"]["done_ha"] == "20.00"
    assert body["signed"]["signed_amount"] == "27000.00" and body["bonds"]["approved"] == "6000.00"
    assert body["red_projects"][0]["name"] == "北部快速路连接线"
    assert body["red_projects"][0]["total_investment"] == "80000.00"
    assert body["issues"]["rows"][0] == {
        "id": body["issues"]["rows"][0]["id"], "title": "调度会议定：园区供热",
        "url": f"/issues/{body['issues']['rows'][0]['id']}/", "project": "", "department": "自然资源局",
        "due_date": "2026-05-20", "workdays_overdue": 18, "escalation_level": 0, "escalation_label": "",
    }  # fmt: skip
    assert body["deadlines"]["count"] == 7 and body["deadlines"]["rows"][0]["kind"] == "deadline"
    assert set(body["charts"]) == {"s_curve", "lights", "by_area", "funnel", "burndown"}
    assert body["charts"]["by_area"]["plan"] == ["1.20", "0.60", "0.20"]


def test_the_map_api_gives_three_feature_collections_with_lon_lat_points(client, leader, small_zone):
    demo_areas()  # to draw the demo's boundaries
    seed_boundaries()
    client.force_login(leader)
    body = client.get("/api/map/").json()
    for layer in ("areas", "projects", "parcels"):
        assert body[layer]["type"] == "FeatureCollection"
    areas = {feature["properties"]["name"]: feature for feature in body["areas"]["features"]}
    assert len(areas) == 8 and areas["康养新城"]["geometry"]["type"] == "Polygon"
    assert areas["洁净工业园"]["properties"]["projects"] == 1  # P1, in the fixture's 洁净工业园
    parcel = body["parcels"]["features"][0]
    assert parcel["geometry"] == {"type": "Point", "coordinates": [125.391, 43.991]}
    assert parcel["properties"]["status"] == "supplied" and parcel["properties"]["area_ha"] == "10.0000"
    # No project of the fixture has coordinates: they are listed beside the map instead.
    assert body["projects"]["features"] == []
    counts = body["project_counts"]
    assert (counts["total"], counts["placed"], counts["unplaced_count"]) == (4, 0, 4)  # the cancelled one left out
    road = small_zone["P5"]
    assert counts["unplaced"][0] == {"id": road.pk, "name": "北部快速路连接线", "url": f"/projects/{road.pk}/"}
    assert body["parcel_counts"]["unplaced"][0]["name"] == "B B地块"
    assert body["bounds"] == [125.28, 43.964, 125.466, 44.126]


def test_a_placed_project_is_a_point_coloured_by_its_light(client, leader, small_zone):
    small_zone["P2"].latitude, small_zone["P2"].longitude = 44.045, 125.4
    small_zone["P2"].save()
    client.force_login(leader)
    [feature] = client.get("/api/map/").json()["projects"]["features"]
    assert feature["geometry"]["coordinates"] == [125.4, 44.045]
    keys = ("name", "light", "light_label", "stage", "total_investment")
    assert {key: feature["properties"][key] for key in keys} == {
        "name": "铸诚门业智能制造", "light": "red", "light_label": "红灯", "stage": "preparation",
        "total_investment": "30000.00",
    }  # fmt: skip


def test_both_endpoints_are_documented_in_the_openapi_schema(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert "/api/dashboard/cockpit/" in schema["paths"] and "/api/map/" in schema["paths"]
    cockpit = schema["paths"]["/api/dashboard/cockpit/"]["get"]
    assert cockpit["summary"] == "The leader's cockpit (驾驶舱)"
    assert "Cockpit" in schema["components"]["schemas"] and "Map" in schema["components"]["schemas"]
