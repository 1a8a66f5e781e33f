"""Who may do what with an issue, issue by issue (reading goes through `visible_to`).

Each `may_<action>` answers "is this person one of those who may do it?"; `allowed_actions` adds the
issue's status, for the pages to show only the forms that would succeed. The services check both and
say which of the two failed.
"""

from rest_framework import permissions

from diaodu.core.access import Access, access_for
from diaodu.org.choices import Role

from .choices import ACTION_FROM, IssueStatus
from .models import Issue


def _is_dispatch(user, access: Access) -> bool:
    return Role.DISPATCH in access.roles or bool(getattr(user, "is_superuser", False))


def _is_zone_leader(access: Access) -> bool:
    return Role.ZONE_LEADER in access.roles


def _leads(access: Access, project) -> bool:
    """The responsible leader (包保领导) of the project."""
    return (
        project is not None
        and access.person_id is not None
        and Role.RESPONSIBLE_LEADER in access.roles
        and project.responsible_leader_id == access.person_id
    )


def _is_officer_of(access: Access, project) -> bool:
    return (
        project is not None
        and access.person_id is not None
        and Role.OFFICER in access.roles
        and project.responsible_officer_id == access.person_id
    )


def _works_for(access: Access, issue: Issue) -> bool:
    """A user of the department the issue is assigned to."""
    return (
        issue.department_id is not None
        and Role.DEPARTMENT in access.roles
        and access.department_id == issue.department_id
    )


def may_raise(user, project=None) -> bool:
    """Raise an issue: the project's officer or responsible leader, the dispatch office, the zone leader."""
    access = access_for(user)
    if not access.is_member:
        return False
    if _is_dispatch(user, access) or _is_zone_leader(access):
        return True
    return _is_officer_of(access, project) or _leads(access, project)


def may_raise_any(user) -> bool:
    """Whether the user raises issues at all (to show the button): an officer or leader of some project counts."""
    access = access_for(user)
    if not access.is_member:
        return False
    if _is_dispatch(user, access) or _is_zone_leader(access):
        return True
    return bool(access.person_id) and bool(access.roles & {Role.OFFICER, Role.RESPONSIBLE_LEADER})


def may_assign(user, issue: Issue | None = None) -> bool:
    """Assign or reassign (交办): the dispatch office or the zone leader."""
    access = access_for(user)
    return access.is_member and (_is_dispatch(user, access) or _is_zone_leader(access))


def may_respond(user, issue: Issue) -> bool:
    """Answer in the thread: the assigned department's users, or the dispatch office."""
    access = access_for(user)
    return access.is_member and (_is_dispatch(user, access) or _works_for(access, issue))


def may_resolve(user, issue: Issue) -> bool:
    """Report the issue settled (办结): the assigned department, or the dispatch office."""
    return may_respond(user, issue)


def may_close(user, issue: Issue) -> bool:
    """Confirm it settled (销号): the dispatch office, the zone leader, the project's responsible leader.

    Never the department that resolved it: those who did the work do not sign it off.
    """
    access = access_for(user)
    if not access.is_member:
        return False
    return _is_dispatch(user, access) or _is_zone_leader(access) or _leads(access, issue.project)


def may_reopen(user, issue: Issue) -> bool:
    """Reopen a resolved or closed issue: the dispatch office, the leaders, the person who raised it."""
    access = access_for(user)
    if not access.is_member:
        return False
    if _is_dispatch(user, access) or _is_zone_leader(access) or _leads(access, issue.project):
        return True
    return access.person_id is not None and issue.raised_by_id == access.person_id


def may_attach(user, issue: Issue) -> bool:
    """Add a file: whoever raised it or acts on it, while it is not closed."""
    if issue.status == IssueStatus.CLOSED:
        return False
    access = access_for(user)
    return (
        may_respond(user, issue)
        or may_reopen(user, issue)
        or _is_officer_of(access, issue.project)
        or (access.person_id is not None and issue.raised_by_id == access.person_id)
    )


def may_manage_settings(user) -> bool:
    """Edit the categories' SLAs and the escalation settings: the dispatch office (and administrators)."""
    return access_for(user).is_member and user.has_perm("coordination.change_escalationsettings")


CHECKS = {
    "assign": may_assign,
    "respond": may_respond,
    "resolve": may_resolve,
    "close": may_close,
    "reopen": may_reopen,
}


def allowed_actions(user, issue: Issue) -> set[str]:
    """The life-cycle actions this user may take on this issue now."""
    return {
        action
        for action, check in CHECKS.items()
        if issue.status in ACTION_FROM[action] and check(user, issue)  # status first: it costs nothing
    }


class IsZoneMember(permissions.BasePermission):
    """The API's actions: any member of the zone may call them; the services check who may act on which issue."""

    def has_permission(self, request, view):
        return access_for(request.user).is_member
