"""Who may change dispatch meetings (reading goes through `visible_to`).

The dispatch office (项目办) prepares and records the meetings, and administrators may correct them;
leaders and observers read them. A decision becomes a coordination issue assigned to a department, so
adding one also needs the right to assign issues (项目办 or 主要领导, as coordination decides).
"""

from rest_framework import permissions

from diaodu.coordination.permissions import may_assign
from diaodu.core.access import access_for
from diaodu.org.choices import Role

WRITERS = frozenset({Role.DISPATCH, Role.ADMIN})


def may_edit_meeting(user, meeting=None) -> bool:
    """Create and edit meetings, their agenda and minutes: the dispatch office and administrators."""
    access = access_for(user)
    if not access.is_member:
        return False
    return bool(access.roles & WRITERS) or bool(getattr(user, "is_superuser", False))


def may_add_decision(user, meeting=None) -> bool:
    """Record a decision, which assigns an issue to a department: an editor who may also assign issues."""
    return may_edit_meeting(user, meeting) and may_assign(user)


class IsZoneMember(permissions.BasePermission):
    """The API's actions: any member of the zone may call them; the services check who may write."""

    def has_permission(self, request, view):
        return access_for(request.user).is_member
