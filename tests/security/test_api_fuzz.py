"""Fuzzing the API against its own schema: schemathesis generates requests for every operation of `/api/schema/`
and sends them to the WSGI application, as the dispatch office (who may write almost everything) and as an
officer (who is refused much). Every answer must be no server error, a status code the schema documents, the
content type it documents, and a body that matches the schema.

Bounded and seeded: a few examples per operation, derandomized, so that `make test` runs the same requests
every time and within minutes. The world is the access matrix's (world.py), built once for the module.
"""

from __future__ import annotations

import json
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from .world import DISPATCH, OFFICER_X

pytestmark = pytest.mark.django_db

DEEP = os.environ.get("DIAODU_FUZZ_DEEP", "") not in ("", "0")
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
FUZZ = settings(
    max_examples=20,
    # Generated requests only: the explicit phase adds schemathesis' coverage cases (dozens per operation, every
    # boundary and invalid value), which do not fit the time `make test` has; DIAODU_FUZZ_DEEP=1 runs them too.
    phases=[Phase.explicit, Phase.generate, Phase.target, Phase.shrink] if DEEP else [Phase.generate, Phase.target,
                                                                                     Phase.shrink],
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture,
                           HealthCheck.data_too_large],
)  # fmt: skip


def load_schema():
    """The schema `/api/schema/` serves, generated in-process (at collection, before any database is open)."""
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    from diaodu.wsgi import application

    document = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
    loaded = schemathesis.openapi.from_dict(document)
    loaded.app = application  # requests go through the WSGI application, as from_wsgi's would
    return loaded


@pytest.fixture(scope="module")
def tokens(world, django_db_blocker):
    with django_db_blocker.unblock():
        return {persona: Token.objects.create(user=world.users[persona]).key for persona in (DISPATCH, OFFICER_X)}


@pytest.fixture(autouse=True)
def connections_stay_open():
    """As Django's test client does: a request must not close the connection that holds the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


schema = load_schema()

# The models behind the path segment before an `{id}`: half the requests name a record that exists (X's, the
# first of each), so that the code behind a found record is fuzzed too, not only the 404 of a random id.
RECORDS = {
    "zone": "org.Zone", "areas": "org.Area", "departments": "org.Department", "organisations": "org.Organisation",
    "people": "org.Person", "days": "core.CalendarDay", "projects": "projects.Project", "steps": "projects.Step",
    "reports": "progress.ProgressReport", "issues": "coordination.Issue",
    "issue-categories": "coordination.IssueCategory", "notifications": "notify.Notification",
    "parcels": "land.Parcel", "funding-applications": "funding.FundingApplication",
    "companies": "investment.Company", "leads": "investment.Lead", "meetings": "meetings.Meeting",
    "decisions": "meetings.Decision", "bulletins": "reports.Bulletin",
}  # fmt: skip


def _existing(path: str, parameters: dict) -> dict:
    from django.apps import apps

    segments = path.strip("/").split("/")
    real = dict(parameters)
    for index, segment in enumerate(segments):
        name = segment.strip("{}")
        if not segment.startswith("{") or name not in parameters:
            continue
        owner = segments[index - 1]
        if name == "code":
            real[name] = "gdp"
        elif name == "kind":
            real[name] = "officer"
        elif name == "subject_id":
            real[name] = apps.get_model("org.Person").objects.filter(user__username="officer_x").get().pk
        elif name == "project_pk" or owner in RECORDS:
            model = apps.get_model(RECORDS["projects" if name == "project_pk" else owner])
            real[name] = model.objects.order_by("pk").values_list("pk", flat=True).first() or 0
    return real


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    if not path_parameters:
        return st.just(path_parameters)
    return st.sampled_from([path_parameters, _existing(context.operation.path, path_parameters)])


def test_the_fuzzed_schema_is_the_one_api_schema_serves(client):
    served = client.get("/api/schema/", {"format": "json"})
    assert served.status_code == 200
    assert json.loads(served.content) == schema.raw_schema


@schema.parametrize()
@FUZZ
def test_the_api_answers_the_dispatch_office_as_its_schema_says(case, tokens):
    case.call_and_validate(headers={"Authorization": f"Token {tokens[DISPATCH]}"}, checks=CHECKS)


@schema.parametrize()
@FUZZ
def test_the_api_answers_an_officer_as_its_schema_says(case, tokens):
    case.call_and_validate(headers={"Authorization": f"Token {tokens[OFFICER_X]}"}, checks=CHECKS)
