"""`python manage.py generate_scale_data --projects N --years Y --seed S [--as-of YYYY-MM-DD] [--force]`.

Deterministic bulk data for benchmarks: the demo org, then N projects (10–25 steps each, plans, funding, one
monthly report per month over Y years), issues, parcels, leads, indicator values, stored schedules and lights.
The province set: `--projects 50000 --years 5` (3,000,000 reports). Refuses a database that holds projects.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from diaodu.scale.services import DatabaseNotEmpty, scale_data_generate


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = "Generate deterministic bulk data (projects, steps, monthly reports, issues, parcels, leads) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--projects", type=_positive, default=2000, help="number of projects (default 2000)")
        parser.add_argument("--years", type=_positive, default=3, help="years of monthly reports (default 3)")
        parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
        parser.add_argument(
            "--as-of", type=dt.date.fromisoformat, default=None, help="the day the data is as of (default: today)"
        )
        parser.add_argument("--batch-size", type=_positive, default=5000, help="rows per INSERT or COPY batch")
        parser.add_argument("--force", action="store_true", help="add to a database that already holds projects")

    def handle(self, *args, projects, years, seed, as_of=None, batch_size=5000, force=False, **options):
        if years > 20:
            raise CommandError(_("--years 最多为 20。"))
        as_of = as_of or timezone.localdate()
        self.stdout.write(
            _("生成规模数据：%(projects)s 个项目，%(years)d 年月报，种子 %(seed)d，截至 %(as_of)s（%(database)s）")
            % {
                "projects": f"{projects:,}",
                "years": years,
                "seed": seed,
                "as_of": as_of.isoformat(),
                "database": connection.vendor,
            }
        )
        try:
            result = scale_data_generate(
                projects=projects,
                years=years,
                seed=seed,
                as_of=as_of,
                force=force,
                batch_size=batch_size,
                say=self.stdout.write,
            )
        except DatabaseNotEmpty as refusal:
            raise CommandError(str(refusal)) from None
        counts = result["counts"]
        self.stdout.write(
            _(
                "完成：项目 %(projects)s，步骤 %(steps)s，前置关系 %(links)s，进度报告 %(reports)s，问题 %(issues)s，"
                "地块 %(parcels)s，招商线索 %(leads)s；亮灯 红 %(red)s / 黄 %(yellow)s / 绿 %(green)s；"
                "共 %(seconds).1f 秒（本进程 CPU %(cpu).1f 秒）"
            )
            % {
                **{key: f"{counts.get(key, 0):,}" for key in ("projects", "steps", "links", "reports", "issues")},
                **{key: f"{counts.get(key, 0):,}" for key in ("parcels", "leads")},
                "red": f"{counts.get('lights_red', 0):,}",
                "yellow": f"{counts.get('lights_yellow', 0):,}",
                "green": f"{counts.get('lights_green', 0):,}",
                "seconds": result["times"]["total"],
                "cpu": result["times"]["cpu"],
            }
        )
