"""No lost writes in the registry: projects and steps through the API, the project's form, the inline step rows."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from diaodu.core.concurrency import etag_for, version_of
from diaodu.projects.models import Project, Step
from diaodu.projects.services import step_save
from tests.core.racing import conflict_row, race, shared_database, version_in  # noqa: F401  (a fixture)

from .conftest import build_project

pytestmark = pytest.mark.django_db


def form_data(form) -> dict:
    """What a browser sends back for an unbound form as rendered."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is not None:
            data[form.add_prefix(name)] = [str(item) for item in value] if isinstance(value, list) else value
    return data


def saved_elsewhere(step: Step, **changes) -> Step:
    fresh = Step.objects.get(pk=step.pk)
    for name, value in changes.items():
        setattr(fresh, name, value)
    return step_save(step=fresh)


def test_the_api_refuses_stale_writes_to_a_project_and_its_steps(client, dispatcher, project_x):
    client.force_login(dispatcher)
    project_url = f"/api/projects/{project_x.pk}/"
    loaded = client.get(project_url).headers["ETag"]
    assert loaded == etag_for(project_x)
    Project.objects.get(pk=project_x.pk).save()  # saved elsewhere meanwhile
    stale = client.patch(project_url, {"scope": "覆盖"}, content_type="application/json", headers={"If-Match": loaded})
    assert stale.status_code == 412 and Project.objects.get(pk=project_x.pk).scope == ""
    step = Step.objects.get(project=project_x, name="用地预审")
    step_url = f"/api/projects/{project_x.pk}/steps/{step.pk}/"
    step_tag = client.get(step_url).headers["ETag"]
    saved_elsewhere(step, duration_days=25)
    for answer in (
        client.patch(step_url, {"duration_days": 30}, content_type="application/json", headers={"If-Match": step_tag}),
        client.delete(step_url, headers={"If-Match": step_tag}),
    ):
        assert answer.status_code == 412 and answer.json()["error"]["current"]["duration_days"] == 25
    assert Step.objects.get(pk=step.pk).duration_days == 25
    fresh = client.patch(step_url, {"duration_days": 30}, content_type="application/json",
                         headers={"If-Match": etag_for(Step.objects.get(pk=step.pk))})  # fmt: skip
    assert fresh.status_code == 200 and fresh.headers["ETag"] == etag_for(Step.objects.get(pk=step.pk))


def test_the_project_form_shows_both_versions_and_writes_nothing(client, dispatcher, project_x):
    client.force_login(dispatcher)
    edit = reverse("project-edit", args=[project_x.pk])
    data = form_data(client.get(edit).context["form"])
    assert data["version"] == version_of(project_x)
    Project.objects.filter(pk=project_x.pk).update(total_investment=Decimal("60000"))
    Project.objects.get(pk=project_x.pk).save()
    answer = client.post(edit, {**data, "total_investment": "55000"})
    assert answer.status_code == 200
    assert conflict_row("总投资（万元）", "55000", "60000.00") in answer.text
    assert Project.objects.get(pk=project_x.pk).total_investment == Decimal("60000")


def test_an_inline_step_row_saved_meanwhile_is_shown_in_place(client, project_officer, project_x):
    step = Step.objects.get(project=project_x, name="用地预审")
    client.force_login(project_officer)
    row = client.get(reverse("step-edit", args=[project_x.pk, step.pk]))
    data = form_data(row.context["form"])
    saved_elsewhere(step, duration_days=25)
    answer = client.post(reverse("step-edit", args=[project_x.pk, step.pk]), {**data, "duration_days": "30"},
                         HTTP_HX_REQUEST="true")  # fmt: skip
    assert 'data-testid="step-form-row"' in answer.text and 'data-testid="edit-conflict"' in answer.text
    assert conflict_row("工期（工作日）", "30", "25") in answer.text
    assert Step.objects.get(pk=step.pk).duration_days == 25
    # Deleting from a row opened before the change: the step stays, the row shows who changed it.
    refused = client.post(reverse("step-delete", args=[project_x.pk, step.pk]), {"version": data["version"]},
                          HTTP_HX_REQUEST="true")  # fmt: skip
    assert refused.headers["HX-Retarget"] == f"#step-{step.pk}"
    assert 'data-testid="edit-conflict"' in refused.text and Step.objects.filter(pk=step.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_two_people_saving_a_step_at_once_one_is_told(shared_database, project_officer, dispatcher, department):  # noqa: F811
    project = build_project("吉通机械总部", officer=project_officer, department=department)
    step = Step.objects.create(project=project, name="用地预审", duration_days=20)
    url = f"/api/projects/{project.pk}/steps/{step.pk}/"

    def editor(user, days):
        client = Client()

        def load():
            client.force_login(user)
            return client.get(url).headers["ETag"]

        def save(etag):
            return client.patch(url, {"duration_days": days}, content_type="application/json",
                                headers={"If-Match": etag}).status_code  # fmt: skip

        return load, save

    statuses = race(editor(project_officer, 30), editor(dispatcher, 40))
    assert sorted(statuses) == [200, 412]
    assert Step.objects.get(pk=step.pk).duration_days == [30, 40][statuses.index(200)]
