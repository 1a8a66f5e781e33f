"""A parcel is zone-level, the projects it serves are not: each reader sees those of his projects only, and an
editor who does not see a project cannot drop its link by saving the parcel."""

import pytest
from django.urls import reverse

from diaodu.land.services import parcel_create, parcel_update
from diaodu.projects.models import Step

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_parcel(planned_parcel, project_x, project_y, dispatcher):
    """A-03 serves both projects, linked by the dispatch office (its history's reason names them)."""
    return parcel_update(user=dispatcher, parcel=planned_parcel, projects=[project_x, project_y])


def test_the_officer_of_y_sees_the_parcel_but_not_that_it_serves_x(client, shared_parcel, other_officer):
    client.force_login(other_officer)
    for url in (reverse("land-ledger"), reverse("parcel-detail", args=[shared_parcel.pk])):
        page = client.get(url).text
        assert "洁净工业园A-03地块" in page and "铸诚门业智能制造" in page
        assert "吉通机械总部" not in page  # neither in the list of projects nor in the history's reasons
    answer = client.get(f"/api/parcels/{shared_parcel.pk}/").json()
    assert [ref["name"] for ref in answer["project_refs"]] == ["铸诚门业智能制造"]


def test_the_dispatch_office_sees_every_project_a_parcel_serves(client, shared_parcel, dispatcher):
    client.force_login(dispatcher)
    answer = client.get(f"/api/parcels/{shared_parcel.pk}/").json()
    assert sorted(ref["name"] for ref in answer["project_refs"]) == ["吉通机械总部", "铸诚门业智能制造"]
    assert "服务项目" in client.get(reverse("parcel-detail", args=[shared_parcel.pk])).text  # the reasons stay


def test_an_editor_who_does_not_see_a_project_keeps_its_link(
    shared_parcel, project_x, project_y, expropriation_user, expropriation_office
):
    Step.objects.filter(project=project_y).update(responsible_department=expropriation_office)  # he sees Y only
    parcel_update(user=expropriation_user, parcel=shared_parcel, projects=[project_y], note="补充说明")
    assert set(shared_parcel.projects.all()) == {project_x, project_y}
    parcel_update(user=expropriation_user, parcel=shared_parcel, projects=[])
    assert list(shared_parcel.projects.all()) == [project_x]  # he unlinked Y, which he sees; X stays


def test_a_parcel_created_by_a_land_office_links_what_it_names(expropriation_user, project_y, expropriation_office):
    Step.objects.filter(project=project_y).update(responsible_department=expropriation_office)
    parcel = parcel_create(user=expropriation_user, projects=[project_y], number="ZS-1", name="征收一号", area_ha="2.5")
    assert list(parcel.projects.all()) == [project_y]
