"""Who may change the land ledger (reading goes through `visible_to`: every member of the zone sees land).

Parcels are kept by the dispatch office and by the two departments that do the land work: the 征收办公室
(expropriation) and the 自然资源局 (reserve and supply). The yearly quota is set by the dispatch office.
"""

from django.db.models import Q
from rest_framework import permissions

from diaodu.core.access import access_for
from diaodu.org.choices import Role
from diaodu.org.models import Department

from .models import Parcel

# The departments whose users keep the parcels, by name (as the demo and the speech name them); a
# department is matched by its full name or its short name, so that "征收办" finds "征收办公室".
LAND_DEPARTMENTS = ("征收办公室", "自然资源局")


def _is_dispatch(user, access) -> bool:
    return Role.DISPATCH in access.roles or bool(getattr(user, "is_superuser", False))


def _in_land_department(user, access) -> bool:
    if Role.DEPARTMENT not in access.roles or not access.department_id:
        return False
    # Cached on the user object for the length of a request, as the Access itself is: a page asks per row.
    cached = getattr(user, "_diaodu_land_department", None)
    if cached is None:
        cached = Department.objects.filter(
            Q(name__in=LAND_DEPARTMENTS) | Q(short_name__in=LAND_DEPARTMENTS), pk=access.department_id
        ).exists()
        user._diaodu_land_department = cached
    return cached


def may_change_parcel(user, parcel: Parcel | None = None) -> bool:
    """Register, edit and advance a parcel: the dispatch office, the 征收办 and the 自然资源局.

    Land is zone-level data, so the answer is the same for every parcel; `parcel` is taken so that the
    pages and the API ask per object, as they do of every other app.
    """
    access = access_for(user)
    if not access.is_member:
        return False
    return _is_dispatch(user, access) or _in_land_department(user, access)


def may_set_quota(user) -> bool:
    """Set a year's 征供地 quota: the dispatch office (and superusers)."""
    access = access_for(user)
    return access.is_member and _is_dispatch(user, access)


class IsZoneMember(permissions.BasePermission):
    """The API's actions: any member of the zone may call them; the services check who may change the parcel."""

    def has_permission(self, request, view):
        return access_for(request.user).is_member
