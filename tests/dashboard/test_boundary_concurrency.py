"""No lost writes on the boundary upload: two administrators uploading over each other, the second is told."""

import pytest
from django.test import Client
from django.urls import reverse

from diaodu.dashboard.models import AreaBoundary
from diaodu.dashboard.services import BoundaryConflict, boundaries_import, boundary_versions
from tests.core.racing import race, shared_database, version_in  # noqa: F401  (a fixture)
from tests.dashboard.conftest import demo_areas
from tests.dashboard.test_boundaries import SQUARE, collection, feature, upload_of

pytestmark = pytest.mark.django_db

WIDER = [[125.36, 43.96], [125.42, 43.96], [125.42, 44.01], [125.36, 44.01], [125.36, 43.96]]


@pytest.fixture
def areas(db):
    return demo_areas()


def upload(client, data, version, source):
    return client.post(reverse("map-boundaries"), {"file": upload_of(data), "source": source, "versions": version})


def test_an_upload_over_a_boundary_replaced_meanwhile_shows_both_and_writes_nothing(
    client, areas, dispatcher, administrator
):
    boundaries_import(user=dispatcher, collection=collection(feature("洁净工业园")), source="v1")
    client.force_login(dispatcher)
    loaded = version_in(client.get(reverse("map-boundaries")).text, "versions")
    assert loaded == boundary_versions()
    boundaries_import(user=administrator, collection=collection(feature("洁净工业园", WIDER)), source="勘测定界图")
    answer = upload(client, collection(feature("洁净工业园"), feature("现代农业产业园")), loaded, "旧底图")
    assert answer.status_code == 200
    page = answer.text
    assert 'data-testid="edit-conflict"' in page and "保存人：郑洁" in page
    assert (
        '<th scope="row" class="fw-normal">洁净工业园</th><td class="text-primary">旧底图 · Polygon，5个顶点</td>'
        in page
    )
    assert "勘测定界图 · Polygon，5个顶点 · 郑洁" in page
    # Nothing was written: not the stale area, not the other one the file named either.
    park = AreaBoundary.objects.get(area=areas["洁净工业园"])
    assert (park.source, park.geometry["coordinates"]) == ("勘测定界图", [WIDER])
    assert not AreaBoundary.objects.filter(area=areas["现代农业产业园"]).exists()
    # The page now carries the versions in place: uploading again replaces them knowingly.
    assert version_in(page, "versions") == boundary_versions()
    again = upload(client, collection(feature("洁净工业园")), version_in(page, "versions"), "旧底图")
    assert again.status_code == 302
    assert AreaBoundary.objects.get(area=areas["洁净工业园"]).source == "旧底图"


def test_an_area_given_a_boundary_meanwhile_is_a_conflict_too_and_others_are_not(areas, dispatcher, administrator):
    loaded = boundary_versions()
    boundaries_import(user=administrator, collection=collection(feature("洁净工业园")), source="新图")
    with pytest.raises(BoundaryConflict) as refused:
        boundaries_import(user=dispatcher, collection=collection(feature("洁净工业园", WIDER)), source="x", seen=loaded)
    assert [boundary.area.name for boundary in refused.value.stale] == ["洁净工业园"]
    assert AreaBoundary.objects.get(area=areas["洁净工业园"]).geometry["coordinates"] == [SQUARE]
    # An area nobody touched meanwhile is uploaded on the same, older, page.
    boundaries_import(user=dispatcher, collection=collection(feature("现代农业产业园")), source="x", seen=loaded)
    assert AreaBoundary.objects.filter(area=areas["现代农业产业园"]).exists()
    # No versions (a script, the demo loader): no check.
    boundaries_import(user=dispatcher, collection=collection(feature("洁净工业园", WIDER)), source="脚本")
    assert AreaBoundary.objects.get(area=areas["洁净工业园"]).source == "脚本"


@pytest.mark.django_db(transaction=True)
def test_two_administrators_uploading_at_once_one_is_told(shared_database, dispatcher, administrator):  # noqa: F811
    areas = demo_areas()

    def editor(user, source, ring):
        client = Client()

        def load():
            client.force_login(user)
            return version_in(client.get(reverse("map-boundaries")).text, "versions")

        def save(version):
            return upload(client, collection(feature("洁净工业园", ring)), version, source)

        return load, save

    answers = race(editor(dispatcher, "项目办图", SQUARE), editor(administrator, "管理员图", WIDER))
    assert sorted(answer.status_code for answer in answers) == [200, 302]
    told = next(answer for answer in answers if answer.status_code == 200)
    assert 'data-testid="edit-conflict"' in told.text
    winner = ["项目办图", "管理员图"][[answer.status_code for answer in answers].index(302)]
    assert AreaBoundary.objects.get(area=areas["洁净工业园"]).source == winner
