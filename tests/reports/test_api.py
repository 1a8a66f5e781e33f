"""The bulletins API: read by those who see the whole zone, asked for by the dispatch office, in the schema."""

import pytest

from diaodu.reports.models import Bulletin
from diaodu.reports.services import bulletin_generate

pytestmark = pytest.mark.django_db


def test_the_dispatch_office_asks_for_a_bulletin_and_reads_its_files(
    client, zone_june, dispatcher, django_capture_on_commit_callbacks
):
    client.force_login(dispatcher)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post("/api/bulletins/", {"meeting": zone_june["second"].pk}, content_type="application/json")
    assert answer.status_code == 202, answer.json()
    assert (answer.json()["status"], answer.json()["as_of"]) == ("queued", "2026-06-29")
    body = client.get(f"/api/bulletins/{answer.json()['id']}/").json()
    assert (body["status"], body["progress"], body["meeting_title"]) == ("done", 100, "第6次项目调度会")
    assert body["files"] == {fmt: f"/reports/bulletins/{body['id']}/{fmt}/" for fmt in ("docx", "pdf", "xlsx")}


def test_readers_and_refusals(client, zone_june, leader, officer, outsider):
    bulletin = Bulletin.objects.create(as_of=zone_june["second"].date)
    bulletin_generate(bulletin.pk)
    client.force_login(leader)
    assert client.get("/api/bulletins/").json()["count"] == 1
    assert client.post("/api/bulletins/", {}, content_type="application/json").status_code == 403
    client.force_login(officer)
    assert client.get("/api/bulletins/").json()["count"] == 0
    assert client.get(f"/api/bulletins/{bulletin.pk}/").status_code == 404
    client.force_login(outsider)
    assert client.get("/api/bulletins/").status_code == 403
    client.logout()
    assert client.get("/api/bulletins/").status_code == 401


def test_a_date_to_come_is_refused_with_its_field(client, zone_june, dispatcher):
    client.force_login(dispatcher)
    answer = client.post("/api/bulletins/", {"as_of": "2999-01-01"}, content_type="application/json")
    assert answer.status_code == 400 and "as_of" in answer.json()["error"]["fields"]


def test_the_schema_documents_the_bulletins(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert {"/api/bulletins/", "/api/bulletins/{id}/"} <= set(schema["paths"])
    assert "202" in schema["paths"]["/api/bulletins/"]["post"]["responses"]
