from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvestmentConfig(AppConfig):
    name = "diaodu.investment"
    label = "investment"
    verbose_name = _("招商引资")

    def ready(self):
        from diaodu.core.signals import calendar_changed
        from diaodu.org.choices import Role
        from diaodu.org.roles import EDIT, VIEW, extend_role_permissions

        # 入驻企业数 follows the company registry (the indicators app reads it through its source registry).
        try:
            from diaodu.indicators.sources import register_source
        except ImportError:  # pragma: no cover
            pass
        else:
            from .selectors import resident_enterprise_count

            register_source("resident_enterprises", resident_enterprise_count)

        WORK = ("add", "change", "view")
        # Reading is row level (`visible_to`); of the departments only the 投资促进局 works leads, and an officer
        # only his own (both checked in permissions.py). Rules and targets are the dispatch office's.
        extend_role_permissions(
            {
                Role.ADMIN: {"investment.*": EDIT},
                Role.DISPATCH: {"investment.*": EDIT},
                Role.ZONE_LEADER: {"investment.*": VIEW},
                Role.OBSERVER: {"investment.*": VIEW},
                Role.RESPONSIBLE_LEADER: {"investment.*": VIEW},
                Role.DEPARTMENT: {
                    "investment.*": VIEW,
                    "investment.company": WORK,
                    "investment.headquartersmove": WORK,
                    "investment.lead": WORK,
                    "investment.leadactivity": WORK,
                },
                Role.OFFICER: {
                    "investment.*": VIEW,
                    "investment.company": WORK,
                    "investment.headquartersmove": WORK,
                    "investment.lead": WORK,
                    "investment.leadactivity": WORK,
                },
            }
        )
        calendar_changed.connect(_refresh_after_calendar_change, dispatch_uid="diaodu.investment.calendar")

        try:
            from diaodu.projects.panels import register_project_panel
        except ImportError:  # pragma: no cover  (a registry without panels)
            pass
        else:
            from .panels import lead_panel

            register_project_panel(lead_panel, order=20)

    def seed_demo(self, stdout):
        from .demo import seed_investment

        summary = seed_investment()
        stdout.write(
            f"招商引资：企业 {summary['companies']} 家"
            f"（在区 {summary['resident']} 家，{summary['resident_2020']} 家于2020年底前入驻），"
            f"线索 {summary['leads']} 条（重大线索逾期 {summary['overdue']} 条），"
            f"{summary['year']}年已签约 {summary['signed']}，目标 {summary['target']}；"
            f"总部迁入：已迁入 {summary['hq_moved']}、已同意 {summary['hq_agreed']}、洽谈中 {summary['hq_negotiating']}"
        )
        stdout.write(f"  {summary['login']:<10} 包保干部　{summary['login_name']}（招商人员）")


def _refresh_after_calendar_change(**kwargs):
    # A holiday entered for next year moves every deadline counted in working days across it.
    from .tasks import refresh_lead_deadlines

    refresh_lead_deadlines.enqueue()
