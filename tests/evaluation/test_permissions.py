"""Who sees which ranking and breakdown, on the pages and in the API; who keeps the scheme and takes snapshots."""

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse

from diaodu.org.choices import Role
from diaodu.org.roles import sync_roles
from tests.evaluation.conftest import D
from tests.progress.conftest import at_noon

pytestmark = pytest.mark.django_db
MONTH = {"month": "2026-04"}
KINDS = ("department", "officer", "leader")


@pytest.fixture(autouse=True)
def mid_may():
    with time_machine.travel(at_noon(D(2026, 5, 15)), tick=False):
        yield


def page(client, kind: str):
    return client.get(reverse("evaluation-ranking"), {"kind": kind, **MONTH})


def breakdown(client, kind: str, subject_id: int):
    return client.get(reverse("evaluation-breakdown", args=[kind, subject_id]), MONTH)


def api(client, kind: str, subject_id: int | None = None):
    if subject_id is None:
        return client.get(reverse("api-evaluation-ranking"), {"kind": kind, **MONTH})
    return client.get(reverse("api-evaluation-score", args=[kind, subject_id]), MONTH)


@pytest.fixture
def subjects(zone_2026, department, land_bureau, project_officer, other_officer, responsible_leader) -> dict:
    return {
        "department": [department.pk, land_bureau.pk],
        "officer": [project_officer.person.pk, other_officer.person.pk],
        "leader": [responsible_leader.person.pk],
    }


@pytest.mark.parametrize("persona", ["leader", "dispatcher", "observer", "administrator"])
def test_the_zone_leader_the_dispatch_office_observers_and_administrators_see_everything(
    client, subjects, persona, request
):
    client.force_login(request.getfixturevalue(persona))
    for kind in KINDS:
        answer = page(client, kind)
        assert answer.status_code == 200
        assert answer.text.count('data-testid="breakdown-link"') == len(subjects[kind])
        rows = api(client, kind).json()["rows"]
        assert all(row["criteria"] is not None for row in rows) and len(rows) == len(subjects[kind])
        for subject_id in subjects[kind]:
            assert breakdown(client, kind, subject_id).status_code == 200
            assert api(client, kind, subject_id).status_code == 200


def test_a_department_user_sees_every_ranking_but_only_his_departments_breakdown(
    client, subjects, department_user, department, land_bureau
):
    client.force_login(department_user)  # 赵丽 of the 自然资源局
    answer = page(client, "department")
    assert answer.status_code == 200
    assert answer.text.count('data-testid="breakdown-link"') == 1
    assert f"/evaluation/department/{land_bureau.pk}/" in answer.text
    assert f"/evaluation/department/{department.pk}/" not in answer.text
    assert "经济发展局" in answer.text and "53.75" in answer.text  # names and totals of the others
    assert 'data-testid="ranking-chart"' not in answer.text
    assert breakdown(client, "department", land_bureau.pk).status_code == 200
    assert breakdown(client, "department", department.pk).status_code == 403
    rows = {row["name"]: row for row in api(client, "department").json()["rows"]}
    assert rows["经济发展局"]["criteria"] is None and rows["经济发展局"]["total"] == "53.75"
    assert rows["自然资源局"]["criteria"] is not None
    assert api(client, "department", land_bureau.pk).status_code == 200
    assert api(client, "department", department.pk).status_code == 403
    for kind in ("officer", "leader"):
        assert page(client, kind).status_code == 200
        assert 'data-testid="breakdown-link"' not in page(client, kind).text
        assert breakdown(client, kind, subjects[kind][0]).status_code == 403
        assert api(client, kind, subjects[kind][0]).status_code == 403


def test_an_officer_sees_the_officer_ranking_and_only_his_own_breakdown(
    client, subjects, project_officer, other_officer
):
    client.force_login(project_officer)
    answer = client.get(reverse("evaluation-ranking"), MONTH)  # his kind by default
    assert answer.status_code == 200 and "包保干部考核排名" in answer.text
    assert answer.text.count('data-testid="breakdown-link"') == 1
    assert 'data-testid="kind-department"' not in answer.text
    assert breakdown(client, "officer", project_officer.person.pk).status_code == 200
    assert breakdown(client, "officer", other_officer.person.pk).status_code == 403
    assert api(client, "officer", other_officer.person.pk).status_code == 403
    rows = {row["name"]: row["criteria"] is not None for row in api(client, "officer").json()["rows"]}
    assert rows == {"孙浩": True, "钱多": False}
    for kind in ("department", "leader"):
        assert page(client, kind).status_code == 403
        assert api(client, kind).status_code == 403
        assert breakdown(client, kind, subjects[kind][0]).status_code == 403
    assert client.get(reverse("evaluation-export"), {"kind": "department"}).status_code == 403


def test_a_responsible_leader_sees_the_leader_ranking_and_only_his_own_breakdown(
    client, subjects, responsible_leader, project_officer
):
    """The facts behind other leaders' totals name projects and issues his row-level access does not show him."""
    client.force_login(responsible_leader)
    answer = client.get(reverse("evaluation-ranking"), MONTH)
    assert answer.status_code == 200 and "包保领导考核排名" in answer.text
    assert answer.text.count('data-testid="breakdown-link"') == 1
    assert breakdown(client, "leader", responsible_leader.person.pk).status_code == 200
    assert api(client, "leader", responsible_leader.person.pk).json()["total"] == "52.08"
    assert breakdown(client, "leader", project_officer.person.pk).status_code == 403
    for kind in ("department", "officer"):
        assert page(client, kind).status_code == 403
        assert api(client, kind).status_code == 403


def test_nobody_outside_the_roles_sees_anything(client, subjects, outsider):
    assert page(client, "department").status_code == 302
    assert api(client, "department").status_code == 401
    client.force_login(outsider)
    for kind in KINDS:
        assert page(client, kind).status_code == 403
        assert api(client, kind).status_code == 403
        assert api(client, kind, subjects[kind][0]).status_code == 403
        assert breakdown(client, kind, subjects[kind][0]).status_code == 403
    assert client.get(reverse("evaluation-export"), {"kind": "leader"}).status_code == 403
    assert client.get(reverse("evaluation-scheme")).status_code == 403


def test_only_the_dispatch_office_sees_and_uses_the_snapshot_button(client, subjects, dispatcher, leader):
    client.force_login(leader)
    assert 'data-testid="snapshot-form"' not in page(client, "leader").text
    assert client.post(reverse("evaluation-snapshot-take"), MONTH).status_code == 403
    client.force_login(dispatcher)
    assert 'data-testid="snapshot-take"' in page(client, "leader").text
    # Not for the current month, which is always computed live.
    assert 'data-testid="snapshot-form"' not in client.get(reverse("evaluation-ranking"), {"kind": "leader"}).text


def test_every_role_reads_the_evaluation_models_and_the_dispatch_office_and_administrators_keep_them(db):
    groups = sync_roles()
    for role in Role:
        codenames = set(
            groups[role.value]
            .permissions.filter(content_type__app_label="evaluation")
            .values_list("codename", flat=True)
        )
        assert {"view_evaluationscheme", "view_evaluationsnapshot"} <= codenames, role
        assert ("change_evaluationscheme" in codenames) == (role in (Role.DISPATCH, Role.ADMIN)), role
    assert not Group.objects.get(name=Role.DISPATCH).permissions.filter(codename="add_historicalevaluationscheme")
