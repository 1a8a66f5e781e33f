from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "diaodu.dashboard"
    label = "dashboard"
    verbose_name = _("驾驶舱与一张图")
