from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "diaodu.evaluation"
    label = "evaluation"
    verbose_name = _("考核评价")

    def ready(self):
        from diaodu.core.nightly import register_nightly_job
        from diaodu.org.choices import Role
        from diaodu.org.roles import EDIT, VIEW, extend_role_permissions

        from .services import nightly_snapshot

        # Model permissions: the dispatch office and the administrators keep the scheme and the snapshots; the
        # others read. Which rankings and breakdowns each role sees is decided row by row in permissions.py.
        extend_role_permissions(
            {
                Role.DISPATCH: {"evaluation.*": EDIT},
                Role.ADMIN: {"evaluation.*": EDIT},
                Role.ZONE_LEADER: {"evaluation.*": VIEW},
                Role.OBSERVER: {"evaluation.*": VIEW},
                Role.RESPONSIBLE_LEADER: {"evaluation.*": VIEW},
                Role.DEPARTMENT: {"evaluation.*": VIEW},
                Role.OFFICER: {"evaluation.*": VIEW},
            }
        )
        # On the first nightly run of a month: the previous month's rankings are kept as they stand.
        register_nightly_job("evaluation", nightly_snapshot)

    def seed_demo(self, stdout):
        from .demo import seed_scheme

        scheme = seed_scheme()
        stdout.write(f"考核评价：{scheme.year}年考核方案（默认权重）")

    def after_seed_demo(self, stdout):
        # After the lights (progress's after_seed_demo): the snapshots read every ledger, lights included.
        from .demo import seed_snapshots

        summary = seed_snapshots()
        stdout.write(f"考核快照：{summary['months']} 个月，{summary['snapshots']} 份，排名 {summary['rows']} 行")
