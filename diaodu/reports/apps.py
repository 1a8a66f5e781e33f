from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "diaodu.reports"
    label = "reports"
    verbose_name = _("调度通报")

    def ready(self):
        from diaodu.core.nightly import register_nightly_job
        from diaodu.meetings.panels import register_meeting_panel
        from diaodu.org.choices import Role
        from diaodu.org.roles import EDIT, VIEW, extend_role_permissions

        from .panels import bulletin_panel
        from .services import weekly_bulletin

        # Rows are narrowed by `visible_to`: only the roles that see the whole zone read bulletins.
        extend_role_permissions(
            {
                Role.DISPATCH: {"reports.*": EDIT},
                Role.ADMIN: {"reports.*": EDIT},
                Role.ZONE_LEADER: {"reports.*": VIEW},
                Role.OBSERVER: {"reports.*": VIEW},
            }
        )
        register_meeting_panel(bulletin_panel, order=10)
        # Mondays (DIAODU_BULLETIN_WEEKDAY): the bulletin of the week just ended, made in the background.
        register_nightly_job("bulletin", weekly_bulletin)

    def after_seed_demo(self, stdout):
        from .demo import seed_bulletin

        stdout.write(seed_bulletin())
