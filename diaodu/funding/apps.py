from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "diaodu.funding"
    label = "funding"
    verbose_name = _("项目储备与资金")

    def ready(self):
        from diaodu.org.choices import Role
        from diaodu.org.roles import EDIT, VIEW, extend_role_permissions

        extend_role_permissions(
            {
                Role.ADMIN: {"funding.*": EDIT},
                Role.DISPATCH: {"funding.*": EDIT},
                Role.ZONE_LEADER: {"funding.*": VIEW},
                Role.OBSERVER: {"funding.*": VIEW},
                Role.RESPONSIBLE_LEADER: {"funding.*": VIEW},
                # 经济发展局 and 财政局 keep the applications (checked per department in permissions.py).
                Role.DEPARTMENT: {
                    "funding.*": VIEW,
                    "funding.fundingapplication": EDIT,
                    "funding.projectdocument": EDIT,
                    "funding.bondfinance": EDIT,
                },
                # An officer records the documents of his projects (checked per project).
                Role.OFFICER: {"funding.*": VIEW, "funding.projectdocument": EDIT},
            }
        )

        try:
            from diaodu.projects.panels import register_project_panel
        except ImportError:  # pragma: no cover  (a registry without panels)
            pass
        else:
            from .panels import funding_panel

            register_project_panel(funding_panel, order=40)

    def seed_demo(self, stdout):
        from .demo import seed_funding

        summary = seed_funding()
        levels = "，".join(f"{label} {count} 个" for label, count in summary["levels"].items())
        stdout.write(
            f"项目储备与资金：资金申报 {summary['applications']} 个（{summary['statuses']} 种状态），"
            f"储备项目成熟度 {levels}；专项债券融资平衡 {summary['bonds']} 个（覆盖不足 {summary['flagged']} 个）"
        )
