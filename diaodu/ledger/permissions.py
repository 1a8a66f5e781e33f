"""Who may import a ledger into the registry: the dispatch office and administrators (as keep the registry)."""

from diaodu.projects.permissions import can_manage_projects


def can_import_ledger(user) -> bool:
    """Create and update projects from a ledger: those who may register and edit projects."""
    return can_manage_projects(user) and user.has_perm("projects.add_project")
