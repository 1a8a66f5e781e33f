from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "diaodu.org"
    label = "org"
    verbose_name = _("组织与人员")

    def ready(self):
        from django.db.models.signals import post_migrate

        from diaodu.core.access import register_access_resolver

        from . import roles

        register_access_resolver(roles.resolve_access)
        # Groups and their permissions follow the code: re-synced after every migrate.
        post_migrate.connect(roles.sync_roles_after_migrate, dispatch_uid="diaodu.org.sync_roles")

    def seed_demo(self, stdout):
        from .demo import DEMO_PASSWORD, DEMO_USERS, seed_org

        result = seed_org()
        stdout.write(
            f"演示数据已就绪：{result['zone'].name}，{len(result['areas'])} 个片区，{len(result['departments'])} 个部门"
        )
        stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        for demo in DEMO_USERS:
            stdout.write(f"  {demo.username:<10} {demo.role_label}　{demo.name}（{demo.title}）")
