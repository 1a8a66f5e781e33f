from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScaleConfig(AppConfig):
    """Tools for measuring Diaodu at the scale of a province: deterministic bulk data for benchmarks."""

    name = "diaodu.scale"
    label = "scale"
    verbose_name = _("规模数据")
