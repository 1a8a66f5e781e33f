"""Writes of the dashboard: the areas' boundaries from an uploaded GeoJSON FeatureCollection."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from diaodu.org.models import Area

from .geo import read_collection
from .models import AreaBoundary
from .permissions import may_manage_boundaries


@transaction.atomic
def boundaries_import(*, user, collection, source: str = "") -> list[AreaBoundary]:
    """Set the boundary of each area the FeatureCollection names (by `properties.name`); other areas keep theirs.

    All or nothing: when any feature is wrong, a ValidationError lists every problem (naming the feature and
    what was expected) and no boundary is written. `user` None is the system (the demo loader).
    """
    if user is not None and not may_manage_boundaries(user):
        raise PermissionDenied(_("只有管理员和项目办可以上传片区边界。"))
    areas = {area.name: area for area in Area.objects.all()}
    features, errors = read_collection(collection, areas)
    if errors:
        raise ValidationError(errors)
    # Lock the rows being replaced: two uploads at once end as one of them, never as a mix of both.
    existing = {
        boundary.area_id: boundary
        for boundary in AreaBoundary.objects.select_for_update().filter(area__in=[areas[name] for name, _g in features])
    }
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
        boundary.save()
        saved.append(boundary)
    return saved
