"""Who may do what with funding records (reading goes through `visible_to`).

The funding applications of the whole zone are kept by the dispatch office (项目办) and by the users of
the funding departments, 经济发展局 (which prepares 专项债 applications) and 财政局 (资金落位). Everyone
else reads them for the projects he sees. A project's officer may also record its documents.
"""

from diaodu.core.access import Access, access_for
from diaodu.org.choices import Role
from diaodu.org.models import Department
from diaodu.projects.models import Project

from .choices import NEXT_STATUSES
from .models import FundingApplication, funding_department_q


def _is_dispatch(user, access: Access) -> bool:
    return Role.DISPATCH in access.roles or bool(getattr(user, "is_superuser", False))


def in_funding_department(user) -> bool:
    """A user with the department role in 经济发展局 or 财政局 (one query, remembered for the request)."""
    access = access_for(user)
    if Role.DEPARTMENT not in access.roles or not access.department_id:
        return False
    cached = getattr(user, "_diaodu_funding_department", None)
    if cached is None:
        cached = Department.objects.filter(funding_department_q(), pk=access.department_id).exists()
        user._diaodu_funding_department = cached
    return cached


def is_funding_manager(user) -> bool:
    """Create applications, move them along their flow, keep bond finance: 项目办, 经发局 and 财政局 users."""
    access = access_for(user)
    if not access.is_member or not user.has_perm("funding.change_fundingapplication"):
        return False
    return _is_dispatch(user, access) or in_funding_department(user)


def may_change_application(user, application: FundingApplication) -> bool:
    return is_funding_manager(user)


def allowed_statuses(user, application: FundingApplication) -> tuple[str, ...]:
    """The statuses this user may move the application to now."""
    if not may_change_application(user, application):
        return ()
    return NEXT_STATUSES[application.status]


def may_record_documents(user, project: Project) -> bool:
    """Record a project's documents: the funding managers, and the project's officer (包保干部)."""
    if is_funding_manager(user):
        return True
    access = access_for(user)
    return (
        access.is_member
        and Role.OFFICER in access.roles
        and access.person_id is not None
        and project.responsible_officer_id == access.person_id
        and user.has_perm("funding.add_projectdocument")
    )


def may_edit_bond_finance(user, project: Project) -> bool:
    return is_funding_manager(user) and user.has_perm("funding.change_bondfinance")


def may_manage_settings(user) -> bool:
    """Edit the checklist, its weights and the thresholds: the dispatch office (and administrators)."""
    return access_for(user).is_member and user.has_perm("funding.change_fundingsettings")


def funding_projects(user):
    """The projects a user may follow in the funding pages.

    The users of the funding departments keep the money of every project of the zone, so they see
    them all here (their other pages keep showing only the projects their department answers for).
    """
    if in_funding_department(user):
        return Project.objects.all()
    return Project.objects.visible_to(user)
