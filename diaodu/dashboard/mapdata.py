"""Reads of the zone's map (一张图): the areas' boundaries, projects and parcels as GeoJSON FeatureCollections.

Points are [longitude, latitude] (GeoJSON's order), from the latitude and longitude of each project and parcel;
those without coordinates are listed beside the map instead. Projects are narrowed by `visible_to(user)`;
areas and parcels are zone-level data. A fixed number of queries whatever the number of rows; each layer
holds at most `POINT_LIMIT` points (the largest first), and says when it was cut.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from diaodu.land.choices import ParcelStatus
from diaodu.land.models import Parcel
from diaodu.org.models import Area
from diaodu.progress.choices import Light
from diaodu.projects.choices import Stage
from diaodu.projects.models import Project

from .geo import bounds

POINT_LIMIT = 5000
UNPLACED_LIMIT = 50
ZERO = Decimal(0)
PLACED = Q(latitude__isnull=False, longitude__isnull=False)


def _money(value: Decimal | None) -> str:
    """万元 as a string with two places: JSON numbers would be floats."""
    return f"{value or ZERO:.2f}"


def _hectares(value: Decimal | None) -> str:
    """公顷 as a string with the ledger's four places."""
    return f"{value or ZERO:.4f}"


def _url_maker(name: str):
    """A page's address for many ids at once: `reverse` once, then the id put in (thousands of points per map)."""
    template = reverse(name, args=[987654321])
    return lambda pk: template.replace("987654321", str(pk))


def _collection(features: list[dict]) -> dict:
    return {"type": "FeatureCollection", "features": features}


def _point(latitude: Decimal, longitude: Decimal) -> dict:
    # Coordinates are no money: GeoJSON positions are plain numbers.
    return {"type": "Point", "coordinates": [float(longitude), float(latitude)]}


def _area_layer(user) -> tuple[dict, list[str]]:
    """The areas with a boundary, each with its projects by light and its parcels. Three queries."""
    projects = {
        row["area_id"]: row
        for row in Project.objects.visible_to(user)
        .order_by()
        .values("area_id")
        .annotate(
            count=Count("pk"),
            investment=Sum("total_investment"),
            red=Count("pk", filter=Q(light__light=Light.RED)),
            yellow=Count("pk", filter=Q(light__light=Light.YELLOW)),
            green=Count("pk", filter=Q(light__light=Light.GREEN)),
        )
    }
    parcels = {
        row["area_id"]: row
        for row in Parcel.objects.visible_to(user)
        .order_by()
        .values("area_id")
        .annotate(count=Count("pk"), area_ha=Sum("area_ha"))
    }
    features, missing = [], []
    for area in Area.objects.select_related("boundary").order_by("sort_order", "pk"):
        boundary = getattr(area, "boundary", None)
        if boundary is None:
            missing.append(area.name)
            continue
        own = projects.get(area.pk, {})
        land = parcels.get(area.pk, {})
        features.append(
            {
                "type": "Feature",
                "id": area.pk,
                "geometry": boundary.geometry,
                "properties": {
                    "id": area.pk,
                    "name": area.name,
                    "kind": area.kind,
                    "kind_label": str(area.get_kind_display()),
                    "projects": own.get("count", 0),
                    "investment": _money(own.get("investment")),
                    "red": own.get("red", 0),
                    "yellow": own.get("yellow", 0),
                    "green": own.get("green", 0),
                    "parcels": land.get("count", 0),
                    "parcel_ha": _hectares(land.get("area_ha")),
                    "url": reverse("lights") + f"?area={area.pk}",
                },
            }
        )
    return _collection(features), missing


def _project_layer(user) -> tuple[dict, dict]:
    """The projects with coordinates (a point each, by light), and those without. Three queries."""
    visible = Project.objects.visible_to(user).exclude(stage=Stage.CANCELLED)
    fields = ("pk", "name", "stage", "total_investment", "area__name", "light__light", "latitude", "longitude")
    rows = visible.filter(PLACED).order_by("-total_investment", "pk").values_list(*fields)[:POINT_LIMIT]
    stages = {value: str(label) for value, label in Stage.choices}
    lights = {value: str(label) for value, label in Light.choices}
    url = _url_maker("project-detail")
    unlit = _("未亮灯")
    features = [
        {
            "type": "Feature",
            "id": pk,
            "geometry": _point(latitude, longitude),
            "properties": {
                "id": pk,
                "name": name,
                "light": light or "none",
                "light_label": lights.get(light) or unlit,
                "stage": stage,
                "stage_label": stages.get(stage, stage),
                "total_investment": _money(investment),
                "area": area or "",
                "url": url(pk),
            },
        }
        for pk, name, stage, investment, area, light, latitude, longitude in rows
    ]
    counts = visible.aggregate(total=Count("pk"), placed=Count("pk", filter=PLACED))
    unplaced = [
        {"id": pk, "name": name, "url": reverse("project-detail", args=[pk])}
        for pk, name in visible.exclude(PLACED)
        .order_by("-total_investment", "pk")
        .values_list("pk", "name")[:UNPLACED_LIMIT]
    ]
    return _collection(features), {
        "total": counts["total"],
        "placed": counts["placed"],
        "shown": len(features),
        "unplaced": unplaced,
        "unplaced_count": counts["total"] - counts["placed"],
    }


def _parcel_layer(user) -> tuple[dict, dict]:
    """The parcels with coordinates (a point each, by status), and those without. Three queries."""
    visible = Parcel.objects.visible_to(user)
    fields = ("pk", "number", "name", "status", "area_ha", "area__name", "latitude", "longitude")
    rows = visible.filter(PLACED).order_by("-area_ha", "pk").values_list(*fields)[:POINT_LIMIT]
    statuses = {value: str(label) for value, label in ParcelStatus.choices}
    url = _url_maker("parcel-detail")
    features = [
        {
            "type": "Feature",
            "id": pk,
            "geometry": _point(latitude, longitude),
            "properties": {
                "id": pk,
                "number": number,
                "name": name,
                "status": status,
                "status_label": statuses.get(status, status),
                "area_ha": _hectares(area_ha),
                "area": area or "",
                "url": url(pk),
            },
        }
        for pk, number, name, status, area_ha, area, latitude, longitude in rows
    ]
    counts = visible.aggregate(total=Count("pk"), placed=Count("pk", filter=PLACED))
    unplaced = [
        {"id": pk, "name": f"{number} {name}", "url": reverse("parcel-detail", args=[pk])}
        for pk, number, name in visible.exclude(PLACED)
        .order_by("number")
        .values_list("pk", "number", "name")[:UNPLACED_LIMIT]
    ]
    return _collection(features), {
        "total": counts["total"],
        "placed": counts["placed"],
        "shown": len(features),
        "unplaced": unplaced,
        "unplaced_count": counts["total"] - counts["placed"],
    }


def map_layers(user) -> dict:
    """The three layers of the map and what could not be placed on it. Nine queries."""
    areas, missing = _area_layer(user)
    projects, project_counts = _project_layer(user)
    parcels, parcel_counts = _parcel_layer(user)
    box = bounds(feature["geometry"] for feature in areas["features"])
    return {
        "areas": areas,
        "projects": projects,
        "parcels": parcels,
        "bounds": list(box) if box else None,
        "areas_without_boundary": missing,
        "project_counts": project_counts,
        "parcel_counts": parcel_counts,
        "legend": {
            "lights": {**{light: str(label) for light, label in Light.choices}, "none": _("未亮灯")},
            "statuses": {status: str(label) for status, label in ParcelStatus.choices},
            "areas": _("片区"),
            "projects": _("项目"),
            "parcels": _("地块"),
            "text": {
                "stage": _("阶段"),
                "light": _("亮灯"),
                "investment": _("总投资"),
                "area": _("片区"),
                "status": _("状态"),
                "land": _("面积"),
                "projects": _("项目"),
                "parcels": _("地块"),
                "wan": _("万元"),
                "yi": _("亿元"),
                "ha": _("公顷"),
                "mu": _("亩"),
                "project_count": _("%(n)s 个项目"),
                "parcel_count": _("%(n)s 个地块"),
                "open": _("点击打开"),
            },
        },
    }
