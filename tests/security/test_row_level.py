"""Row level: the officer of Y reads and changes nothing of X's, through any page, API, export or search.

X's names (`X_MARKERS`: its project, steps, reports, issues, meeting, lead …) and the addresses of X's records
must not appear in anything the officer of Y is answered: list pages with their searches and filter forms,
API lists with their filters, the Excel exports, the cockpit and the map, the bulletins, the evaluation.
The direct URLs of X's records are refused to him by the access matrix (test_access_matrix.py, `hidden`);
here, too, his writes that name X's records from his own side are refused and change nothing.
"""

from __future__ import annotations

import io
import json
from http.cookies import SimpleCookie

import pytest
from django.test import Client
from openpyxl import load_workbook

from .test_access_matrix import fingerprint
from .world import OFFICER_X, OFFICER_Y, X_MARKERS, World

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# (label, path maker): every page and API answer that lists, searches, counts or exports records.
READS = [
    ("home", lambda w: "/"),
    ("project list searched", lambda w: "/projects/?q=吉通"),
    ("project list export", lambda w: "/projects/?export=xlsx"),
    ("project list export searched", lambda w: "/projects/?export=xlsx&q=吉通"),
    ("my projects", lambda w: "/projects/mine/"),
    ("reporting home", lambda w: "/progress/"),
    ("lights", lambda w: "/progress/lights/"),
    ("lights of X's department", lambda w: f"/progress/lights/?department={w.construction.pk}"),
    ("issue list", lambda w: "/issues/"),
    ("issue list searched", lambda w: "/issues/?q=高压线"),
    ("issue list by X's department", lambda w: f"/issues/?department={w.construction.pk}"),
    ("issue form", lambda w: "/issues/new/"),
    ("inbox", lambda w: "/inbox/"),
    ("land ledger", lambda w: "/land/"),
    ("land ledger searched", lambda w: "/land/?q=吉通"),
    ("X's parcel (zone-level land)", lambda w: f"/land/parcels/{w.x.parcel.pk}/"),
    ("funding pool", lambda w: "/funding/"),
    ("funding applications searched", lambda w: "/funding/applications/?q=吉通"),
    ("investment pipeline searched", lambda w: "/investment/?q=吉通"),
    ("companies", lambda w: "/investment/companies/"),
    ("X's company (zone-level)", lambda w: f"/investment/companies/{w.x.company.pk}/"),
    ("headquarters", lambda w: "/investment/headquarters/"),
    ("lead form", lambda w: "/investment/leads/new/"),
    ("indicators", lambda w: "/indicators/"),
    ("meetings searched", lambda w: "/meetings/?q=吉通"),
    ("evaluation ranking", lambda w: "/evaluation/?kind=officer"),
    ("evaluation ranking of the snapshot month", lambda w: f"/evaluation/?kind=officer&month={w.snapshot_month:%Y-%m}"),
    ("evaluation export", lambda w: "/evaluation/export/?kind=officer"),
    ("his own breakdown", lambda w: f"/evaluation/officer/{w.users[OFFICER_Y].person.pk}/"),
    ("bulletins", lambda w: "/reports/bulletins/"),
    ("cockpit", lambda w: "/cockpit/"),
    ("map", lambda w: "/map/"),
    ("people", lambda w: "/org/people/"),
    ("X's officer's card", lambda w: f"/org/people/{w.users[OFFICER_X].person.pk}/"),
    ("areas", lambda w: "/org/areas/"),
    ("departments", lambda w: "/org/departments/"),
    ("Y's project", lambda w: f"/projects/{w.y.project.pk}/"),
    ("Y's step form", lambda w: f"/projects/{w.y.project.pk}/steps/new/"),
    ("Y's report form", lambda w: f"/progress/report/{w.y.project.pk}/"),
    ("Y's funding", lambda w: f"/funding/projects/{w.y.project.pk}/"),
    ("Y's issue", lambda w: f"/issues/{w.y.issue_assigned.pk}/"),
    ("Y's meeting", lambda w: f"/meetings/{w.y.meeting.pk}/"),
    ("Y's lead", lambda w: f"/investment/leads/{w.y.lead.pk}/"),
    ("Y's parcel", lambda w: f"/land/parcels/{w.y.parcel.pk}/"),
    ("api projects searched", lambda w: "/api/projects/?q=吉通"),
    ("api reports", lambda w: "/api/reports/"),
    ("api reports of X", lambda w: f"/api/reports/?project={w.x.project.pk}"),
    ("api issues", lambda w: "/api/issues/?q=高压线"),
    ("api issues of X's department", lambda w: f"/api/issues/?department={w.construction.pk}"),
    ("api parcels", lambda w: "/api/parcels/"),
    ("api X's parcel", lambda w: f"/api/parcels/{w.x.parcel.pk}/"),
    ("api funding applications", lambda w: "/api/funding-applications/"),
    ("api leads", lambda w: "/api/leads/?q=吉通"),
    ("api X's company", lambda w: f"/api/companies/{w.x.company.pk}/"),
    ("api meetings", lambda w: "/api/meetings/"),
    ("api decisions", lambda w: "/api/decisions/"),
    ("api notifications", lambda w: "/api/notifications/"),
    ("api cockpit", lambda w: "/api/dashboard/cockpit/"),
    ("api map", lambda w: "/api/map/"),
    ("api ranking", lambda w: "/api/evaluation/ranking/?kind=officer"),
    (
        "api ranking of the snapshot month",
        lambda w: f"/api/evaluation/ranking/?kind=officer&month={w.snapshot_month:%Y-%m}",
    ),
    ("api his own scores", lambda w: f"/api/evaluation/scores/officer/{w.users[OFFICER_Y].person.pk}/"),
    ("api bulletins", lambda w: "/api/bulletins/"),
    ("api people", lambda w: "/api/people/"),
]


def x_addresses(w: World) -> list[str]:
    """The pages of X's records (a project's page is the prefix of its steps, funding and report pages)."""
    x = w.x
    return [
        f"/projects/{x.project.pk}/",
        f"/progress/report/{x.project.pk}/",
        f"/progress/photos/{x.photo.pk}/",
        *(f"/issues/{issue.pk}/" for issue in (x.issue_open, x.issue_assigned, x.issue_resolved)),
        f"/meetings/{x.meeting.pk}/",
        f"/investment/leads/{x.lead.pk}/",
        f"/funding/applications/{x.application.pk}/",
    ]


def text_of(response) -> str:
    """What the reader gets, as text: an Excel workbook's every cell, or the body."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith(XLSX):
        workbook = load_workbook(io.BytesIO(content), read_only=True)
        cells = [str(value) for sheet in workbook for row in sheet.iter_rows(values_only=True) for value in row]
        return "\n".join(cell for cell in cells if cell != "None")
    return content.decode("utf-8")


def x_in_json(data, w: World) -> list:
    """Objects of an API answer that belong to project X (by their `project` or `project_refs`)."""
    found = []
    if isinstance(data, dict):
        if data.get("project") == w.x.project.pk or data.get("project_id") == w.x.project.pk:
            found.append(data)
        found += [ref for ref in data.get("project_refs") or [] if ref.get("id") == w.x.project.pk]
        for value in data.values():
            found += x_in_json(value, w)
    elif isinstance(data, list):
        for value in data:
            found += x_in_json(value, w)
    return found


@pytest.fixture(scope="module")
def officer_y(world):
    client = Client()
    client.cookies = SimpleCookie()
    client.cookies["sessionid"] = world.sessions[OFFICER_Y]
    return client


# The API read in a browser: DRF's browsable pages render forms (and filter forms) whose choices must not offer
# X either; Y's own records are read there too, with the forms to change them.
BROWSED = [(f"{label} (browsable)", path) for label, path in READS if label.startswith("api ")] + [
    ("api Y's draft (browsable)", lambda w: f"/api/reports/{w.y.draft.pk}/"),
    ("api Y's steps (browsable)", lambda w: f"/api/projects/{w.y.project.pk}/steps/"),
    ("api Y's step (browsable)", lambda w: f"/api/projects/{w.y.project.pk}/steps/{w.y.steps[0].pk}/"),
    ("api Y's issue (browsable)", lambda w: f"/api/issues/{w.y.issue_assigned.pk}/"),
    ("api Y's lead (browsable)", lambda w: f"/api/leads/{w.y.lead.pk}/"),
    ("api Y's application (browsable)", lambda w: f"/api/funding-applications/{w.y.application.pk}/"),
    ("api decisions form (browsable)", lambda w: "/api/decisions/"),
    ("api issue categories (browsable)", lambda w: "/api/issue-categories/"),
]
# A filter that names X is an invalid choice for him (400), as an unknown id is: it reveals nothing either way.
INVALID_FILTERS = {"api reports of X", "api reports of X (browsable)"}


@pytest.mark.parametrize(("label", "path"), READS + BROWSED, ids=[label for label, _path in READS + BROWSED])
def test_nothing_of_x_reaches_the_officer_of_y(world, officer_y, label, path):
    url = path(world)
    response = officer_y.get(url, HTTP_ACCEPT="text/html") if label.endswith("(browsable)") else officer_y.get(url)
    assert response.status_code == (400 if label in INVALID_FILTERS else 200), f"{url}: {response.status_code}"
    text = text_of(response)
    leaked = [marker for marker in X_MARKERS if marker in text]
    leaked += [address for address in x_addresses(world) if address in text]
    assert not leaked, f"{url} shows the officer of Y what is X's: {leaked}"
    if response.get("Content-Type", "").startswith("application/json"):
        assert not x_in_json(json.loads(text), world), f"{url} answers records of project X"


# Writes from Y's own side that name X's records: refused, and nothing written anywhere.
CROSS_WRITES = [
    (
        "a step of Y after a step of X",
        "post",
        lambda w: f"/api/projects/{w.y.project.pk}/steps/",
        lambda w: {"name": "接续步骤", "duration_days": 3, "predecessors": [{"step": w.x.steps[0].pk}]},
    ),
    (
        "Y's step re-linked to X's step",
        "patch",
        lambda w: f"/api/projects/{w.y.project.pk}/steps/{w.y.steps[1].pk}/",
        lambda w: {"predecessors": [{"step": w.x.steps[1].pk}]},
    ),
    (
        "a report for X",
        "post",
        lambda w: "/api/reports/",
        lambda w: {"project": w.x.project.pk, "progress_text": "代报", "investment_done": "1.00"},
    ),
    (
        "Y's draft moved onto X",
        "patch",
        lambda w: f"/api/reports/{w.y.draft.pk}/",
        lambda w: {"project": w.x.project.pk},
    ),
    (
        "an issue on X",
        "post",
        lambda w: "/api/issues/",
        lambda w: {"project": w.x.project.pk, "category": w.category.pk, "title": "代提问题"},
    ),
    (
        "an issue on X's report",
        "post",
        lambda w: "/api/issues/",
        lambda w: {"report": w.x.report.pk, "category": w.category.pk, "title": "代提问题"},
    ),
    (
        "a lead on X's project's company, converted",
        "post",
        lambda w: f"/api/leads/{w.x.lead.pk}/convert/",
        lambda w: {"name": "冒名项目"},
    ),
]


@pytest.mark.parametrize(("label", "method", "path", "body"), CROSS_WRITES, ids=[c[0] for c in CROSS_WRITES])
def test_writes_of_the_officer_of_y_that_name_x_are_refused_and_change_nothing(
    world, officer_y, label, method, path, body
):
    before = fingerprint()
    response = getattr(officer_y, method)(path(world), json.dumps(body(world)), content_type="application/json")
    assert response.status_code in (400, 403, 404), f"{label}: {response.status_code} {response.content[:300]!r}"
    assert fingerprint() == before, f"{label} was refused but changed the database"


@pytest.mark.parametrize(
    ("label", "path", "data"),
    [
        (
            "an issue on X from the form",
            "/issues/new/",
            lambda w: {"project": w.x.project.pk, "source": "project", "category": w.category.pk, "title": "代提"},
        ),
        (
            "a step of Y after X's step from the form",
            lambda w: f"/projects/{w.y.project.pk}/steps/new/",
            lambda w: {
                "name": "接续",
                "kind": "procedure",
                "duration_days": 3,
                "status": "not_started",
                "predecessors": [w.x.steps[0].pk],
            },
        ),
        (
            "X on the agenda of Y's meeting",
            lambda w: f"/meetings/{w.y.meeting.pk}/agenda/add/",
            lambda w: {"project": w.x.project.pk},
        ),
    ],
    ids=["issue form", "step form", "agenda form"],
)
def test_forms_of_the_officer_of_y_do_not_take_x(world, officer_y, label, path, data):
    before = fingerprint()
    url = path if isinstance(path, str) else path(world)
    response = officer_y.post(url, data(world))
    assert response.status_code in (200, 403, 404), f"{label}: {response.status_code}"
    assert fingerprint() == before, f"{label} changed the database"


# X's records named under Y's own project, issue or meeting: the parent is his, the record is not.
UNDER_Y = [
    ("get", lambda w: f"/api/projects/{w.y.project.pk}/steps/{w.x.steps[0].pk}/"),
    ("patch", lambda w: f"/api/projects/{w.y.project.pk}/steps/{w.x.steps[0].pk}/"),
    ("delete", lambda w: f"/api/projects/{w.y.project.pk}/steps/{w.x.steps[1].pk}/"),
    ("get", lambda w: f"/projects/{w.y.project.pk}/steps/{w.x.steps[0].pk}/"),
    ("post", lambda w: f"/projects/{w.y.project.pk}/steps/{w.x.steps[0].pk}/"),
    ("post", lambda w: f"/projects/{w.y.project.pk}/steps/{w.x.steps[1].pk}/delete/"),
    ("post", lambda w: f"/funding/projects/{w.y.project.pk}/documents/{w.x.document.pk}/delete/"),
    ("get", lambda w: f"/issues/{w.y.issue_assigned.pk}/attachments/{w.x.attachment.pk}/"),
]


@pytest.mark.parametrize(("method", "path"), UNDER_Y, ids=[f"{m} {i}" for i, (m, _p) in enumerate(UNDER_Y)])
def test_records_of_x_named_under_a_parent_of_y_are_not_found(world, officer_y, method, path):
    before = fingerprint()
    url = path(world)
    body = {"name": "改名", "duration_days": 1, "kind": "procedure", "status": "not_started"}
    if method == "patch":
        response = officer_y.patch(url, json.dumps(body), content_type="application/json")
    elif method == "post":
        response = officer_y.post(url, body)
    else:
        response = getattr(officer_y, method)(url)
    assert response.status_code == 404, f"{method} {url}: {response.status_code}"
    assert fingerprint() == before
