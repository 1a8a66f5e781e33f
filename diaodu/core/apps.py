from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "diaodu.core"
    label = "core"
    verbose_name = _("基础")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import signals  # noqa: F401  (calendar cache invalidation)
        from .dataversion import after_migrate

        # After every migrate (and flush): the data version's triggers on SQLite, for the tables there are now.
        post_migrate.connect(after_migrate, sender=self, dispatch_uid="diaodu.core.dataversion")
