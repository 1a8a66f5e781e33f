"""Writes of the dashboard: the areas' boundaries from an uploaded GeoJSON FeatureCollection.

An upload replaces the boundaries of every area its file names, so the upload page carries the version of
each area's boundary as the page showed it (`boundary_versions`, see `diaodu.core.concurrency`): when another
administrator has uploaded over one of them since, the upload is refused (`BoundaryConflict`), nothing is
written, and the page shows whose boundary is in place now.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from diaodu.core import concurrency
from diaodu.org.models import Area

from .geo import read_collection
from .models import AreaBoundary
from .permissions import may_manage_boundaries


class BoundaryConflict(concurrency.EditConflict):
    """Boundaries uploaded by someone else since the page was loaded; `stale` lists them (`current` is the first)."""

    def __init__(self, stale: list[AreaBoundary]):
        self.stale = stale
        super().__init__(stale[0], _("片区边界在您打开本页之后已被他人上传，本次上传没有写入。"))


def boundary_versions() -> str:
    """Each area's boundary version as the upload page shows it: `area id:version` pairs (`0`: no boundary yet)."""
    versions = dict.fromkeys(Area.objects.values_list("pk", flat=True), concurrency.NEW)
    for boundary in AreaBoundary.objects.only("area_id", "updated_at"):
        versions[boundary.area_id] = concurrency.version_of(boundary)
    return ",".join(f"{area}:{version}" for area, version in sorted(versions.items()))


def _parse_versions(text: str | None) -> dict[int, str] | None:
    """`boundary_versions()` read back; None (no check) for a missing or garbled value (older pages, scripts)."""
    if not text:
        return None
    versions = {}
    for pair in text.split(","):
        area, _colon, version = pair.partition(":")
        if not (area.strip().isdigit() and version.strip()):
            return None
        versions[int(area)] = version.strip()
    return versions


@transaction.atomic
def boundaries_import(*, user, collection, source: str = "", seen: str | None = None) -> list[AreaBoundary]:
    """Set the boundary of each area the FeatureCollection names (by `properties.name`); other areas keep theirs.

    All or nothing: when any feature is wrong, a ValidationError lists every problem (naming the feature and
    what was expected) and no boundary is written. `user` None is the system (the demo loader). `seen` is
    `boundary_versions()` as the uploader's page had it: a named area whose boundary changed since (or that
    got one) raises BoundaryConflict and nothing is written.
    """
    if user is not None and not may_manage_boundaries(user):
        raise PermissionDenied(_("只有管理员和项目办可以上传片区边界。"))
    areas = {area.name: area for area in Area.objects.all()}
    features, errors = read_collection(collection, areas)
    if errors:
        raise ValidationError(errors)
    # Lock the areas named, then read their boundaries: two uploads at once end as one of them, never as a mix
    # of both, and an area's first boundary uploaded twice at once is a conflict, not a duplicate row (the areas
    # always exist, where a boundary not yet saved cannot be locked).
    list(Area.objects.select_for_update().filter(pk__in=[areas[name].pk for name, _g in features]).order_by("pk"))
    existing = {
        boundary.area_id: boundary
        for boundary in AreaBoundary.objects.select_for_update().filter(area__in=[areas[name] for name, _g in features])
    }
    loaded = _parse_versions(seen)
    if loaded is not None:
        stale = [
            existing[areas[name].pk]
            for name, _g in features
            if areas[name].pk in existing
            and areas[name].pk in loaded
            and concurrency.is_stale(existing[areas[name].pk], loaded[areas[name].pk])
        ]
        if stale:
            raise BoundaryConflict(stale)
    saved = []
    for name, geometry in features:
        area = areas[name]
        boundary = existing.get(area.pk) or AreaBoundary(area=area)
        if boundary.pk and boundary.geometry == geometry and boundary.source == source:
            saved.append(boundary)
            continue
        boundary.geometry, boundary.source = geometry, source
        boundary.full_clean()
        boundary._change_reason = _("上传片区边界：%(source)s") % {"source": source} if source else ""
        if user is not None:
            boundary._history_user = user  # the conflict names who uploaded, outside a request too
        boundary.save()
        saved.append(boundary)
    return saved
