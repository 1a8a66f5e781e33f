from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotifyConfig(AppConfig):
    name = "diaodu.notify"
    label = "notify"
    verbose_name = _("通知")

    def ready(self):
        from diaodu.org.choices import Role
        from diaodu.org.roles import EDIT, VIEW, extend_role_permissions

        # Group robots are configured by the administrator; the delivery log is read-only for everyone.
        extend_role_permissions({Role.ADMIN: {"notify.webhookendpoint": EDIT, "notify.delivery": VIEW}})
