"""The dashboard owns one kind of record: the boundary of each area, drawn on the zone's map (一张图)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from diaodu.core.models import BaseModel
from diaodu.org.models import Area

from .geo import geometry_errors


class AreaBoundary(BaseModel):
    """The outline of an area (城、带、园) as a GeoJSON Polygon or MultiPolygon in longitude/latitude."""

    area = models.OneToOneField(Area, verbose_name=_("片区"), on_delete=models.CASCADE, related_name="boundary")
    geometry = models.JSONField(
        _("边界（GeoJSON）"),
        help_text=_('GeoJSON 几何：{"type": "Polygon", "coordinates": [[[经度, 纬度], …]]}，环须首尾闭合'),
    )
    source = models.CharField(
        _("来源"), max_length=200, blank=True, help_text=_("如：自然资源局2026年勘测定界图；演示示意图")
    )

    class Meta:
        ordering = ["area__sort_order", "area_id"]
        verbose_name = _("片区边界")
        verbose_name_plural = _("片区边界")

    def __str__(self):
        return str(self.area)

    # Boundaries are zone-level data: every member of the zone sees the map (the default `visibility_q`).

    def clean(self):
        errors = geometry_errors(self.geometry)
        if errors:
            raise ValidationError({"geometry": errors})
