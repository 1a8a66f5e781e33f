from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "diaodu.projects"
    label = "projects"
    verbose_name = _("重点项目")

    def ready(self):
        from diaodu.core.signals import calendar_changed
        from diaodu.org.choices import Role

        calendar_changed.connect(_recompute_after_calendar_change, dispatch_uid="diaodu.projects.calendar")
        from diaodu.org.roles import EDIT, VIEW, extend_role_permissions

        extend_role_permissions(
            {
                Role.ADMIN: {"projects.*": EDIT},
                Role.DISPATCH: {"projects.*": EDIT},
                Role.ZONE_LEADER: {"projects.*": VIEW},
                Role.OBSERVER: {"projects.*": VIEW},
                Role.RESPONSIBLE_LEADER: {"projects.*": VIEW},
                # Officers and departments keep the steps of their projects current (checked per project).
                Role.DEPARTMENT: {"projects.*": VIEW, "projects.step": EDIT, "projects.stepdependency": EDIT},
                Role.OFFICER: {"projects.*": VIEW, "projects.step": EDIT, "projects.stepdependency": EDIT},
            }
        )

    def seed_demo(self, stdout):
        from .catalogue import load_catalogue
        from .demo import seed_projects
        from .models import ProcedureType, ScheduleTemplate, TemplateStep

        # The migration loads the catalogue; a flushed database (tests) gets it back here.
        load_catalogue(ProcedureType, ScheduleTemplate, TemplateStep)

        summary = seed_projects()
        stdout.write(
            f"重点项目：{summary['projects']} 个（其中百亿元项目 {summary['yi']} 个），"
            f"步骤 {summary['steps']} 个，工期不可实现 {summary['infeasible']} 个"
        )


def _recompute_after_calendar_change(**kwargs):
    # A holiday entered for next year moves every deadline counted in working days across it.
    from .tasks import recompute_portfolio_schedules

    recompute_portfolio_schedules.enqueue()
