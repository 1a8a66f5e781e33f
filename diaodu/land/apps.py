from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LandConfig(AppConfig):
    name = "diaodu.land"
    label = "land"
    verbose_name = _("土地征收与供应")

    def ready(self):
        from diaodu.org.choices import Role
        from diaodu.org.roles import EDIT, VIEW, extend_role_permissions

        extend_role_permissions(
            {
                Role.DISPATCH: {"land.*": EDIT},
                Role.ADMIN: {"land.*": VIEW},
                Role.ZONE_LEADER: {"land.*": VIEW},
                Role.OBSERVER: {"land.*": VIEW},
                Role.RESPONSIBLE_LEADER: {"land.*": VIEW},
                Role.OFFICER: {"land.*": VIEW},
                # Of the departments, only the 征收办 and the 自然资源局 change parcels (checked in permissions.py).
                Role.DEPARTMENT: {"land.*": VIEW, "land.parcel": ("add", "change", "view")},
            }
        )

        try:
            from diaodu.projects.panels import register_project_panel
        except ImportError:  # pragma: no cover  (a registry without panels)
            pass
        else:
            from .panels import parcels_panel

            register_project_panel(parcels_panel, order=40)

    def seed_demo(self, stdout):
        from .demo import seed_land

        summary = seed_land()
        stdout.write(
            f"土地台账：{summary['year']}年征供地任务 {summary['quota_ha']} 公顷，地块 {summary['parcels']} 个；"
            f"已征收 {summary['acquired_ha']} 公顷，已供应 {summary['supplied_ha']} 公顷，"
            f"剩余 {summary['remaining_ha']} 公顷（每月需完成 {summary['required_monthly_ha']} 公顷）"
        )
