from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "diaodu.progress"
    label = "progress"
    verbose_name = _("进度与亮灯")

    def ready(self):
        from diaodu.org.choices import Role
        from diaodu.org.roles import EDIT, VIEW, extend_role_permissions
        from diaodu.projects.panels import register_project_panel
        from diaodu.projects.signals import schedules_recomputed

        from . import panels

        extend_role_permissions(
            {
                Role.ADMIN: {"progress.*": EDIT},
                Role.DISPATCH: {"progress.*": EDIT},
                Role.ZONE_LEADER: {"progress.*": VIEW},
                Role.OBSERVER: {"progress.*": VIEW},
                Role.RESPONSIBLE_LEADER: {"progress.*": VIEW},
                Role.DEPARTMENT: {"progress.*": VIEW},
                # Officers report on their own projects (checked per project).
                Role.OFFICER: {"progress.*": VIEW, "progress.progressreport": EDIT, "progress.reportphoto": EDIT},
            }
        )
        register_project_panel(panels.light_panel, order=10)
        register_project_panel(panels.progress_panel, order=20)
        schedules_recomputed.connect(_recompute_lights, dispatch_uid="diaodu.progress.schedules")
        try:
            from diaodu.coordination.signals import issue_changed
        except ImportError:  # pragma: no cover
            pass
        else:
            issue_changed.connect(_recompute_light_of_issue, dispatch_uid="diaodu.progress.issues")

    def seed_demo(self, stdout):
        try:
            from .demo import seed_reports
        except ImportError:
            return
        summary = seed_reports()
        stdout.write(f"进度报告：{summary['reports']} 份")

    def after_seed_demo(self, stdout):
        _after_seed(stdout)


def _after_seed(stdout):
    from .services import lights_recompute

    totals = lights_recompute()
    stdout.write(f"亮灯：红 {totals['red']}，黄 {totals['yellow']}，绿 {totals['green']}")


def _recompute_lights(project_ids, as_of=None, **kwargs):
    from diaodu.projects.models import Project

    from .services import lights_recompute

    # The lights read the schedules just stored: compute them for the same day (None: today).
    lights_recompute(projects=Project.objects.filter(pk__in=project_ids), as_of=as_of)


def _recompute_light_of_issue(project_id=None, **kwargs):
    if project_id:
        _recompute_lights([project_id])
