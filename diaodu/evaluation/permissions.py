"""Who sees which ranking and breakdown, who keeps the scheme and takes snapshots.

- the roles that see every record of the zone (the zone leader, the dispatch office, the observers, the
  administrators) see every ranking and every breakdown;
- a department user sees the rankings (names and totals) and the breakdown of his own department only;
- an officer sees the officer ranking (names and totals) and his own breakdown;
- a responsible leader (包保领导), like an officer, sees the leader ranking and his own breakdown: the facts
  behind the others' totals name projects and issues that his row-level access does not show him;
- nobody else sees anything.

The dispatch office and the administrators keep the scheme; the dispatch office takes snapshots by hand
(the nightly run takes them without a user). Superusers may do everything.
"""

from diaodu.core.access import access_for
from diaodu.org.choices import Role

from .choices import SubjectKind

SCHEME_EDITORS = frozenset({Role.DISPATCH, Role.ADMIN})
# The role that is scored as a person, and the ranking it sees: its own kind.
OWN_KIND = {Role.OFFICER: SubjectKind.OFFICER, Role.RESPONSIBLE_LEADER: SubjectKind.LEADER}


def sees_everything(user) -> bool:
    access = access_for(user)
    return access.is_member and access.sees_everything


def visible_kinds(user) -> list[str]:
    """The kinds of ranking a user may open, in the order of the tabs."""
    access = access_for(user)
    if not access.is_member:
        return []
    if access.sees_everything or Role.DEPARTMENT in access.roles:
        return list(SubjectKind.values)
    own = {OWN_KIND[role] for role in access.roles if role in OWN_KIND}
    return [kind for kind in SubjectKind.values if kind in own]


def may_see_breakdown(user, kind: str, subject_id: int) -> bool:
    """Every criterion and fact behind a subject's total."""
    if sees_everything(user):
        return True
    access = access_for(user)
    if not access.is_member:
        return False
    if kind == SubjectKind.DEPARTMENT and Role.DEPARTMENT in access.roles:
        return access.department_id is not None and access.department_id == subject_id
    if any(OWN_KIND[role] == kind for role in access.roles if role in OWN_KIND):
        return access.person_id is not None and access.person_id == subject_id
    return False


def may_edit_scheme(user) -> bool:
    access = access_for(user)
    return access.is_member and (bool(access.roles & SCHEME_EDITORS) or bool(getattr(user, "is_superuser", False)))


def may_take_snapshot(user) -> bool:
    access = access_for(user)
    return access.is_member and (Role.DISPATCH in access.roles or bool(getattr(user, "is_superuser", False)))
