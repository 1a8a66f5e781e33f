"""Forms of the import page: the upload, and the options of a preview."""

from django import forms
from django.utils.translation import gettext_lazy as _

from diaodu.core.forms import BootstrapForm

from .workbook import MAX_BYTES

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class OptionsForm(BootstrapForm):
    year = forms.IntegerField(
        label=_("年度"),
        required=False,
        min_value=1990,
        max_value=2100,
        help_text=_("只写月份的日期（如“3月”）按此年度读取；不填则取标题中的年份"),
    )
    skip_invalid = forms.BooleanField(label=_("跳过错误行，只导入正确的行"), required=False)


class UploadForm(OptionsForm):
    file = forms.FileField(
        label=_("台账文件（.xlsx）"), widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{XLSX}"})
    )

    field_order = ["file", "year", "skip_invalid"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("文件过大（%(size).1f MB）：台账文件不能超过 %(limit)d MB。")
                % {"size": upload.size / 1024 / 1024, "limit": MAX_BYTES // 1024 // 1024}
            )
        if upload.name.lower().endswith(".xls"):
            raise forms.ValidationError(_("这是旧版 Excel（.xls）文件：请在 Excel 中“另存为”.xlsx 格式后再导入。"))
        return upload
