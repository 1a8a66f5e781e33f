"""The upload form of the areas' boundaries: errors in Chinese, each naming its field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from diaodu.core.forms import BootstrapForm

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class BoundaryUploadForm(BootstrapForm):
    """A GeoJSON FeatureCollection whose features name the areas (`properties.name`)."""

    file = forms.FileField(
        label=_("GeoJSON 文件"),
        help_text=_(
            "FeatureCollection，每个要素的 properties.name 为片区名称，几何为 Polygon 或 MultiPolygon（经度, 纬度）"
        ),
        error_messages={"required": _("请选择要上传的 GeoJSON 文件。"), "empty": _("上传的文件是空的。")},
        widget=forms.ClearableFileInput(attrs={"accept": ".geojson,.json,application/geo+json,application/json"}),
    )
    source = forms.CharField(
        label=_("来源"), max_length=200, required=False, help_text=_("如：自然资源局2026年勘测定界图")
    )

    # The version of each area's boundary as the page showed it (services.boundary_versions): an upload over
    # a boundary someone else replaced meanwhile is refused.
    versions = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("文件不能超过5 MB（现为 %(size).1f MB）。") % {"size": upload.size / 1024 / 1024}
            )
        return upload
