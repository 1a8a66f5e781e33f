from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "diaodu.core"
    label = "core"
    verbose_name = _("基础")

    def ready(self):
        from . import signals  # noqa: F401  (calendar cache invalidation)
