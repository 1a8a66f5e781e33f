from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "diaodu.meetings"
    label = "meetings"
    verbose_name = _("调度会")

    def ready(self):
        from diaodu.org.choices import Role
        from diaodu.org.roles import EDIT, VIEW, extend_role_permissions
        from diaodu.projects.panels import register_project_panel

        from .panels import meetings_panel

        # The dispatch office keeps the meetings and administrators may correct them; everyone else reads
        # (rows narrowed by `visible_to`: see views.py). Decisions also need the right to assign issues.
        extend_role_permissions(
            {
                Role.DISPATCH: {"meetings.*": EDIT},
                Role.ADMIN: {"meetings.*": EDIT},
                Role.ZONE_LEADER: {"meetings.*": VIEW},
                Role.OBSERVER: {"meetings.*": VIEW},
                Role.RESPONSIBLE_LEADER: {"meetings.*": VIEW},
                Role.DEPARTMENT: {"meetings.*": VIEW},
                Role.OFFICER: {"meetings.*": VIEW},
            }
        )
        register_project_panel(meetings_panel, order=60)

    def seed_demo(self, stdout):
        from .demo import seed_meetings

        summary = seed_meetings()
        stdout.write(
            f"调度会：{summary['meetings']} 次（周调度 {summary['weekly']}，月调度 {summary['monthly']}，"
            f"专题调度 {summary['special']}），议题 {summary['agenda']} 个，议定事项 {summary['decisions']} 项"
        )

    def after_seed_demo(self, stdout):
        # The agendas read the stored lights, which `progress` computes in its own after_seed_demo.
        from .demo import seed_agendas_and_decisions

        summary = seed_agendas_and_decisions()
        stdout.write(f"调度会议程：新增议题 {summary['agenda']} 个；本次会议议定事项 {summary['decisions']} 项已交办")
