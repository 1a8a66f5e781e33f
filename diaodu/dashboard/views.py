"""Pages of the dashboard: the leader's cockpit (驾驶舱), the zone's map (一张图) and the upload of its boundaries."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from diaodu.core import concurrency
from diaodu.core.access import access_for
from diaodu.core.views import member_required
from diaodu.org.models import Area

from .forms import BoundaryUploadForm
from .geo import load_json
from .mapdata import map_layers
from .models import AreaBoundary
from .permissions import may_manage_boundaries
from .selectors import cockpit_today
from .services import BoundaryConflict, boundaries_import, boundary_versions


@member_required
def cockpit(request):
    """One page for the leader: tiles against plan, 序时进度 and targets, five charts, and what needs him now."""
    figures = cockpit_today(request.user)
    return render(
        request,
        "dashboard/cockpit.html",
        {"c": figures, "charts": figures["charts"], "sees_everything": access_for(request.user).sees_everything},
    )


@member_required
def zone_map(request):
    """The zone's areas with the projects (by light) and parcels (by status) on them, drawn without a tile server."""
    layers = map_layers(request.user)
    return render(
        request,
        "dashboard/map.html",
        {
            "layers": layers,
            "can_upload": may_manage_boundaries(request.user),
            "sees_everything": access_for(request.user).sees_everything,
        },
    )


def _outline(geometry) -> str:
    """A boundary in words for the conflict table: its kind and number of vertices."""
    points = 0
    stack = [geometry.get("coordinates", [])] if isinstance(geometry, dict) else []
    while stack:
        item = stack.pop()
        if item and isinstance(item[0], int | float):
            points += 1
        else:
            stack.extend(item)
    return _("%(kind)s，%(n)d个顶点") % {"kind": geometry.get("type", "?"), "n": points}


def _boundary_conflict(conflict: BoundaryConflict, features: dict, source: str) -> concurrency.ConflictNotice:
    """Each boundary replaced since the page was loaded: what this upload brings beside what is in place now."""
    notice = concurrency.notice(conflict)
    for boundary in conflict.stale:
        saved = concurrency.last_save(boundary)
        when = timezone.localtime(saved.when).strftime("%Y-%m-%d %H:%M") if saved.when else "—"
        notice.rows.append(
            (
                boundary.area.name,
                f"{source} · {_outline(features.get(boundary.area.name, {}))}",
                f"{boundary.source or '—'} · {_outline(boundary.geometry)} · {saved.who} {when}",
            )
        )
    return notice


@member_required
def boundary_upload(request):
    """Administrators and the dispatch office upload the areas' boundaries as one GeoJSON FeatureCollection.

    The page carries the version of each area's boundary as shown: an upload over a boundary another
    administrator replaced meanwhile shows both and writes nothing; uploading again then replaces it knowingly.
    """
    if not may_manage_boundaries(request.user):
        raise PermissionDenied(_("只有管理员和项目办可以上传片区边界。"))
    form = BoundaryUploadForm(request.POST or None, request.FILES or None, initial={"versions": boundary_versions()})
    problems = []
    conflict = None
    if request.method == "POST" and form.is_valid():
        data, error = load_json(form.cleaned_data["file"].read())
        source = form.cleaned_data["source"] or form.cleaned_data["file"].name
        if error:
            problems = [error]
        else:
            try:
                saved = boundaries_import(
                    user=request.user, collection=data, source=source, seen=form.cleaned_data["versions"]
                )
            except BoundaryConflict as refused:
                conflict = _boundary_conflict(refused, _features_by_name(data), source)
                form.data = form.data.copy()
                form.data["versions"] = boundary_versions()  # uploading again replaces what is there knowingly
            except ValidationError as refusal:
                problems = refusal.messages
            else:
                messages.success(
                    request,
                    _("已更新%(n)d个片区的边界：%(names)s。")
                    % {"n": len(saved), "names": "、".join(boundary.area.name for boundary in saved)},
                )
                return redirect("zone-map")
    areas = Area.objects.select_related("boundary").order_by("sort_order", "pk")
    context = {"form": form, "problems": problems, "areas": areas, "conflict": conflict}
    return render(request, "dashboard/boundaries.html", context)


def _features_by_name(collection) -> dict:
    features = collection.get("features", []) if isinstance(collection, dict) else []
    return {
        feature["properties"]["name"]: feature.get("geometry") or {}
        for feature in features
        if isinstance(feature, dict) and isinstance(feature.get("properties"), dict) and "name" in feature["properties"]
    }


@member_required
def boundary_download(request):
    """The boundaries now in use, as the FeatureCollection the upload page takes (to edit and upload again)."""
    features = [
        {
            "type": "Feature",
            "properties": {"name": boundary.area.name, "kind": boundary.area.kind, "source": boundary.source},
            "geometry": boundary.geometry,
        }
        for boundary in AreaBoundary.objects.visible_to(request.user)
        .select_related("area")
        .order_by("area__sort_order", "area_id")
    ]
    body = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/geo+json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="zone-boundaries.geojson"'
    return response
