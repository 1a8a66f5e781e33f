"""The API's permission rule, shared by every app's API."""

from rest_framework import permissions

from .access import access_for


class RolePermission(permissions.DjangoModelPermissions):
    """Reads need a role in the zone (rows are narrowed by `visible_to`); writes need the model permission."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": [],
        "HEAD": [],
        "OPTIONS": [],
    }

    def has_permission(self, request, view):
        if not access_for(request.user).is_member:
            return False
        if getattr(view, "queryset", None) is None and not hasattr(view, "get_queryset"):
            return request.method in permissions.SAFE_METHODS
        return super().has_permission(request, view)
