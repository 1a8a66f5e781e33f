"""What the API answers when a request goes wrong, and that its schema says so (found by fuzzing the API).

Every error is JSON in the API's error shape, documented for every operation; odd query values are a 400,
never a 500; a `limit` beyond the ceiling is the ceiling; deleting a record others refer to is a 409, not a
500; names of related records that may be missing are documented as nullable.
"""

import pytest
from drf_spectacular.generators import SchemaGenerator

from diaodu.core.models import CalendarDay
from diaodu.core.pagination import LimitOffsetPagination
from diaodu.org.models import Area

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_a_url_under_api_that_matches_nothing_is_a_json_404(client, dispatcher):
    client.force_login(dispatcher)
    response = client.get("/api/evaluation/scores/department/null,null/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["status"] == 404 and response.json()["error"]["code"] == "not_found"


def test_a_page_that_does_not_exist_is_still_an_html_404(client, dispatcher):
    client.force_login(dispatcher)
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("url", ["/api/calendar/days/?year=0.0", "/api/calendar/days/?year=0", "/api/meetings/?year=0",
                                 "/api/meetings/?year=99999", "/api/funding-applications/?year=1.5",
                                 "/api/parcels/?year=0"])  # fmt: skip
def test_a_year_out_of_range_is_an_invalid_filter_not_a_server_error(client, dispatcher, url):
    client.force_login(dispatcher)
    response = client.get(url)
    assert response.status_code == 400, response.content
    assert "year" in response.json()["error"]["fields"]


def test_a_year_in_range_filters(client, dispatcher):
    CalendarDay.objects.create(date="2031-01-01", kind="holiday", name="元旦")
    client.force_login(dispatcher)
    assert client.get("/api/calendar/days/?year=2031").json()["count"] == 1
    assert client.get("/api/calendar/days/?year=2030").json()["count"] == 0


def test_a_limit_beyond_the_ceiling_reads_as_the_ceiling(client, dispatcher, monkeypatch):
    monkeypatch.setattr(LimitOffsetPagination, "max_limit", 2)
    for name in ("一园", "二园", "三园"):
        Area.objects.create(name=name, kind="park")
    client.force_login(dispatcher)
    response = client.get("/api/areas/?limit=41745602149154865152&offset=0")
    assert response.status_code == 200
    assert response.json()["count"] == 3 and len(response.json()["results"]) == 2


def test_deleting_a_record_others_refer_to_is_a_409_that_names_them_and_deletes_nothing(client, dispatcher):
    from diaodu.projects.models import Project

    park = Area.objects.create(name="洁净工业园", kind="park")
    Project.objects.create(name="吉通机械总部", total_investment="50000", area=park)
    client.force_login(dispatcher)
    response = client.delete(f"/api/areas/{park.pk}/")
    assert response.status_code == 409, response.content
    assert response.json()["error"] == {"status": 409, "code": "in_use", "message": "仍有项目引用这条记录，不能删除。"}
    assert Area.objects.filter(pk=park.pk).exists()
    spare = Area.objects.create(name="待撤销片区", kind="other")
    assert client.delete(f"/api/areas/{spare.pk}/").status_code == 204


def test_every_operation_documents_the_common_errors_in_the_error_shape(schema):
    error = {"$ref": "#/components/schemas/Error"}
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            for code in ("400", "401", "403"):
                assert responses[code]["content"]["application/json"]["schema"] == error, (method, path, code)
            if "{" in path:
                assert "404" in responses, (method, path)
            if "requestBody" in operation:
                assert "415" in responses, (method, path)
            if method == "delete":
                assert "409" in responses, (method, path)


@pytest.mark.parametrize(
    ("component", "field"),
    [("Bulletin", "meeting_title"), ("Project", "responsible_leader_name"), ("Issue", "department_name"),
     ("Lead", "project_name"), ("Meeting", "chair_name"), ("Company", "area_name")],
)  # fmt: skip
def test_names_of_related_records_that_may_be_missing_are_nullable(schema, component, field):
    assert schema["components"]["schemas"][component]["properties"][field].get("nullable") is True


def test_blank_choices_are_documented_as_blank(schema):
    for component, field in (("Parcel", "supply_method"), ("Lead", "sla_step")):
        options = schema["components"]["schemas"][component]["properties"][field]
        assert "#/components/schemas/BlankEnum" in str(options), (component, options)
