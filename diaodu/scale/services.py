"""`scale_data_generate`: a deterministic zone, city or province of generated data, written in bulk.

The same seed, size and date give the same rows. Records are written as tables (COPY on PostgreSQL, batched
INSERTs on SQLite) without `save()`, signals or history rows: generated data has no edits to keep. The stored
schedules are computed before the steps are written, the stored lights after everything else, by the same rule
functions the nightly recomputation uses, so that pages read them as they would in production.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable

from django.db import connection, transaction
from django.utils.translation import gettext as _

from diaodu.coordination.catalogue import seed_categories
from diaodu.coordination.models import EscalationSettings, IssueCategory
from diaodu.indicators.catalogue import seed_indicators
from diaodu.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from diaodu.investment.catalogue import seed_chains
from diaodu.investment.models import IndustryChain
from diaodu.land.models import Parcel
from diaodu.org.demo import seed_org
from diaodu.org.models import Department
from diaodu.projects.catalogue import load_catalogue
from diaodu.projects.models import ProcedureType, Project, ScheduleTemplate, TemplateStep

from .ledgers import write_indicator_values, write_issues, write_leads, write_parcels
from .projects import TABLES, ProjectWriter
from .stored_lights import write_lights
from .world import World, write_enterprises, write_people
from .writer import Table, bulk_load, reset_sequences


class DatabaseNotEmpty(Exception):
    """The database already holds projects: generated data would mix with them."""


def scale_data_generate(
    *,
    projects: int,
    years: int,
    seed: int,
    as_of: dt.date,
    force: bool = False,
    batch_size: int = 5000,
    say: Callable[[str], None] = lambda line: None,
) -> dict:
    """Generate `projects` projects with `years` years of monthly reports up to `as_of`; returns counts and times.

    Refuses (DatabaseNotEmpty) a database that already holds projects unless `force`. All or nothing: one
    transaction.
    """
    existing = Project.objects.count()
    if existing and not force:
        raise DatabaseNotEmpty(
            _(
                "数据库中已有 %(n)d 个项目。generate_scale_data 只应在空数据库上运行，以免生成数据混入真实数据；"
                "如确需在此数据库中追加生成数据，请加 --force。"
            )
            % {"n": existing}
        )
    counts: dict[str, int] = {}
    times: dict[str, float] = {}

    def phase(key: str, label: str, started: float) -> None:
        times[key] = round(time.perf_counter() - started, 2)
        say(_("  %(phase)s：%(seconds).1f 秒") % {"phase": label, "seconds": times[key]})

    rng = random.Random(seed)
    total_start, cpu_start = time.perf_counter(), time.process_time()
    with transaction.atomic():
        started = time.perf_counter()
        seed_org()
        load_catalogue(ProcedureType, ScheduleTemplate, TemplateStep)
        seed_categories(IssueCategory, Department, EscalationSettings)
        seed_chains(IndustryChain)
        seed_indicators(Indicator, IndicatorValue, IndicatorTarget)
        world = World.load(rng=rng, as_of=as_of, years=years, batch_size=batch_size)
        counts["people"] = write_people(world, projects)
        counts["organisations"], counts["companies"] = write_enterprises(world, projects)
        phase("org", _("组织、人员和企业"), started)

        started = time.perf_counter()
        tables = {key: Table(model, fields, batch_size=batch_size) for key, (model, fields) in TABLES.items()}
        writer = ProjectWriter(world, set(Project.objects.exclude(code=None).values_list("code", flat=True)), tables)
        step = max(1, projects // 10)
        with bulk_load([model for model, _fields in TABLES.values()]):
            for n in range(1, projects + 1):
                writer.write()
                if n % step == 0 or n == projects:
                    seconds = time.perf_counter() - started
                    say(
                        _("  项目 %(n)s / %(total)s（%(seconds).1f 秒）")
                        % {"n": f"{n:,}", "total": f"{projects:,}", "seconds": seconds}
                    )
            for table in tables.values():
                table.flush()
            times["projects_writing"] = round(sum(table.seconds for table in tables.values()), 2)
            phase("projects", _("项目、步骤、计划和进度报告"), started)
            say(_("    其中写入数据库 %(seconds).1f 秒") % {"seconds": times["projects_writing"]})
            started = time.perf_counter()
        if connection.vendor == "postgresql":
            phase("constraints", _("索引和约束（一次重建并检查）"), started)
        for key, table in tables.items():
            counts[key] = table.written

        started = time.perf_counter()
        counts["issues"] = write_issues(world, writer.facts)
        taken = set(Parcel.objects.values_list("number", flat=True))
        counts["parcels"], counts["parcel_links"] = write_parcels(world, writer.facts, taken)
        counts["leads"] = write_leads(world, writer.facts)
        counts["indicator_values"] = write_indicator_values(world)
        phase("ledgers", _("问题、地块、招商线索和指标"), started)

        started = time.perf_counter()
        lights = write_lights(world, [facts.id for facts in writer.facts])
        counts.update({f"lights_{light}": n for light, n in lights.items()})
        phase("lights", _("亮灯"), started)

        started = time.perf_counter()
        reset_sequences(world.ids.models())
    phase("commit", _("提交"), started)
    if connection.vendor == "postgresql":
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        phase("analyze", _("统计信息（ANALYZE）"), started)
    times["total"] = round(time.perf_counter() - total_start, 2)
    times["cpu"] = round(time.process_time() - cpu_start, 2)  # this process only, not the database server
    return {"counts": counts, "times": times}
