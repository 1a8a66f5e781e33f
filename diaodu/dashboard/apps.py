from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "diaodu.dashboard"
    label = "dashboard"
    verbose_name = _("驾驶舱与一张图")

    def ready(self):
        from diaodu.org.choices import Role
        from diaodu.org.roles import EDIT, VIEW, extend_role_permissions

        # Every member reads the cockpit and the map (narrowed by `visible_to`); the administrators and the
        # dispatch office keep the areas' boundaries (checked again in permissions.py).
        extend_role_permissions(
            {
                Role.ADMIN: {"dashboard.*": EDIT},
                Role.DISPATCH: {"dashboard.*": EDIT},
                Role.ZONE_LEADER: {"dashboard.*": VIEW},
                Role.OBSERVER: {"dashboard.*": VIEW},
                Role.RESPONSIBLE_LEADER: {"dashboard.*": VIEW},
                Role.DEPARTMENT: {"dashboard.*": VIEW},
                Role.OFFICER: {"dashboard.*": VIEW},
            }
        )

    def seed_demo(self, stdout):
        from .demo import seed_boundaries

        summary = seed_boundaries()
        stdout.write(f"一张图：{summary['areas']} 个片区的示意边界")
