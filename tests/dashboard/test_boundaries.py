"""The areas' boundaries: GeoJSON checked to the point, uploaded all or nothing, kept with their history."""

import copy
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from diaodu.dashboard.demo import DEMO_FILE, seed_boundaries
from diaodu.dashboard.geo import geometry_errors
from diaodu.dashboard.models import AreaBoundary
from diaodu.dashboard.services import boundaries_import
from diaodu.org.models import Area
from tests.dashboard.conftest import demo_areas

pytestmark = pytest.mark.django_db

SQUARE = [[125.37, 43.97], [125.41, 43.97], [125.41, 44.0], [125.37, 44.0], [125.37, 43.97]]


def feature(name, ring=SQUARE, kind="Polygon"):
    coordinates = [ring] if kind == "Polygon" else [[ring]]
    return {"type": "Feature", "properties": {"name": name}, "geometry": {"type": kind, "coordinates": coordinates}}


def collection(*features):
    return {"type": "FeatureCollection", "features": list(features)}


@pytest.fixture
def areas(db):
    return demo_areas()


def test_a_good_file_sets_the_boundary_of_each_area_it_names(areas, dispatcher):
    shifted = [[lon + 0.05, lat] for lon, lat in SQUARE]
    saved = boundaries_import(
        user=dispatcher,
        collection=collection(feature("洁净工业园"), feature("现代农业产业园", shifted, kind="MultiPolygon")),
        source="勘测定界图",
    )
    assert [boundary.area.name for boundary in saved] == ["洁净工业园", "现代农业产业园"]
    park = AreaBoundary.objects.get(area=areas["洁净工业园"])
    assert park.geometry == {"type": "Polygon", "coordinates": [SQUARE]} and park.source == "勘测定界图"
    assert AreaBoundary.objects.get(area=areas["现代农业产业园"]).geometry["type"] == "MultiPolygon"
    assert AreaBoundary.objects.count() == 2  # the areas the file does not name keep what they had (nothing)


def test_a_second_upload_replaces_a_boundary_and_keeps_its_history(areas, dispatcher):
    boundaries_import(user=dispatcher, collection=collection(feature("洁净工业园")), source="v1")
    wider = [[125.36, 43.96], [125.42, 43.96], [125.42, 44.01], [125.36, 44.01], [125.36, 43.96]]
    boundaries_import(user=dispatcher, collection=collection(feature("洁净工业园", wider)), source="v2")
    boundary = AreaBoundary.objects.get(area=areas["洁净工业园"])
    assert boundary.geometry["coordinates"] == [wider]
    assert [entry.source for entry in boundary.history.order_by("history_date")] == ["v1", "v2"]


def test_a_bad_geometry_is_refused_naming_the_feature_the_ring_and_the_point_and_nothing_is_written(areas, dispatcher):
    unclosed = [*SQUARE[:-1], [125.37, 43.98]]
    swapped = [[lat, lon] for lon, lat in SQUARE]
    upload = collection(feature("洁净工业园"), feature("现代农业产业园", unclosed), feature("文化旅游产业园", swapped))
    with pytest.raises(ValidationError) as refusal:
        boundaries_import(user=dispatcher, collection=upload)
    assert refusal.value.messages == [
        "第2个要素（“现代农业产业园”），外边界：环没有闭合：最后一个点应与第一个点 [125.37, 43.97] 相同，"
        "现为 [125.37, 43.98]。",
        "第3个要素（“文化旅游产业园”），外边界，第1个点：纬度应在 -90 到 90 之间，现为 125.37。"
        "坐标的顺序是 [经度, 纬度]，是否写反了？",
        "第3个要素（“文化旅游产业园”），外边界，第2个点：纬度应在 -90 到 90 之间，现为 125.41。"
        "坐标的顺序是 [经度, 纬度]，是否写反了？",
        "第3个要素（“文化旅游产业园”），外边界，第3个点：纬度应在 -90 到 90 之间，现为 125.41。"
        "坐标的顺序是 [经度, 纬度]，是否写反了？",
        "第3个要素（“文化旅游产业园”），外边界，第4个点：纬度应在 -90 到 90 之间，现为 125.37。"
        "坐标的顺序是 [经度, 纬度]，是否写反了？",
        "第3个要素（“文化旅游产业园”），外边界，第5个点：纬度应在 -90 到 90 之间，现为 125.37。"
        "坐标的顺序是 [经度, 纬度]，是否写反了？",
    ]
    assert AreaBoundary.objects.count() == 0  # the good first feature was not written either


def test_an_unknown_area_name_is_refused_naming_the_feature_and_the_names_expected(areas, dispatcher):
    boundaries_import(user=dispatcher, collection=collection(feature("洁净工业园")), source="原有")
    with pytest.raises(ValidationError) as refusal:
        boundaries_import(user=dispatcher, collection=collection(feature("洁净工业园"), feature("医药产业园")))
    [message] = refusal.value.messages
    assert message.startswith("第2个要素（“医药产业园”）：没有名为“医药产业园”的片区；应为以下之一：")
    assert "洁净工业园" in message and "康养新城" in message
    # The first feature was valid, but nothing of the file was written: the old boundary stands.
    assert AreaBoundary.objects.get().source == "原有"


@pytest.mark.parametrize(
    ("upload", "expected"),
    [
        ({"type": "Feature"}, "文件应为 GeoJSON 的 FeatureCollection（\"type\": \"FeatureCollection\"）。"),
        (collection(), "FeatureCollection 中没有要素（features 为空）。"),
        (collection({"type": "Feature", "properties": {}, "geometry": None}),
         "第1个要素：缺少 properties.name（片区名称，如“洁净工业园”）。"),
        (collection(feature("洁净工业园"), feature("洁净工业园")),
         "第2个要素（“洁净工业园”）：该片区已在第1个要素中出现。"),
        (collection({"type": "Feature", "properties": {"name": "洁净工业园"},
                     "geometry": {"type": "Point", "coordinates": [125.4, 44.0]}}),
         "第1个要素（“洁净工业园”）：几何类型应为 Polygon 或 MultiPolygon，现为 \"Point\"。"),
        (collection(feature("洁净工业园", [*SQUARE[:2], SQUARE[-1]])),
         "第1个要素（“洁净工业园”），外边界：一个环至少要有4个点（首尾相同），现有3个。"),
        (collection(feature("洁净工业园", [[125.4, "44"], *SQUARE[1:]])),
         "第1个要素（“洁净工业园”），外边界，第1个点：经度和纬度应为数字。"),
        (collection(feature("洁净工业园", [[200, 44.0], *SQUARE[1:]])),
         "第1个要素（“洁净工业园”），外边界，第1个点：经度应在 -180 到 180 之间，现为 200。"),
    ],
)  # fmt: skip
def test_each_mistake_is_named(areas, dispatcher, upload, expected):
    with pytest.raises(ValidationError) as refusal:
        boundaries_import(user=dispatcher, collection=upload)
    assert refusal.value.messages == [expected]


def test_a_hole_and_a_multipolygon_part_are_checked_too():
    hole = [[125.38, 43.98], [125.39, 43.98], [125.39, 43.99], [125.38, 43.98]]
    assert geometry_errors({"type": "Polygon", "coordinates": [SQUARE, hole]}) == []
    assert geometry_errors({"type": "Polygon", "coordinates": [SQUARE, hole[:-1]]}) == [
        "第2个环（内洞）：一个环至少要有4个点（首尾相同），现有3个。"
    ]
    assert geometry_errors({"type": "MultiPolygon", "coordinates": [[SQUARE], []]}) == [
        "第2个多边形：多边形应为至少一个环（外边界）的列表。"
    ]


def test_the_model_refuses_a_bad_geometry_as_the_admin_saves_it(areas):
    boundary = AreaBoundary(area=areas["洁净工业园"], geometry={"type": "Polygon", "coordinates": [SQUARE[:-1]]})
    with pytest.raises(ValidationError) as refusal:
        boundary.full_clean()
    assert "环没有闭合" in refusal.value.message_dict["geometry"][0]


def test_only_administrators_and_the_dispatch_office_may_import(areas, leader, administrator):
    with pytest.raises(PermissionDenied):
        boundaries_import(user=leader, collection=collection(feature("洁净工业园")))
    assert boundaries_import(user=administrator, collection=collection(feature("洁净工业园")))


def test_the_demo_file_draws_every_area_of_the_demo_zone_and_loads_twice_alike(areas):
    assert seed_boundaries() == {"areas": 8}
    first = {boundary.area_id: boundary.geometry for boundary in AreaBoundary.objects.all()}
    assert seed_boundaries() == {"areas": 8}
    assert {boundary.area_id: boundary.geometry for boundary in AreaBoundary.objects.all()} == first
    assert AreaBoundary.history.count() == 8  # the second load changed nothing
    # The schematic encloses the demo centres of its areas (projects and parcels lie around them).
    from diaodu.projects.demo_data import AREA_CENTRES

    for name, (lat, lon) in AREA_CENTRES.items():
        ring = AreaBoundary.objects.get(area__name=name).geometry["coordinates"][0]
        lons, lats = [point[0] for point in ring], [point[1] for point in ring]
        assert min(lons) < lon < max(lons) and min(lats) < lat < max(lats), name
    assert json.loads(DEMO_FILE.read_text(encoding="utf-8"))["type"] == "FeatureCollection"


def test_the_upload_page_writes_a_good_file_and_lists_every_mistake_of_a_bad_one(client, areas, dispatcher):
    client.force_login(dispatcher)
    bad = copy.deepcopy(collection(feature("洁净工业园"), feature("医药产业园")))
    answer = client.post(reverse("map-boundaries"), {"file": upload_of(bad), "source": ""})
    assert answer.status_code == 200
    assert "文件有误，未作任何修改" in answer.text and "第2个要素（“医药产业园”）" in answer.text
    assert AreaBoundary.objects.count() == 0
    answer = client.post(reverse("map-boundaries"), {"file": SimpleUploadedFile("x.geojson", b"{not json")})
    assert "文件不是有效的 JSON：第1行第2列" in answer.text
    answer = client.post(reverse("map-boundaries"), {"file": upload_of(collection(feature("洁净工业园")))})
    assert answer.status_code == 302 and answer["Location"] == reverse("zone-map")
    assert AreaBoundary.objects.get().source == "zone.geojson"  # without a source: the file's name
    page = client.get(reverse("zone-map")).text
    assert "已更新1个片区的边界：洁净工业园。" in page and 'data-testid="zone-map"' in page


def test_the_current_boundaries_download_as_a_file_the_upload_takes_back(client, areas, dispatcher, leader):
    seed_boundaries()
    client.force_login(leader)
    answer = client.get(reverse("map-boundaries-download"))
    assert answer["Content-Type"].startswith("application/geo+json")
    downloaded = json.loads(answer.content)
    assert len(downloaded["features"]) == 8
    Area.objects.filter(boundary__isnull=False).first().boundary.delete()
    assert boundaries_import(user=dispatcher, collection=downloaded, source="回传")
    assert AreaBoundary.objects.count() == 8


def test_without_boundaries_the_map_says_so_and_offers_the_upload(client, areas, dispatcher):
    client.force_login(dispatcher)
    page = client.get(reverse("zone-map")).text
    assert 'data-testid="no-boundaries"' in page and reverse("map-boundaries") in page


def upload_of(data) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "zone.geojson", json.dumps(data, ensure_ascii=False).encode(), content_type="application/geo+json"
    )


def test_the_admin_lists_the_boundaries_and_links_to_the_upload(admin_client, areas):
    seed_boundaries()
    page = admin_client.get("/admin/dashboard/areaboundary/").content.decode()
    assert "洁净工业园" in page and f'href="{reverse("map-boundaries")}"' in page
    boundary = AreaBoundary.objects.get(area__name="洁净工业园")
    assert admin_client.get(f"/admin/dashboard/areaboundary/{boundary.pk}/history/").status_code == 200
