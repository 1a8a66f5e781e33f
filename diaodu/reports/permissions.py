"""Who may read and make bulletins.

A bulletin covers the whole zone (every project, department and area), so it is read by the roles that
see everything: the zone leader, the dispatch office, observers and administrators; `Bulletin.visibility_q`
gives the others none, and the download views serve files only through `visible_to`. The dispatch office
and administrators make bulletins (the weekly one is made by the nightly job).
"""

from rest_framework import permissions

from diaodu.core.access import access_for
from diaodu.org.choices import Role

MAKERS = frozenset({Role.DISPATCH, Role.ADMIN})


def may_see_bulletins(user) -> bool:
    access = access_for(user)
    return access.is_member and access.sees_everything


def may_request_bulletin(user) -> bool:
    access = access_for(user)
    if not access.is_member:
        return False
    return bool(access.roles & MAKERS) or bool(getattr(user, "is_superuser", False))


class MayRequestBulletin(permissions.BasePermission):
    """The API: reading needs a member who sees everything (rows narrowed too); making one needs a maker."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return access_for(request.user).is_member
        return may_request_bulletin(request.user)
