"""Forms that render with Bootstrap's classes, large enough to tap on a phone."""

from django import forms


class BootstrapMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class BootstrapForm(BootstrapMixin, forms.Form):
    pass


class BootstrapModelForm(BootstrapMixin, forms.ModelForm):
    pass


class AnyYesNoSelect(forms.Select):
    """A yes/no filter whose empty choice reads 'all' rather than Django's 'unknown'."""

    def __init__(self, attrs=None):
        from django.utils.translation import gettext_lazy as _

        super().__init__(attrs, choices=[("", _("全部")), ("true", _("是")), ("false", _("否"))])

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        return {"true": True, "false": False}.get(str(value).lower()) if value else None
