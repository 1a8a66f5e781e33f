"""Who may change the map (reading goes through `visible_to`: every member of the zone sees the cockpit and the
map, each narrowed to what he may see)."""

from diaodu.core.access import access_for
from diaodu.org.choices import Role


def may_manage_boundaries(user) -> bool:
    """Upload the areas' boundaries: the administrators and the dispatch office (and superusers)."""
    access = access_for(user)
    if not access.is_member:
        return False
    return bool(getattr(user, "is_superuser", False)) or bool({Role.ADMIN, Role.DISPATCH} & access.roles)
