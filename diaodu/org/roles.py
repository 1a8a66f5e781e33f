"""Roles as Django groups, what each may change, and the access resolver for `visible_to`.

Reading is governed by `visible_to(user)` (row level); writing by the model permissions below.
Later apps add their models to ROLE_PERMISSIONS; `sync_roles` runs after every migrate.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from diaodu.core.access import Access

from .choices import SEES_EVERYTHING, Role

VIEW = ("view",)
EDIT = ("add", "change", "delete", "view")

# role → {"app_label.model": actions}; "app_label.*" means every model of the app.
ROLE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    Role.ADMIN: {
        "auth.user": EDIT,
        "auth.group": VIEW,
        "authtoken.token": EDIT,
        "core.calendarday": EDIT,
        "org.*": EDIT,
    },
    Role.DISPATCH: {"org.*": EDIT, "core.calendarday": VIEW},
    Role.ZONE_LEADER: {"org.*": VIEW, "core.calendarday": VIEW},
    Role.OBSERVER: {"org.*": VIEW, "core.calendarday": VIEW},
    Role.RESPONSIBLE_LEADER: {"org.*": VIEW, "core.calendarday": VIEW},
    Role.DEPARTMENT: {"org.*": VIEW, "core.calendarday": VIEW},
    Role.OFFICER: {"org.*": VIEW, "core.calendarday": VIEW},
}


def extend_role_permissions(extra: dict[str, dict[str, tuple[str, ...]]]) -> None:
    """Let a higher app declare what each role may do with its models (called from its AppConfig.ready)."""
    for role, spec in extra.items():
        ROLE_PERMISSIONS.setdefault(role, {}).update(spec)


def _permissions_for(spec: dict[str, tuple[str, ...]]) -> list[Permission]:
    wanted = []
    all_perms = Permission.objects.select_related("content_type")
    for target, actions in spec.items():
        app_label, model = target.split(".")
        for perm in all_perms.filter(content_type__app_label=app_label):
            if model != "*" and perm.content_type.model not in (model, f"historical{model}"):
                continue
            if perm.content_type.model.startswith("historical") and not perm.codename.startswith("view_"):
                continue  # history is written by the system, never edited by hand
            if perm.codename.split("_", 1)[0] in actions:
                wanted.append(perm)
    return list(dict.fromkeys(wanted))


@transaction.atomic
def sync_roles() -> dict[str, Group]:
    """Create one group per role and give it exactly the permissions the code declares."""
    groups = {}
    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        group.permissions.set(_permissions_for(ROLE_PERMISSIONS.get(role, {})))
        groups[role.value] = group
    return groups


def sync_roles_after_migrate(sender, **kwargs):
    # post_migrate comes once per app, and each app's permissions are created by its own signal:
    # sync once, after the last app, when every permission exists.
    from django.apps import apps

    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if sender is with_models[-1]:
        sync_roles()


def role_label(code: str) -> str:
    return Role(code).label if code in Role.values else code


def resolve_access(user) -> Access:
    """What a user may see: roles from the user's groups, the person and department behind the login."""
    roles = frozenset(name for name in user.groups.values_list("name", flat=True) if name in Role.values)
    from .models import Person

    person = Person.objects.filter(user=user).values("id", "department_id").first() or {}
    return Access(
        is_authenticated=True,
        roles=roles,
        sees_everything=user.is_superuser or bool(roles & SEES_EVERYTHING),
        person_id=person.get("id"),
        department_id=person.get("department_id"),
    )
