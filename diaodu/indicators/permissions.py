"""Who may change the indicators (reading goes through `visible_to`: every member of the zone sees them all).

Values and targets are kept by the dispatch office (项目办), which collects the statistics bureau's and the
finance bureau's figures, and by the administrators; superusers may too.
"""

from diaodu.core.access import access_for
from diaodu.org.choices import Role

EDITORS = frozenset({Role.DISPATCH, Role.ADMIN})


def may_edit_indicators(user) -> bool:
    """Enter values and set targets: the dispatch office and the administrators."""
    access = access_for(user)
    if not access.is_member:
        return False
    return bool(access.roles & EDITORS) or bool(getattr(user, "is_superuser", False))
