"""`python manage.py escalate_issues [--as-of YYYY-MM-DD]`: reminders and the escalation ladder (run nightly)."""

import datetime as dt

from django.core.management.base import BaseCommand

from diaodu.coordination.services import issues_nightly


class Command(BaseCommand):
    help = "Remind departments of near and passed due dates, and escalate overdue issues with supervision notices."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", type=dt.date.fromisoformat, default=None, help="date (default: today)")

    def handle(self, *args, as_of=None, **options):
        totals = issues_nightly(as_of=as_of)
        self.stdout.write(
            f"{totals['due_soon']} near their due date, {totals['overdue']} newly overdue, "
            f"{totals['notices']} supervision notices issued"
        )
