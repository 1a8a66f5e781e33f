from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "diaodu.coordination"
    label = "coordination"
    verbose_name = _("问题协调")

    def ready(self):
        from diaodu.org.choices import Role
        from diaodu.org.roles import EDIT, VIEW, extend_role_permissions

        ADD_VIEW = ("add", "view")
        extend_role_permissions(
            {
                Role.ADMIN: {"coordination.*": EDIT},
                Role.DISPATCH: {"coordination.*": EDIT},
                Role.OBSERVER: {"coordination.*": VIEW},
                # Leaders raise issues on their projects (checked per project in permissions.py).
                Role.ZONE_LEADER: {"coordination.*": VIEW, "coordination.issue": ADD_VIEW},
                Role.RESPONSIBLE_LEADER: {"coordination.*": VIEW, "coordination.issue": ADD_VIEW},
                # Officers raise issues; departments answer them; both add files.
                Role.OFFICER: {
                    "coordination.*": VIEW,
                    "coordination.issue": ADD_VIEW,
                    "coordination.issueattachment": ADD_VIEW,
                },
                Role.DEPARTMENT: {
                    "coordination.*": VIEW,
                    "coordination.issueresponse": ADD_VIEW,
                    "coordination.issueattachment": ADD_VIEW,
                },
            }
        )

        try:
            from diaodu.projects.panels import register_project_panel
        except ImportError:  # pragma: no cover  (a registry without panels)
            pass
        else:
            from .panels import issues_panel

            register_project_panel(issues_panel, order=30)

    def seed_demo(self, stdout):
        from .demo import seed_issues

        summary = seed_issues()
        stdout.write(
            f"问题协调：{summary['issues']} 个问题（逾期 {summary['overdue']} 个，督办中 {summary['escalated']} 个），"
            f"督办单 {summary['notices']} 份；部门负责人 {summary['heads']} 个"
        )
