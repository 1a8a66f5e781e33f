"""A project moved to another stage, or laid out from a template, from a page loaded before someone else changed it:
refused with what was saved and by whom, nothing written (issue 10: no lost writes)."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from diaodu.projects.models import Project, ScheduleTemplate, Step
from diaodu.projects.services import project_change_stage
from tests.core.racing import version_in
from tests.projects.conftest import build_project

pytestmark = pytest.mark.django_db


def said(answer) -> str:
    return " ".join(str(message) for message in get_messages(answer.wsgi_request))


def test_a_stage_change_from_a_stale_page_is_refused_and_the_first_change_stands(client, dispatcher):
    project = build_project("山体公园", stage="preparation", planned_start=dt.date(2026, 6, 1))
    client.force_login(dispatcher)
    loaded = version_in(client.get(reverse("project-detail", args=[project.pk])).text)
    project_change_stage(project=project, stage="construction", actual_start=dt.date(2026, 6, 10))  # the other
    answer = client.post(
        reverse("project-stage", args=[project.pk]), {"stage": "reserve", "reason": "资金未落实", "version": loaded}
    )
    assert answer.status_code == 302
    assert "您依据的是之前的版本，修改没有保存" in said(answer)
    saved = Project.objects.get(pk=project.pk)
    assert (saved.stage, saved.actual_start) == ("construction", dt.date(2026, 6, 10))


def test_a_stage_change_from_a_fresh_page_goes_through(client, dispatcher):
    project = build_project("山体公园", stage="preparation", planned_start=dt.date(2026, 6, 1))
    client.force_login(dispatcher)
    loaded = version_in(client.get(reverse("project-detail", args=[project.pk])).text)
    answer = client.post(
        reverse("project-stage", args=[project.pk]),
        {"stage": "construction", "actual_start": "2026-06-10", "version": loaded},
    )
    assert "阶段已变更" in said(answer)
    assert Project.objects.get(pk=project.pk).stage == "construction"


def test_the_registrys_own_rule_still_speaks_on_a_fresh_page(client, dispatcher):
    project = build_project("山体公园", stage="preparation")
    client.force_login(dispatcher)
    loaded = version_in(client.get(reverse("project-detail", args=[project.pk])).text)
    answer = client.post(reverse("project-stage", args=[project.pk]), {"stage": "construction", "version": loaded})
    assert "您依据的是之前的版本" not in said(answer) and said(answer)  # refused by the stage rule (no start date)
    assert Project.objects.get(pk=project.pk).stage == "preparation"


def test_steps_are_not_laid_from_a_template_on_a_project_changed_since_the_page_was_loaded(client, dispatcher):
    project = build_project("山体公园", planned_start=dt.date(2026, 12, 31))
    client.force_login(dispatcher)
    loaded = version_in(client.get(reverse("project-detail", args=[project.pk])).text)
    Project.objects.get(pk=project.pk).save()  # someone saved the project meanwhile (a new version)
    template = ScheduleTemplate.objects.get(kind="government")
    answer = client.post(reverse("project-template", args=[project.pk]), {"template": template.pk, "version": loaded})
    assert "您依据的是之前的版本" in said(answer)
    assert not Step.objects.filter(project=project).exists()
    fresh = version_in(client.get(reverse("project-detail", args=[project.pk])).text)
    client.post(reverse("project-template", args=[project.pk]), {"template": template.pk, "version": fresh})
    assert Step.objects.filter(project=project).count() == template.steps.count()
