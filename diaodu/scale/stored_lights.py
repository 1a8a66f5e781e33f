"""Every generated project's traffic light, stored in bulk by the progress app's own rules.

`progress.services.lights_recompute` saves one light and one change row per project (two queries each), which
at tens of thousands of projects is most of the generation's time. Here the facts come from the same selector
(`progress.selectors.light_inputs`, a fixed number of queries per batch), the light from the same pure rule
(`progress.lights.compute_light`), and the rows go in as a table: the light and its first change.
"""

from __future__ import annotations

import json

from diaodu.progress.lights import Thresholds, compute_light
from diaodu.progress.models import LightChange, LightSettings, ProjectLight
from diaodu.progress.selectors import light_inputs
from diaodu.projects.models import Project

from .world import World
from .writer import Table


def write_lights(world: World, project_ids: list[int], batch_size: int = 2000) -> dict[str, int]:
    as_of = world.as_of
    limits = Thresholds.from_settings(LightSettings.for_year(as_of.year))
    now = world.stamp(as_of, 20)
    lights = Table(ProjectLight, ["id", "project", "light", "reasons", "as_of", "computed_at", "changed_on"])
    changes = Table(LightChange, ["id", "project", "light", "previous", "reasons", "changed_on", "created_at"])
    totals = {"green": 0, "yellow": 0, "red": 0}
    for offset in range(0, len(project_ids), batch_size):
        batch = list(
            Project.objects.filter(pk__in=project_ids[offset : offset + batch_size])
            .select_related("schedule_worst_step")
            .order_by("pk")
        )
        facts = light_inputs(batch, as_of)
        for project in batch:
            result = compute_light(facts[project.pk], limits, as_of)
            reasons = json.dumps([reason.as_dict() for reason in result.reasons], ensure_ascii=False)
            totals[result.light] += 1
            lights.add((world.ids.take(ProjectLight), project.pk, result.light, reasons, as_of, now, as_of))
            changes.add((world.ids.take(LightChange), project.pk, result.light, "", reasons, as_of, now))
    lights.flush()
    changes.flush()
    return totals
