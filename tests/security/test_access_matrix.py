"""Every URL × every persona × read and write: who is let through, who is refused, and that a refusal changes nothing.

The routes come from the URL resolver, so a view added without a rule in the matrix fails
`test_every_route_has_a_rule` with its name. The rules are in matrix.py (pages) and matrix_api.py (API);
the world they run in is world.py. Each (route, variant, method, persona) is a test of its own, in a
savepoint rolled back afterwards, so a write let through never leaks into the next case.
"""

from __future__ import annotations

import json
from http.cookies import SimpleCookie

import pytest
from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test import Client
from django.urls import reverse

from .matrix import EXCLUDED, EXCLUDED_PREFIXES, PAGES
from .matrix_api import API
from .routes import all_routes, url_for
from .rules import Case
from .world import ANONYMOUS, PERSONAS, World

pytestmark = pytest.mark.django_db

MATRIX: dict[str, list[Case]] = {**PAGES, **API}
LOGIN_PATH = "/accounts/login/"
# Tables a refused request may touch without changing anything of the zone's: the session (messages, the
# language), and the login throttling's own log.
UNTRACKED_TABLES = ("django_session", "axes_")


def _covered(route) -> bool:
    return route.key not in EXCLUDED and not any(route.route.startswith(prefix) for prefix in EXCLUDED_PREFIXES)


def test_every_route_has_a_rule():
    routes = [route for route in all_routes() if _covered(route)]
    keys = [route.key for route in routes]
    assert len(keys) == len(set(keys)), f"two routes share a matrix key: {sorted(k for k in keys if keys.count(k) > 1)}"
    missing = sorted(set(keys) - set(MATRIX))
    assert not missing, (
        "URL names without a rule in tests/security/matrix.py or matrix_api.py — decide who may use them: "
        + ", ".join(missing)
    )


def test_the_matrix_names_only_routes_that_exist():
    keys = {route.key for route in all_routes()}
    assert not sorted(set(MATRIX) - keys), f"rules for routes that no longer exist: {sorted(set(MATRIX) - keys)}"
    assert not sorted(set(EXCLUDED) - keys)


def test_each_api_route_is_checked_for_every_method_it_accepts():
    gaps = {}
    for route in all_routes():
        if route.methods is None or not _covered(route):
            continue
        declared = {case.method for case in MATRIX[route.key]}
        if declared != route.methods:
            gaps[route.key] = (sorted(route.methods), sorted(declared))
    assert not gaps, f"route: (accepts, checked) — {gaps}"


def _cases():
    for key, cases in MATRIX.items():
        for case in cases:
            for persona in PERSONAS:
                label = f"{key}[{case.variant}]" if case.variant else key
                yield pytest.param(key, case, persona, id=f"{label}-{case.method}-{persona}")


def _expected(case: Case, persona: str, is_api: bool):
    rule = case.rule
    if persona == ANONYMOUS:
        return "ok" if rule.public else (401 if is_api else "login")
    if persona in rule.codes:
        return rule.codes[persona]
    if persona in rule.ok:
        return "ok"
    if persona in rule.hidden:
        return 404
    return "denied"


def _outcome(response, case: Case):
    code = response.status_code
    if code in (301, 302, 303, 307) and response["Location"].split("?")[0] == LOGIN_PATH:
        return "login"
    if 200 <= code < 400 or code in case.ok_codes:
        return "ok"
    return code


def _matches(outcome, expected) -> bool:
    if expected == "denied":
        return outcome in (403, 404)
    return outcome == expected


def _fingerprint_sql() -> str:
    parts = []
    quote = connection.ops.quote_name
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if not model._meta.managed or model._meta.proxy or table.startswith(UNTRACKED_TABLES):
            continue
        parts.append(f"(SELECT COUNT(*) FROM {quote(table)})")
        if any(field.column == "updated_at" for field in model._meta.concrete_fields):
            parts.append(f"(SELECT MAX({quote('updated_at')}) FROM {quote(table)})")
    return "SELECT " + ", ".join(dict.fromkeys(parts))


def fingerprint() -> tuple:
    """Row counts of every table (history tables too, so every tracked change shows) and the latest change."""
    with connection.cursor() as cursor:
        cursor.execute(_fingerprint_sql())
        return tuple(cursor.fetchone())


def send(client: Client, case: Case, path: str, world: World):
    query = case.query(world)
    if case.method == "GET":
        return client.get(path, query)
    data = case.data(world) if case.data else {}
    if query:
        path = f"{path}?{'&'.join(f'{k}={v}' for k, v in query.items())}"
    if case.body == "json":
        return client.generic(
            case.method, path, json.dumps(data, cls=DjangoJSONEncoder), content_type="application/json"
        )
    return client.post(path, data)


@pytest.fixture(scope="module")
def browser():
    """One test client for the module: a client loads the middleware (and WhiteNoise its file list) once."""
    return Client()


def as_persona(client: Client, world: World, persona: str) -> Client:
    client.cookies = SimpleCookie()
    if persona != ANONYMOUS:
        client.cookies["sessionid"] = world.sessions[persona]
    return client


@pytest.mark.parametrize(("key", "case", "persona"), list(_cases()))
def test_access(world, browser, key, case, persona):
    client = as_persona(browser, world, persona)
    path = url_for(key, case.kwargs(world))
    is_api = path.startswith("/api/")
    expected = _expected(case, persona, is_api)
    refused_write = case.method != "GET" and expected != "ok"
    let_through_write = case.must_change and expected == "ok"
    before = fingerprint() if refused_write or let_through_write else None
    response = send(client, case, path, world)
    outcome = response.status_code if isinstance(expected, int) else _outcome(response, case)
    body = response.content[:300].decode("utf-8", "replace") if not getattr(response, "streaming", False) else ""
    assert _matches(outcome, expected), (
        f"{persona} {case.method} {path}: expected {expected}, got {response.status_code} {body!r}"
    )
    if refused_write:
        assert fingerprint() == before, f"{persona} {case.method} {path} was refused but changed the database"
    if let_through_write:
        assert fingerprint() != before, f"{persona} {case.method} {path} was let through but wrote nothing: {body!r}"


def test_the_fingerprint_sees_a_change_and_only_a_change(world):
    """The check that refused writes change nothing is only as good as the fingerprint: an edit must show."""
    before = fingerprint()
    assert fingerprint() == before
    step = world.x.steps[0]
    step.approval_number = "指纹测试"
    step.save()
    assert fingerprint() != before


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p not in (ANONYMOUS,)])
def test_django_admin_lets_in_staff_only(world, browser, persona):
    """The admin site has its own rules: staff (the administrators) get in; everyone else goes to its login."""
    client = as_persona(browser, world, persona)
    response = client.get(reverse("admin:index"))
    if world.users[persona].is_staff:
        assert response.status_code == 200
    else:
        assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


def test_django_admin_sends_anonymous_visitors_to_a_login_page(world, browser):
    client = as_persona(browser, world, ANONYMOUS)
    for path in (reverse("admin:index"), reverse("admin:projects_project_changelist")):
        response = client.get(path)
        # The admin's own pages send to its login; the site's login-required middleware stops the others first.
        assert response.status_code == 302
        assert response["Location"].startswith((reverse("admin:login"), LOGIN_PATH)), response["Location"]
