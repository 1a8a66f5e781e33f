"""Row-level access to projects: each persona sees and edits what it answers for, and nothing else."""

import pytest
from django.urls import reverse

from diaodu.projects.models import Project, Step

pytestmark = pytest.mark.django_db


def test_the_zone_leader_and_dispatch_office_see_every_project(leader, dispatcher, project_x, project_y):
    assert Project.objects.visible_to(leader).count() == 2
    assert Project.objects.visible_to(dispatcher).count() == 2


def test_an_officer_sees_only_his_projects(project_officer, other_officer, project_x, project_y):
    assert list(Project.objects.visible_to(project_officer)) == [project_x]
    assert list(Project.objects.visible_to(other_officer)) == [project_y]
    assert set(Step.objects.visible_to(project_officer).values_list("project_id", flat=True)) == {project_x.pk}


def test_a_responsible_leader_sees_the_projects_he_leads(responsible_leader, project_x, project_y):
    assert list(Project.objects.visible_to(responsible_leader)) == [project_x]


def test_a_department_sees_its_projects_and_those_with_steps_assigned_to_it(
    department_user, land_bureau, project_x, project_y
):
    assert not Project.objects.visible_to(department_user).exists()
    Step.objects.filter(project=project_y).update(responsible_department=land_bureau)
    assert list(Project.objects.visible_to(department_user)) == [project_y]
    project_x.responsible_department = land_bureau
    project_x.save()
    assert set(Project.objects.visible_to(department_user)) == {project_x, project_y}


def test_an_outsider_sees_no_project(outsider, project_x):
    assert not Project.objects.visible_to(outsider).exists()


def test_the_officer_of_y_cannot_read_x_through_page_api_steps_or_schedule(client, other_officer, project_x):
    client.force_login(other_officer)
    assert client.get(reverse("project-detail", args=[project_x.pk])).status_code == 404
    assert client.get(f"/api/projects/{project_x.pk}/").status_code == 404
    assert client.get(f"/api/projects/{project_x.pk}/steps/").status_code == 404
    assert client.get(f"/api/projects/{project_x.pk}/schedule/").status_code == 404
    assert "吉通机械总部" not in client.get(reverse("project-list")).text
    assert "吉通机械总部" not in client.get(reverse("project-list"), {"export": "xlsx", "q": "吉通"}).content.decode(
        "latin-1"
    )
    assert client.get("/api/projects/", {"q": "吉通"}).json()["count"] == 0


def test_an_officer_edits_his_projects_steps_but_not_anothers(client, project_officer, other_officer, project_x):
    step = Step.objects.get(project=project_x, name="项目备案")
    client.force_login(project_officer)
    response = client.patch(
        f"/api/projects/{project_x.pk}/steps/{step.pk}/",
        {"status": "in_progress", "actual_start": "2026-09-28"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    client.force_login(other_officer)
    response = client.patch(
        f"/api/projects/{project_x.pk}/steps/{step.pk}/", {"status": "done"}, content_type="application/json"
    )
    assert response.status_code == 404
    step.refresh_from_db()
    assert step.status == "in_progress"


def test_an_officer_cannot_change_the_registry_data_or_the_stage(client, project_officer, project_x):
    client.force_login(project_officer)
    response = client.patch(f"/api/projects/{project_x.pk}/", {"name": "改名"}, content_type="application/json")
    assert response.status_code == 403
    response = client.post(
        f"/api/projects/{project_x.pk}/stage/", {"stage": "reserve"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert client.post("/api/projects/", {"name": "新项目"}, content_type="application/json").status_code == 403
    assert client.get(reverse("project-edit", args=[project_x.pk])).status_code == 403
    project_x.refresh_from_db()
    assert project_x.name == "吉通机械总部"


def test_the_zone_leader_reads_but_does_not_edit_steps(client, leader, project_x):
    step = Step.objects.get(project=project_x, name="项目备案")
    client.force_login(leader)
    assert client.get(f"/api/projects/{project_x.pk}/steps/{step.pk}/").status_code == 200
    response = client.patch(
        f"/api/projects/{project_x.pk}/steps/{step.pk}/", {"duration_days": 1}, content_type="application/json"
    )
    assert response.status_code == 403
    assert client.get(reverse("step-edit", args=[project_x.pk, step.pk])).status_code == 403


def test_a_department_edits_steps_of_projects_it_answers_for(client, department_user, land_bureau, project_x):
    step = Step.objects.get(project=project_x, name="用地预审")
    client.force_login(department_user)
    assert (
        client.patch(
            f"/api/projects/{project_x.pk}/steps/{step.pk}/", {"approval_number": "x"}, content_type="application/json"
        ).status_code
        == 404
    )
    step.responsible_department = land_bureau
    step.save()
    response = client.patch(
        f"/api/projects/{project_x.pk}/steps/{step.pk}/",
        {"approval_number": "长自然资预审〔2026〕8号"},
        content_type="application/json",
    )
    assert response.status_code == 200


def test_my_projects_lists_what_the_officer_answers_for(client, project_officer, project_x, project_y):
    client.force_login(project_officer)
    page = client.get(reverse("project-mine")).text
    assert "吉通机械总部" in page and "铸诚门业智能制造" not in page
