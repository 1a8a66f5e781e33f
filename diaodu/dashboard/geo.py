"""Area boundaries as GeoJSON (RFC 7946): checking a geometry, and reading an uploaded FeatureCollection.

A boundary is a geometry of type Polygon or MultiPolygon in WGS 84 longitude/latitude:
- a Polygon is a list of linear rings, the outer ring first and then its holes; a ring has at least four
  positions and is closed: its last position repeats its first;
- a MultiPolygon is a list of Polygons;
- a position is [longitude, latitude] (a third number, the altitude, is allowed and ignored); longitude lies
  in −180…180 and latitude in −90…90.
An uploaded file is a FeatureCollection whose features each carry the area's name in `properties.name` and a
boundary as their geometry. Every message names the feature, polygon, ring and position (counted from 1) and
says what was expected, so that the person who drew the file can find the place.
"""

from __future__ import annotations

import json
import math

from django.utils.translation import gettext as _

GEOMETRY_TYPES = ("Polygon", "MultiPolygon")
# A file names every problem up to this many; past them, one line says how many more there were.
MAX_ERRORS = 20


def _is_number(value) -> bool:
    # JSON's true/false arrive as bool, a subclass of int: they are no coordinate.
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _at(where: str, part: str) -> str:
    """A place in the file, from the outside in: "第2个要素（“洁净工业园”），外边界，第3个点"."""
    return _("%(where)s，%(part)s") % {"where": where, "part": part} if where else part


def _say(where: str, problem: str) -> str:
    return _("%(where)s：%(problem)s") % {"where": where, "problem": problem} if where else problem


def _position_error(position, where: str) -> str | None:
    if not isinstance(position, list) or not 2 <= len(position) <= 3:
        return _say(where, _("坐标应为 [经度, 纬度]，如 [125.36, 44.03]。"))
    if not all(_is_number(value) for value in position):
        return _say(where, _("经度和纬度应为数字。"))
    lon, lat = position[0], position[1]
    if not -180 <= lon <= 180:
        return _say(where, _("经度应在 -180 到 180 之间，现为 %(value)s。") % {"value": lon})
    if not -90 <= lat <= 90:
        swapped = -90 <= lon <= 90 and -180 <= lat <= 180
        hint = _("坐标的顺序是 [经度, 纬度]，是否写反了？") if swapped else ""
        return _say(where, _("纬度应在 -90 到 90 之间，现为 %(value)s。%(hint)s") % {"value": lat, "hint": hint})
    return None


def _ring_errors(ring, where: str) -> list[str]:
    if not isinstance(ring, list):
        return [_say(where, _("环应为坐标的列表。"))]
    errors = []
    for index, position in enumerate(ring, start=1):
        error = _position_error(position, _at(where, _("第%(n)d个点") % {"n": index}))
        if error:
            errors.append(error)
    if errors:
        return errors
    if len(ring) < 4:
        return [_say(where, _("一个环至少要有4个点（首尾相同），现有%(n)d个。") % {"n": len(ring)})]
    if ring[0][:2] != ring[-1][:2]:
        return [
            _say(
                where,
                _("环没有闭合：最后一个点应与第一个点 %(first)s 相同，现为 %(last)s。")
                % {"first": json.dumps(ring[0][:2]), "last": json.dumps(ring[-1][:2])},
            )
        ]
    return []


def _polygon_errors(rings, where: str) -> list[str]:
    if not isinstance(rings, list) or not rings:
        return [_say(where, _("多边形应为至少一个环（外边界）的列表。"))]
    errors = []
    for index, ring in enumerate(rings, start=1):
        label = _("外边界") if index == 1 else _("第%(n)d个环（内洞）") % {"n": index}
        errors.extend(_ring_errors(ring, _at(where, label)))
    return errors


def geometry_errors(geometry, where: str = "") -> list[str]:
    """What is wrong with a boundary geometry, in words; an empty list when it is a valid (Multi)Polygon.

    `where` names the geometry's place in a file (e.g. its feature), put before each message.
    """
    if not isinstance(geometry, dict):
        return [_say(where, _('几何图形应为 GeoJSON 对象，如 {"type": "Polygon", "coordinates": [...]}。'))]
    kind = geometry.get("type")
    if kind not in GEOMETRY_TYPES:
        return [_say(where, _("几何类型应为 Polygon 或 MultiPolygon，现为 %(kind)s。") % {"kind": json.dumps(kind)})]
    coordinates = geometry.get("coordinates")
    if kind == "Polygon":
        return _polygon_errors(coordinates, where)
    if not isinstance(coordinates, list) or not coordinates:
        return [_say(where, _("MultiPolygon 的坐标应为至少一个多边形的列表。"))]
    errors = []
    for index, rings in enumerate(coordinates, start=1):
        errors.extend(_polygon_errors(rings, _at(where, _("第%(n)d个多边形") % {"n": index})))
    return errors


def clean_geometry(geometry: dict) -> dict:
    """Only what the map draws: the type and the coordinates (a stray `bbox` or `crs` is dropped)."""
    return {"type": geometry["type"], "coordinates": geometry["coordinates"]}


def load_json(raw: bytes) -> tuple[object | None, str | None]:
    """The JSON of an uploaded file, or the reason it could not be read (with the line and column)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, _("文件应为 UTF-8 编码的 GeoJSON 文本。")
    try:
        return json.loads(text), None
    except json.JSONDecodeError as error:
        return None, _("文件不是有效的 JSON：第%(line)d行第%(column)d列，%(reason)s。") % {
            "line": error.lineno,
            "column": error.colno,
            "reason": error.msg,
        }


def read_collection(data, area_names) -> tuple[list[tuple[str, dict]], list[str]]:
    """The (area name, geometry) of each feature of a FeatureCollection, and every problem found.

    `area_names` are the names of the zone's areas: a feature must name one of them, and each at most once.
    Nothing is returned as usable unless the whole file is: the caller writes nothing when errors are given.
    """
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        return [], [_('文件应为 GeoJSON 的 FeatureCollection（"type": "FeatureCollection"）。')]
    features = data.get("features")
    if not isinstance(features, list) or not features:
        return [], [_("FeatureCollection 中没有要素（features 为空）。")]
    known = set(area_names)
    result: list[tuple[str, dict]] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for number, feature in enumerate(features, start=1):
        where = _("第%(n)d个要素") % {"n": number}
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            errors.append(_say(where, _('应为 "type": "Feature" 的对象。')))
            continue
        properties = feature.get("properties") or {}
        name = properties.get("name") if isinstance(properties, dict) else None
        if not isinstance(name, str) or not name.strip():
            errors.append(_say(where, _("缺少 properties.name（片区名称，如“洁净工业园”）。")))
            continue
        name = name.strip()
        where = _("第%(n)d个要素（“%(name)s”）") % {"n": number, "name": name}
        if name not in known:
            names = "、".join(sorted(known)) or "—"
            problem = _("没有名为“%(name)s”的片区；应为以下之一：%(names)s。") % {"name": name, "names": names}
            errors.append(_say(where, problem))
            continue
        if name in seen:
            errors.append(_say(where, _("该片区已在第%(n)d个要素中出现。") % {"n": seen[name]}))
            continue
        seen[name] = number
        problems = geometry_errors(feature.get("geometry"), where)
        if problems:
            errors.extend(problems)
            continue
        result.append((name, clean_geometry(feature["geometry"])))
    if len(errors) > MAX_ERRORS:
        errors = [*errors[:MAX_ERRORS], _("……另有%(n)d处错误。") % {"n": len(errors) - MAX_ERRORS}]
    return result, errors


def bounds(geometries) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of some geometries' outer rings; None without any."""
    lons, lats = [], []
    for geometry in geometries:
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for polygon in polygons:
            for lon, lat, *_rest in polygon[0]:
                lons.append(lon)
                lats.append(lat)
    if not lons:
        return None
    return min(lons), min(lats), max(lons), max(lats)
