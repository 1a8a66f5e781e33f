"""A step's predecessors through the API: a PATCH naming a link without its lag means no lag (it used to be a 500)."""

import pytest

from diaodu.projects.models import Step, StepDependency

pytestmark = pytest.mark.django_db


def test_a_patch_of_predecessors_without_lag_links_them_with_none(client, project_x, dispatcher):
    filing = Step.objects.get(project=project_x, name="项目备案")
    start = Step.objects.get(project=project_x, name="开工")
    client.force_login(dispatcher)
    response = client.patch(
        f"/api/projects/{project_x.pk}/steps/{start.pk}/",
        {"predecessors": [{"step": filing.pk}]},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["predecessors"] == [{"step": filing.pk, "lag_days": 0}]
    assert list(StepDependency.objects.filter(successor=start).values_list("predecessor_id", "lag_days")) == [
        (filing.pk, 0)
    ]


def test_a_patch_naming_another_projects_step_is_refused_and_keeps_the_links(client, project_x, project_y, dispatcher):
    start = Step.objects.get(project=project_x, name="开工")
    before = list(StepDependency.objects.filter(successor=start).values_list("predecessor_id", "lag_days"))
    foreign = Step.objects.get(project=project_y)
    client.force_login(dispatcher)
    response = client.patch(
        f"/api/projects/{project_x.pk}/steps/{start.pk}/",
        {"predecessors": [{"step": foreign.pk}]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert list(StepDependency.objects.filter(successor=start).values_list("predecessor_id", "lag_days")) == before
