"""Every list, detail and dashboard page and API runs the same number of queries on a small and a large zone.

The zone leader (who sees everything) requests each URL twice: on the demo zone, then on it grown by generated
projects, reports, issues, parcels, leads and indicator values (see world.py). The counts must be equal, and they
are pinned in PAGES so that a change in either direction shows up here. Paginated lists are capped by their page
size. Routes that are not read pages (POST-only actions, binary downloads, the admin, the API schema) are listed in
EXCLUDED with the reason; a new route must join one of the two tables.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from diaodu.core import workdays
from diaodu.projects.models import Project
from diaodu.scale.services import scale_data_generate

from .world import fill, ids, routes

# route → (the kind of record whose ids fill it, or None; queries on SQLite)
PAGES: dict[str, tuple[str | None, int]] = {
    "api/me/": (None, 5),
    "api/^zone/$": (None, 6),
    "api/^zone/(?P<pk>[^/.]+)/$": ("zone", 5),
    "api/^areas/$": (None, 6),
    "api/^areas/(?P<pk>[^/.]+)/$": ("area", 5),
    "api/^departments/$": (None, 6),
    "api/^departments/(?P<pk>[^/.]+)/$": ("department", 5),
    "api/^organisations/$": (None, 6),
    "api/^organisations/(?P<pk>[^/.]+)/$": ("organisation", 5),
    "api/^people/$": (None, 6),
    "api/^people/(?P<pk>[^/.]+)/$": ("person", 5),
    "api/^calendar/days/$": (None, 6),
    "api/^calendar/days/(?P<pk>[^/.]+)/$": ("calendar_day", 5),
    "api/^projects/$": (None, 8),
    "api/^projects/(?P<pk>[^/.]+)/$": ("project", 7),
    "api/^projects/(?P<pk>[^/.]+)/schedule/$": ("project", 26),
    "api/projects/<int:project_pk>/steps/": ("project_pk_step", 8),
    "api/projects/<int:project_pk>/steps/<int:pk>/": ("project_pk_step", 7),
    "api/projects/<int:pk>/light/": ("project", 13),
    "api/^reports/$": (None, 7),
    "api/^reports/(?P<pk>[^/.]+)/$": ("report", 6),
    "api/^issues/$": (None, 9),
    "api/^issues/(?P<pk>[^/.]+)/$": ("issue", 8),
    "api/^issue-categories/$": (None, 6),
    "api/^issue-categories/(?P<pk>[^/.]+)/$": ("issue_category", 5),
    "api/^notifications/$": (None, 4),
    "api/^notifications/(?P<pk>[^/.]+)/$": ("notification", 3),
    "api/land/summary/": (None, 6),
    "api/^parcels/$": (None, 7),
    "api/^parcels/(?P<pk>[^/.]+)/$": ("parcel", 6),
    "api/^funding-applications/$": (None, 8),
    "api/^funding-applications/(?P<pk>[^/.]+)/$": ("application", 7),
    "api/projects/<int:pk>/maturity/": ("project", 9),
    "api/^companies/$": (None, 6),
    "api/^companies/(?P<pk>[^/.]+)/$": ("company", 5),
    "api/^leads/$": (None, 9),
    "api/^leads/(?P<pk>[^/.]+)/$": ("lead", 6),
    "api/indicators/": (None, 9),
    "api/indicators/<slug:code>/values/": ("indicator", 7),
    "api/indicators/<slug:code>/targets/": ("indicator", 7),
    "api/^meetings/$": (None, 10),
    "api/^meetings/(?P<pk>[^/.]+)/$": ("meeting", 9),
    "api/^decisions/$": (None, 6),
    "api/^decisions/(?P<pk>[^/.]+)/$": ("decision", 5),
    "api/evaluation/ranking/": (None, 20),
    "api/evaluation/scores/<slug:kind>/<int:subject_id>/": ("evaluation", 20),
    "api/^bulletins/$": (None, 6),
    "api/^bulletins/(?P<pk>[^/.]+)/$": ("bulletin", 5),
    "api/dashboard/cockpit/": (None, 28),
    "api/map/": (None, 13),
    "calendar/": (None, 9),
    "calendar/<int:year>/": ("year", 9),
    "": (None, 13),
    "org/areas/": (None, 10),
    "org/departments/": (None, 12),
    "org/organisations/": (None, 11),
    "org/people/": (None, 13),
    "org/people/<int:pk>/": ("person", 12),
    "projects/": (None, 14),
    "projects/mine/": (None, 14),
    "projects/<int:pk>/": ("project", 34),
    "projects/<int:pk>/steps/": ("project", 10),
    "progress/": (None, 9),
    "progress/lights/": (None, 14),
    "issues/": (None, 15),
    "issues/new/": (None, 12),
    "issues/<int:pk>/": ("issue", 15),
    "inbox/": (None, 11),
    "land/": (None, 20),
    "land/parcels/<int:pk>/": ("parcel", 12),
    "funding/": (None, 17),
    "funding/applications/": (None, 12),
    "funding/applications/<int:pk>/": ("application", 16),
    "funding/projects/<int:pk>/": ("project", 19),
    "investment/": (None, 16),
    "investment/leads/<int:pk>/": ("lead", 13),
    "investment/companies/": (None, 12),
    "investment/companies/<int:pk>/": ("company", 15),
    "investment/headquarters/": (None, 10),
    "indicators/": (None, 14),
    "indicators/<slug:code>/": ("indicator", 17),
    "meetings/": (None, 11),
    "meetings/<int:pk>/": ("meeting", 17),
    "evaluation/": (None, 25),
    "evaluation/scheme/": (None, 11),
    "evaluation/scheme/<int:year>/": ("year", 11),
    "evaluation/<slug:kind>/<int:subject_id>/": ("evaluation", 26),
    "reports/bulletins/": (None, 12),
    "reports/bulletins/<int:pk>/row/": ("bulletin", 6),
    "cockpit/": (None, 33),
    "map/": (None, 18),
}

POST_ONLY = "POST only"
FORBIDDEN_FORM = "a form or settings page the zone leader may not open (403): no rows listed"

# route → why it is not measured
EXCLUDED: dict[str, str] = {
    "accounts/login/": "the login form: no rows",
    "accounts/logout/": POST_ONLY,
    "i18n/setlang/": "POST only (language switch)",
    "healthz": "the health check: one fixed query, no rows",
    "api/schema/": "the OpenAPI schema: no rows",
    "api/docs/": "the API documentation page: no rows",
    "progress/photos/<int:pk>/": "streams a photo file",
    "issues/<int:pk>/attachments/<int:attachment_pk>/": "streams an attachment file",
    "inbox/<int:pk>/read/": POST_ONLY,
    "ledger/import/<str:token>/": "a preview of an uploaded file, keyed by a one-off token",
    "ledger/import/<str:token>/confirm/": POST_ONLY,
    "funding/projects/<int:pk>/documents/<int:document_pk>/delete/": POST_ONLY,
    "meetings/<int:pk>/agenda/<int:item_pk>/remove/": POST_ONLY,
    "reports/bulletins/<int:pk>/<str:fmt>/": "streams the bulletin file (docx/pdf)",
    "ledger/template/": "streams the import template (xlsx): no rows",
    "evaluation/export/": "streams the ranking workbook (xlsx)",
    "map/boundaries.geojson": "streams the boundary file",
    "issues/<int:pk>/<slug:action>/": "POST only (assign, respond, resolve …)",
    "api/^projects/(?P<pk>[^/.]+)/stage/$": POST_ONLY,
    "api/^leads/(?P<pk>[^/.]+)/log/$": POST_ONLY,
    "api/^leads/(?P<pk>[^/.]+)/convert/$": POST_ONLY,
    "api/^leads/(?P<pk>[^/.]+)/advance/$": POST_ONLY,
    "api/^funding-applications/(?P<pk>[^/.]+)/advance/$": POST_ONLY,
    "api/^parcels/(?P<pk>[^/.]+)/advance/$": POST_ONLY,
    "api/^notifications/(?P<pk>[^/.]+)/read/$": POST_ONLY,
    "api/^issues/(?P<pk>[^/.]+)/respond/$": POST_ONLY,
    "api/^issues/(?P<pk>[^/.]+)/resolve/$": POST_ONLY,
    "api/^issues/(?P<pk>[^/.]+)/reopen/$": POST_ONLY,
    "api/^issues/(?P<pk>[^/.]+)/close/$": POST_ONLY,
    "api/^issues/(?P<pk>[^/.]+)/assign/$": POST_ONLY,
    "api/^reports/(?P<pk>[^/.]+)/submit/$": POST_ONLY,
    "api/^reports/(?P<pk>[^/.]+)/return/$": POST_ONLY,
    "api/^reports/(?P<pk>[^/.]+)/photos/$": POST_ONLY,
    "api/^reports/(?P<pk>[^/.]+)/accept/$": POST_ONLY,
    "api/calendar/workday/": "answers about one day (400 without ?date=): no rows",
    "api/^notifications/read-all/$": POST_ONLY,
    "api/ledger/import/": FORBIDDEN_FORM,
    "calendar/days/": POST_ONLY,
    "calendar/days/bulk/": POST_ONLY,
    "calendar/days/<int:pk>/delete/": POST_ONLY,
    "audit/": "the audit trail is for administrators: measured in tests/org/test_audit.py",
    "audit/<str:label>/<int:history_id>/": "the audit trail is for administrators: measured in tests/org/test_audit.py",
    "projects/new/": FORBIDDEN_FORM,
    "projects/<int:pk>/edit/": FORBIDDEN_FORM,
    "projects/<int:pk>/stage/": POST_ONLY,
    "projects/<int:pk>/template/": POST_ONLY,
    "projects/<int:pk>/steps/new/": FORBIDDEN_FORM,
    "projects/<int:pk>/steps/<int:step_pk>/": FORBIDDEN_FORM,
    "projects/<int:pk>/steps/<int:step_pk>/delete/": POST_ONLY,
    "progress/report/<int:pk>/": "a form for the reporting officer (404 for the leader)",
    "progress/reports/<int:report_pk>/review/": POST_ONLY,
    "progress/settings/": FORBIDDEN_FORM,
    "progress/settings/<int:year>/": FORBIDDEN_FORM,
    "issues/settings/": FORBIDDEN_FORM,
    "issues/<int:pk>/attachments/": POST_ONLY,
    "inbox/read-all/": POST_ONLY,
    "land/parcels/new/": FORBIDDEN_FORM,
    "land/parcels/<int:pk>/edit/": FORBIDDEN_FORM,
    "land/parcels/<int:pk>/advance/": POST_ONLY,
    "land/quota/<int:year>/": FORBIDDEN_FORM,
    "funding/applications/new/": FORBIDDEN_FORM,
    "funding/applications/<int:pk>/edit/": FORBIDDEN_FORM,
    "funding/applications/<int:pk>/advance/": POST_ONLY,
    "funding/projects/<int:pk>/documents/": POST_ONLY,
    "funding/projects/<int:pk>/bond/": POST_ONLY,
    "funding/settings/": FORBIDDEN_FORM,
    "investment/leads/new/": FORBIDDEN_FORM,
    "investment/leads/<int:pk>/edit/": FORBIDDEN_FORM,
    "investment/leads/<int:pk>/advance/": POST_ONLY,
    "investment/leads/<int:pk>/log/": POST_ONLY,
    "investment/leads/<int:pk>/convert/": POST_ONLY,
    "investment/companies/new/": FORBIDDEN_FORM,
    "investment/companies/<int:pk>/edit/": FORBIDDEN_FORM,
    "investment/companies/<int:pk>/headquarters/": FORBIDDEN_FORM,
    "investment/settings/": FORBIDDEN_FORM,
    "indicators/<slug:code>/values/": POST_ONLY,
    "indicators/<slug:code>/targets/": "redirects to the year's page",
    "indicators/<slug:code>/targets/<int:year>/": FORBIDDEN_FORM,
    "ledger/import/": FORBIDDEN_FORM,
    "ledger/import/done/": FORBIDDEN_FORM,
    "meetings/new/": FORBIDDEN_FORM,
    "meetings/<int:pk>/edit/": FORBIDDEN_FORM,
    "meetings/<int:pk>/agenda/propose/": POST_ONLY,
    "meetings/<int:pk>/agenda/add/": POST_ONLY,
    "meetings/<int:pk>/decisions/add/": POST_ONLY,
    "meetings/<int:pk>/hold/": POST_ONLY,
    "evaluation/snapshots/": POST_ONLY,
    "reports/bulletins/request/": POST_ONLY,
    "reports/bulletins/make/": "POST only (makes a bulletin)",
    "map/boundaries/": FORBIDDEN_FORM,
}

GROWN_PROJECTS = 24


class Rollback(Exception):
    pass


def measure(client: Client, urls: dict[str, str]) -> dict[str, tuple[int, int]]:
    """(status, queries) of a GET on each url, none of them answered from the cache (core.dataversion)."""
    counts = {}
    for route, url in urls.items():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            answer = client.get(url)
        counts[route] = (answer.status_code, len(queries))
    return counts


@pytest.fixture(scope="module")
def counts(django_db_setup, django_db_blocker):
    """{route: (small, large)} — each a (status, queries) pair — measured once for the module, then rolled back."""
    from django.conf import settings

    result = {}
    with django_db_blocker.unblock():
        try:
            with transaction.atomic():
                name = str(connection.settings_dict["NAME"])
                assert "test" in name or "memory" in name, f"not a test database: {name}"
                settings.DIAODU_DEMO = True
                call_command("seed_demo", stdout=open("/dev/null", "w"))
                workdays.get_calendar()
                values = ids()
                urls = {route: fill(route, values[kind] if kind else {}) for route, (kind, _n) in PAGES.items()}
                client = Client()
                client.force_login(get_user_model().objects.get(username="leader"))
                client.get("/")  # the session's first write is not a page's query
                small = measure(client, urls)
                before = Project.objects.count()
                scale_data_generate(
                    projects=GROWN_PROJECTS, years=1, seed=11, as_of=dt.date.today(), force=True, batch_size=500
                )
                workdays.invalidate()
                workdays.get_calendar()
                client.force_login(get_user_model().objects.get(username="leader"))
                client.get("/")
                large = measure(client, urls)
                assert Project.objects.count() == before + GROWN_PROJECTS
                result = {route: (small[route], large[route]) for route in urls}
                raise Rollback
        except Rollback:
            pass
    return result


def test_every_route_is_measured_or_excluded_with_a_reason():
    unlisted = [r for r in routes() if not r.startswith("admin/") and r not in PAGES and r not in EXCLUDED]
    assert unlisted == []


@pytest.mark.django_db
@pytest.mark.parametrize("route", list(PAGES))
def test_the_page_runs_the_same_pinned_number_of_queries_at_both_sizes(counts, route):
    (small_status, small), (large_status, large) = counts[route]
    assert small_status == large_status == 200
    assert small == large
    assert small == PAGES[route][1]
