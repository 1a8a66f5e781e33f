from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "diaodu.ledger"
    label = "ledger"
    verbose_name = _("台账导入导出")

    def ready(self):
        from diaodu.projects.exports import register_reported_investment

        from .selectors import reported_investment

        # The exported 累计完成投资 is the opening balance plus what was reported since: what the import reads back.
        register_reported_investment(reported_investment)
