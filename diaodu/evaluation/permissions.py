"""Who sees which ranking and breakdown, who keeps the scheme and takes snapshots.

- the zone leader, the responsible leaders (包保领导), the dispatch office, the observers and the administrators
  see every ranking and every breakdown;
- a department user sees the rankings (names and totals) and the breakdown of his own department only;
- an officer sees the officer ranking (names and totals) and his own breakdown;
- nobody else sees anything.

The dispatch office and the administrators keep the scheme; the dispatch office takes snapshots by hand
(the nightly run takes them without a user). Superusers may do everything.
"""

from diaodu.core.access import access_for
from diaodu.org.choices import Role

from .choices import SubjectKind

FULL_VIEW_ROLES = frozenset({Role.ZONE_LEADER, Role.RESPONSIBLE_LEADER, Role.DISPATCH, Role.OBSERVER, Role.ADMIN})
SCHEME_EDITORS = frozenset({Role.DISPATCH, Role.ADMIN})


def sees_everything(user) -> bool:
    access = access_for(user)
    return access.is_member and (access.sees_everything or bool(access.roles & FULL_VIEW_ROLES))


def visible_kinds(user) -> list[str]:
    """The kinds of ranking a user may open, in the order of the tabs."""
    access = access_for(user)
    if not access.is_member:
        return []
    if sees_everything(user) or Role.DEPARTMENT in access.roles:
        return list(SubjectKind.values)
    if Role.OFFICER in access.roles:
        return [SubjectKind.OFFICER.value]
    return []


def may_see_breakdown(user, kind: str, subject_id: int) -> bool:
    """Every criterion and fact behind a subject's total."""
    if sees_everything(user):
        return True
    access = access_for(user)
    if not access.is_member:
        return False
    if kind == SubjectKind.DEPARTMENT and Role.DEPARTMENT in access.roles:
        return access.department_id is not None and access.department_id == subject_id
    if kind == SubjectKind.OFFICER and Role.OFFICER in access.roles:
        return access.person_id is not None and access.person_id == subject_id
    return False


def may_edit_scheme(user) -> bool:
    access = access_for(user)
    return access.is_member and (bool(access.roles & SCHEME_EDITORS) or bool(getattr(user, "is_superuser", False)))


def may_take_snapshot(user) -> bool:
    access = access_for(user)
    return access.is_member and (Role.DISPATCH in access.roles or bool(getattr(user, "is_superuser", False)))
