"""Who may report and review (reading goes through `visible_to`)."""

from diaodu.core.access import access_for
from diaodu.org.choices import Role


def can_report(user, project) -> bool:
    """The project's officer reports; the dispatch office may report for him."""
    access = access_for(user)
    if not access.is_member:
        return False
    if Role.DISPATCH in access.roles or user.is_superuser:
        return True
    return Role.OFFICER in access.roles and access.person_id and project.responsible_officer_id == access.person_id


def can_review(user) -> bool:
    access = access_for(user)
    return access.is_member and (Role.DISPATCH in access.roles or user.is_superuser)


def can_set_thresholds(user) -> bool:
    return can_review(user)
