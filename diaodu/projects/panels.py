"""Panels that higher apps add to a project's page, without the registry knowing them.

An app registers `panel(request, project) -> dict | None` in its AppConfig.ready; the dict names a
`template` and carries that template's context, and the project page includes it.
"""

from collections.abc import Callable

PROJECT_PANELS: list[tuple[int, Callable]] = []


def register_project_panel(panel: Callable, order: int = 100) -> None:
    if panel not in [p for _o, p in PROJECT_PANELS]:
        PROJECT_PANELS.append((order, panel))
        PROJECT_PANELS.sort(key=lambda item: item[0])


def project_panels(request, project) -> list[dict]:
    return [panel_context for _order, panel in PROJECT_PANELS if (panel_context := panel(request, project))]
