"""The REST API: a valid OpenAPI 3 schema, one error shape, local docs, filters."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.http import HttpRequest

from diaodu.core.tasks import send_mail_task
from diaodu.org.models import Area, Organisation

pytestmark = pytest.mark.django_db


def test_schema_is_a_valid_openapi_3_document(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/departments/" in schema["paths"]
    assert "/api/calendar/workday/" in schema["paths"]
    # drf-spectacular's own validator against the OpenAPI 3 JSON schema; warnings are errors.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


def test_api_docs_are_served_without_any_cdn(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert "swagger-ui" in response.text
    assert "cdn" not in response.text.lower()
    assert "http://" not in response.text and "https://" not in response.text


def test_validation_errors_have_one_shape_naming_the_field(client, dispatcher):
    client.force_login(dispatcher)
    response = client.post(
        "/api/organisations/",
        {"name": "吉通机械有限公司", "kind": "enterprise", "credit_code": "91110108551385082A"},
        content_type="application/json",
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400
    assert error["code"] == "invalid"
    assert "校验位" in error["fields"]["credit_code"][0]
    assert not Organisation.objects.exists()


def test_not_found_has_the_same_shape(client, leader):
    client.force_login(leader)
    response = client.get("/api/departments/999999/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_areas_filter_by_kind(client, leader):
    town = Area.objects.create(name="康养新城", kind="city")
    Area.objects.create(name="洁净工业园", kind="park", parent=town)
    client.force_login(leader)
    names = [row["name"] for row in client.get("/api/areas/?kind=park").json()["results"]]
    assert names == ["洁净工业园"]


def test_list_api_runs_a_constant_number_of_queries(client, leader, django_assert_max_num_queries):
    client.force_login(leader)
    for i in range(3):
        Area.objects.create(name=f"片区{i}", kind="park")
    with django_assert_max_num_queries(8) as few:
        client.get("/api/areas/")
    for i in range(3, 30):
        Area.objects.create(name=f"片区{i}", kind="park")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/api/areas/")


def test_a_background_task_sends_mail():
    result = send_mail_task.enqueue(subject="调度会通知", message="明天9点", recipients=["leader@example.cn"])
    assert result.return_value == 1
    assert mail.outbox[0].subject == "调度会通知"


def test_seed_demo_loads_the_speech_zone_and_is_idempotent(client):
    call_command("seed_demo")
    call_command("seed_demo")
    from django.contrib.auth import get_user_model

    from diaodu.org.models import Department, Zone

    assert Zone.objects.count() == 1
    assert Area.objects.filter(kind="belt").count() == 3
    assert {"文化旅游产业园", "休闲康养产业园", "现代农业产业园", "洁净工业园"} <= set(
        Area.objects.filter(kind="park").values_list("name", flat=True)
    )
    assert Department.objects.filter(name="征收办公室").exists()
    assert Organisation.objects.filter(kind="platform").count() == 2
    users = get_user_model().objects.filter(
        username__in=["leader", "baobao", "dept", "officer", "dispatch", "observer", "admin"]
    )
    assert users.count() == 7
    assert client.login(request=HttpRequest(), username="observer", password="Diaodu@2026")
