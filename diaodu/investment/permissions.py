"""Who may change what in investment attraction (reading goes through `visible_to`).

- Companies and headquarters moves are zone-level data: every member reads them; the dispatch office, the
  投资促进局 and the 招商 officers (logins with the officer role) register and edit them.
- A lead is worked (edited, moved on, logged) by its own 招商 officer, by the 投资促进局 and by the dispatch
  office; any of them may register a new one.
- Turning a signed lead into a key project creates a record of the registry: whoever may add projects (the
  dispatch office, which keeps the registry, and administrators).
- The response rules and the yearly targets are set by the dispatch office.
"""

from rest_framework import permissions

from diaodu.core.access import access_for
from diaodu.org.choices import Role
from diaodu.org.models import Department

from .models import Lead, investment_department_q


def _is_dispatch(user, access) -> bool:
    return bool(access.roles & {Role.DISPATCH, Role.ADMIN}) or bool(getattr(user, "is_superuser", False))


def in_investment_bureau(user) -> bool:
    """A department user of the 投资促进局 (cached on the user object for the length of a request)."""
    access = access_for(user)
    if Role.DEPARTMENT not in access.roles or not access.department_id:
        return False
    cached = getattr(user, "_diaodu_investment_bureau", None)
    if cached is None:
        cached = Department.objects.filter(investment_department_q(), pk=access.department_id).exists()
        user._diaodu_investment_bureau = cached
    return cached


def may_edit_companies(user) -> bool:
    """Register and edit companies and headquarters moves."""
    access = access_for(user)
    if not access.is_member:
        return False
    return _is_dispatch(user, access) or Role.OFFICER in access.roles or in_investment_bureau(user)


def may_create_leads(user) -> bool:
    return may_edit_companies(user)


def may_work_lead(user, lead: Lead) -> bool:
    """Edit a lead, move it on, log a visit: its officer, the 投资促进局, the dispatch office."""
    access = access_for(user)
    if not access.is_member:
        return False
    if _is_dispatch(user, access) or in_investment_bureau(user):
        return True
    return access.person_id is not None and lead.officer_id == access.person_id


def may_convert(user, lead: Lead | None = None) -> bool:
    """Turn a signed lead into a key project: whoever may add projects to the registry."""
    return access_for(user).is_member and user.has_perm("projects.add_project")


def may_configure(user) -> bool:
    """Set the response rules and the yearly targets: the dispatch office (and administrators)."""
    access = access_for(user)
    return access.is_member and _is_dispatch(user, access)


class IsZoneMember(permissions.BasePermission):
    """The API's actions: any member may call them; the services check who may change the lead."""

    def has_permission(self, request, view):
        return access_for(request.user).is_member
