"""Who may change what in the registry, project by project (reading goes through `visible_to`)."""

from diaodu.core.access import access_for
from diaodu.org.choices import Role

from .models import Project


def can_manage_projects(user) -> bool:
    """Create projects, edit their registry data and change their stage: the dispatch office and admins."""
    return access_for(user).is_member and user.has_perm("projects.change_project")


def can_edit_steps(user, project: Project) -> bool:
    """Keep a project's steps current: the dispatch office, the project's officer, its departments."""
    access = access_for(user)
    if not access.is_member or not user.has_perm("projects.change_step"):
        return False
    if can_manage_projects(user):
        return True
    if Role.OFFICER in access.roles and access.person_id and project.responsible_officer_id == access.person_id:
        return True
    if Role.DEPARTMENT in access.roles and access.department_id:
        if project.responsible_department_id == access.department_id:
            return True
        return project.steps.filter(responsible_department_id=access.department_id).exists()
    return False
