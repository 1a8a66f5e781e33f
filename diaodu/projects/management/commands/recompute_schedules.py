"""`python manage.py recompute_schedules [--as-of YYYY-MM-DD]`: recompute every stored schedule (run nightly)."""

import datetime as dt

from django.core.management.base import BaseCommand

from diaodu.projects.services import portfolio_recompute_schedules


class Command(BaseCommand):
    help = "Recompute and store the schedules of all projects (floats change as days pass: run it nightly)."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", type=dt.date.fromisoformat, default=None, help="date (default: today)")

    def handle(self, *args, as_of=None, **options):
        totals = portfolio_recompute_schedules(as_of=as_of)
        self.stdout.write(
            f"{totals['projects']} projects, {totals['steps_changed']} steps changed, "
            f"{totals['infeasible']} out of reach, {totals['cycles']} with a cycle"
        )
