"""A signed lead becomes a key project in one atomic step; converting twice, or before signing, is refused."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from diaodu.investment import services
from diaodu.investment.models import Lead
from diaodu.investment.services import lead_convert_to_project
from diaodu.notify.models import Notification
from diaodu.projects.catalogue import load_catalogue
from diaodu.projects.models import ProcedureType, Project, ScheduleTemplate, TemplateStep

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(db):
    load_catalogue(ProcedureType, ScheduleTemplate, TemplateStep)


def lead_state(lead: Lead) -> dict:
    fresh = Lead.objects.get(pk=lead.pk)
    return {
        "project_id": fresh.project_id,
        "stage": fresh.stage,
        "version": fresh.version,
        "history": fresh.history.count(),
    }


def test_the_project_carries_the_leads_company_investment_park_and_officer(
    signed_lead, dispatcher, scout, bureau, park, catalogue
):
    project = lead_convert_to_project(lead=signed_lead, user=dispatcher)
    assert project.name == "同仁众合医疗器械产业基地"
    assert project.owner == signed_lead.company.organisation  # the company is the 建设单位
    assert project.total_investment == Decimal("28000")
    assert project.area == park
    assert project.responsible_officer == scout.person and project.responsible_department == bureau
    assert project.stage == "preparation" and project.category == "industrial"
    assert project.scope == "建设医用耗材及康复器械生产车间。"
    assert project.steps.exists()  # the enterprise template's procedures are laid
    assert project.history.earliest().history_change_reason == "由招商线索“同仁众合医疗器械产业基地”转入"
    signed_lead.refresh_from_db()
    assert signed_lead.project == project and project.lead == signed_lead
    assert signed_lead.history.latest().history_user == dispatcher


def test_the_officer_is_told_and_a_leader_may_be_named(signed_lead, dispatcher, scout, responsible_leader):
    project = lead_convert_to_project(
        lead=signed_lead,
        user=dispatcher,
        name="同仁众合医疗器械产业基地（一期）",
        responsible_leader=responsible_leader.person,
    )
    assert (
        project.name == "同仁众合医疗器械产业基地（一期）" and project.responsible_leader == responsible_leader.person
    )
    told = Notification.objects.filter(title="招商线索已转为重点项目：同仁众合医疗器械产业基地（一期）")
    assert {n.recipient for n in told} == {scout, responsible_leader}
    assert told.first().url == f"/projects/{project.pk}/"


def test_converting_twice_is_refused_and_makes_no_second_project(signed_lead, dispatcher):
    lead_convert_to_project(lead=signed_lead, user=dispatcher)
    with pytest.raises(ValidationError) as refused:
        lead_convert_to_project(lead=signed_lead, user=dispatcher)
    assert refused.value.messages == [
        "线索“同仁众合医疗器械产业基地”已转为重点项目“同仁众合医疗器械产业基地”，不能重复转换。"
    ]
    assert Project.objects.count() == 1


def test_a_stale_lead_object_cannot_convert_twice_either(signed_lead, dispatcher):
    stale = Lead.objects.get(pk=signed_lead.pk)  # loaded before the first conversion, as a second tab would
    lead_convert_to_project(lead=signed_lead, user=dispatcher)
    with pytest.raises(ValidationError):
        lead_convert_to_project(lead=stale, user=dispatcher)
    assert Project.objects.count() == 1


@pytest.mark.parametrize("stage", ["lead", "contacted", "visited", "negotiating", "registered", "started", "lost"])
def test_only_a_signed_lead_converts(signed_lead, dispatcher, stage):
    Lead.objects.filter(pk=signed_lead.pk).update(stage=stage)
    with pytest.raises(ValidationError) as refused:
        lead_convert_to_project(lead=signed_lead, user=dispatcher)
    assert "只有“签约”阶段的线索可以转为重点项目" in refused.value.message_dict["stage"][0]
    assert not Project.objects.exists()


def test_a_failure_in_a_later_step_leaves_no_project_and_the_lead_unchanged(
    signed_lead, dispatcher, catalogue, monkeypatch
):
    before = lead_state(signed_lead)

    def broken_template(**kwargs):
        assert Project.objects.filter(name="同仁众合医疗器械产业基地").exists()  # the project was written …
        raise RuntimeError("template failed")

    monkeypatch.setattr(services, "project_apply_template", broken_template)
    with pytest.raises(RuntimeError):
        lead_convert_to_project(lead=signed_lead, user=dispatcher)
    assert not Project.objects.exists()  # … and rolled back with everything else
    assert lead_state(signed_lead) == before
    assert not Notification.objects.exists()


def test_a_failure_while_linking_the_lead_rolls_the_project_back(signed_lead, dispatcher, monkeypatch):
    before = lead_state(signed_lead)
    original = services._save

    def failing_save(record, **kwargs):
        if isinstance(record, Lead):
            raise RuntimeError("disk full")
        original(record, **kwargs)

    monkeypatch.setattr(services, "_save", failing_save)
    with pytest.raises(RuntimeError):
        lead_convert_to_project(lead=signed_lead, user=dispatcher)
    assert not Project.objects.exists()
    assert lead_state(signed_lead) == before


def test_only_whoever_may_add_projects_converts(signed_lead, scout, bureau_user, leader):
    for user in (scout, bureau_user, leader):
        with pytest.raises(PermissionDenied):
            lead_convert_to_project(lead=signed_lead, user=user)
    assert not Project.objects.exists()


def test_the_chain_decides_the_projects_category(signed_lead, dispatcher, chains):
    Lead.objects.filter(pk=signed_lead.pk).update(chain=chains["现代农业"])
    assert lead_convert_to_project(lead=signed_lead, user=dispatcher).category == "agriculture"


def test_the_dispatch_office_converts_from_the_leads_page(client, signed_lead, dispatcher):
    client.force_login(dispatcher)
    page = client.get(reverse("lead-detail", args=[signed_lead.pk])).text
    assert 'data-testid="convert"' in page
    answer = client.post(reverse("lead-convert", args=[signed_lead.pk]), {"name": "同仁众合医疗器械产业基地"})
    project = Project.objects.get()
    assert answer.status_code == 302 and answer.url == reverse("project-detail", args=[project.pk])
    page = client.get(reverse("lead-detail", args=[signed_lead.pk])).text
    assert 'data-testid="convert"' not in page and 'data-testid="project-link"' in page
    again = client.post(reverse("lead-convert", args=[signed_lead.pk]), {"name": "再来一次"}, follow=True)
    assert "不能重复转换" in again.text and Project.objects.count() == 1


def test_the_officer_sees_no_conversion_button_and_cannot_post_one(client, signed_lead, scout):
    client.force_login(scout)
    page = client.get(reverse("lead-detail", args=[signed_lead.pk])).text
    assert 'data-testid="convert"' not in page and "已签约，待项目办转为重点项目。" in page
    assert client.post(reverse("lead-convert", args=[signed_lead.pk]), {"name": "x"}).status_code == 403


def test_the_api_converts_once_and_then_refuses_in_the_error_shape(client, signed_lead, dispatcher):
    client.force_login(dispatcher)
    url = f"/api/leads/{signed_lead.pk}/convert/"
    first = client.post(url, {}, content_type="application/json")
    assert first.status_code == 201
    body = first.json()
    project = Project.objects.get()
    assert body["project"] == project.pk and body["project_url"] == f"/projects/{project.pk}/"
    assert body["lead"]["project"] == project.pk and body["lead"]["can_convert"] is False
    second = client.post(url, {}, content_type="application/json")
    assert second.status_code == 400
    assert second.json()["error"]["fields"] == {
        "non_field_errors": ["线索“同仁众合医疗器械产业基地”已转为重点项目“同仁众合医疗器械产业基地”，不能重复转换。"]
    }


def test_the_api_refuses_an_officer_with_403(client, signed_lead, scout):
    client.force_login(scout)
    answer = client.post(f"/api/leads/{signed_lead.pk}/convert/", {}, content_type="application/json")
    assert answer.status_code == 403
    assert answer.json()["error"]["message"] == "只有项目办可以将招商线索转为重点项目。"


def test_the_project_page_shows_the_lead_it_came_from(client, signed_lead, dispatcher, leader):
    project = lead_convert_to_project(lead=signed_lead, user=dispatcher)
    client.force_login(leader)
    page = client.get(reverse("project-detail", args=[project.pk])).text
    assert 'data-testid="lead-panel"' in page
    assert reverse("lead-detail", args=[signed_lead.pk]) in page and "2026-09-15 签约" in page


def test_a_project_not_from_a_lead_has_no_lead_panel(client, leader, project_x):
    client.force_login(leader)
    assert 'data-testid="lead-panel"' not in client.get(reverse("project-detail", args=[project_x.pk])).text


def test_converting_after_the_lead_moved_on_is_refused(signed_lead, dispatcher, scout):
    services.lead_advance(user=scout, lead=signed_lead, stage="registered", date=dt.date(2026, 10, 9))
    with pytest.raises(ValidationError):
        lead_convert_to_project(lead=signed_lead, user=dispatcher)
