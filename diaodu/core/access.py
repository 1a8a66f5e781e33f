"""Row-level access: every page, API, export and count narrows a queryset with `visible_to(user)`.

Core owns the mechanism; the `org` app, which knows the roles, registers the resolver that turns a
user into an `Access`. Each model says which of its rows a restricted user may see with the class
method `visibility_q(access)`; users whose role sees everything skip that filter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models


@dataclass(frozen=True)
class Access:
    """What one user may see, resolved once per user object."""

    is_authenticated: bool = False
    roles: frozenset[str] = field(default_factory=frozenset)
    sees_everything: bool = False
    person_id: int | None = None
    department_id: int | None = None

    @property
    def is_member(self) -> bool:
        """A logged-in user holding at least one role of the zone."""
        return self.is_authenticated and (self.sees_everything or bool(self.roles))


NO_ACCESS = Access()
_resolver: Callable[[object], Access] | None = None


def register_access_resolver(resolver: Callable[[object], Access]) -> None:
    global _resolver
    _resolver = resolver


def access_for(user) -> Access:
    """The Access of a user; cached on the user object for the length of a request."""
    if user is None or not getattr(user, "is_authenticated", False):
        return NO_ACCESS
    cached = getattr(user, "_diaodu_access", None)
    if cached is not None:
        return cached
    if _resolver is None:
        raise RuntimeError("No access resolver registered; is the org app installed?")
    access = _resolver(user)
    user._diaodu_access = access
    return access


class VisibleQuerySet(models.QuerySet):
    """A queryset that can be narrowed to what one user may see."""

    def visible_to(self, user):
        access = access_for(user)
        if not access.is_member:
            return self.none()
        if access.sees_everything:
            return self
        condition = self.model.visibility_q(access)
        return self if condition is None else self.filter(condition)
