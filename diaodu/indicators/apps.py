from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "diaodu.indicators"
    label = "indicators"
    verbose_name = _("经济指标")

    def ready(self):
        from diaodu.org.choices import Role
        from diaodu.org.roles import EDIT, VIEW, extend_role_permissions

        # Every member reads the indicators; the dispatch office and the administrators keep them (checked
        # again in permissions.py, which the services ask).
        extend_role_permissions(
            {
                Role.DISPATCH: {"indicators.*": EDIT},
                Role.ADMIN: {"indicators.*": EDIT},
                Role.ZONE_LEADER: {"indicators.*": VIEW},
                Role.OBSERVER: {"indicators.*": VIEW},
                Role.RESPONSIBLE_LEADER: {"indicators.*": VIEW},
                Role.DEPARTMENT: {"indicators.*": VIEW},
                Role.OFFICER: {"indicators.*": VIEW},
            }
        )

    def seed_demo(self, stdout):
        from .demo import seed_indicator_demo

        summary = seed_indicator_demo()
        stdout.write(
            f"经济指标：{summary['indicators']} 项，数值 {summary['values']} 条，目标 {summary['targets']} 条；"
            f"红灯 {summary['red']} 项，黄灯 {summary['yellow']} 项，绿灯 {summary['green']} 项"
        )
