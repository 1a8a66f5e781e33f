"""Every URL pattern of the site, from the resolver: its matrix key, its route, and the methods it accepts."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    key: str  # the URL name; `api:<name>` for a route under /api/
    route: str  # the pattern as written, e.g. "api/^projects/(?P<pk>[^/.]+)/$"
    callback: object

    @property
    def is_api(self) -> bool:
        return self.route.startswith("api/")

    @property
    def methods(self) -> frozenset[str] | None:
        """The methods a DRF view answers (HEAD and OPTIONS aside); None for a Django view (not introspectable)."""
        view_class = getattr(self.callback, "cls", None)
        if view_class is None:
            return None
        names = set(view_class.http_method_names) - {"head", "options", "trace"}
        actions = getattr(self.callback, "actions", None)
        if actions is not None:
            return frozenset(method.upper() for method in actions if method in names)
        return frozenset(method.upper() for method in names if hasattr(view_class, method))


def _walk(patterns, prefix: str, namespace: str | None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), namespace, pattern


def all_routes() -> list[Route]:
    """Every route of the URLconf, admin included (callers exclude what they leave to others)."""
    routes = []
    for route, namespace, pattern in _walk(get_resolver().url_patterns, "", None):
        name = pattern.name or f"<unnamed {route}>"
        if namespace:
            name = f"{namespace}:{name}"
        key = f"api:{name}" if route.startswith("api/") else name
        routes.append(Route(key=key, route=route, callback=pattern.callback))
    return routes


def url_for(key: str, kwargs: dict) -> str:
    """The path of a matrix key with its kwargs (page and API routes may share a name: the prefix decides)."""
    api = key.startswith("api:")
    name = key.removeprefix("api:")
    wanted = {str(k) for k in kwargs}
    for possibilities, _pattern, _defaults, converters in get_resolver().reverse_dict.getlist(name):
        for template, params in possibilities:
            if template.startswith("api/") != api or set(params) != wanted:
                continue
            values = {k: converters[k].to_url(v) if k in converters else str(v) for k, v in kwargs.items()}
            return "/" + template % values
    raise LookupError(f"no route {key} with kwargs {sorted(wanted)}")
