"""`python manage.py nightly [--as-of YYYY-MM-DD]`: the daily dispatch loop, for cron or a systemd timer.

Recomputes every stored schedule (floats move as days pass), escalates overdue issues and sends their
reminders, reminds 招商 officers of lead deadlines, reminds officers of reports due or late, and recomputes
every light (announcing new reds).
"""

import datetime as dt

from django.core.management.base import BaseCommand

from diaodu.core.nightly import nightly_jobs
from diaodu.progress.services import lights_recompute, reports_remind
from diaodu.projects.services import portfolio_recompute_schedules


class Command(BaseCommand):
    help = "Daily: recompute schedules, escalate issues, send reminders, recompute traffic lights."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", type=dt.date.fromisoformat, default=None, help="date (default: today)")

    def handle(self, *args, as_of=None, **options):
        schedules = portfolio_recompute_schedules(as_of=as_of)
        self.stdout.write(f"schedules: {schedules['projects']} projects, {schedules['infeasible']} out of reach")
        try:
            from diaodu.coordination.services import issues_escalate, issues_remind
        except ImportError:  # pragma: no cover
            pass
        else:
            escalated = issues_escalate(as_of=as_of)
            reminded = issues_remind(as_of=as_of)
            self.stdout.write(f"issues: escalated {escalated}, reminded {reminded}")
        try:
            from diaodu.investment.services import leads_remind
        except ImportError:  # pragma: no cover
            pass
        else:
            self.stdout.write(f"leads: {leads_remind(as_of=as_of)}")
        reminders = reports_remind(as_of=as_of)
        self.stdout.write(f"reports: {reminders['due']} due soon, {reminders['late']} late")
        lights = lights_recompute(as_of=as_of)
        counts = f"{lights['red']} red, {lights['yellow']} yellow, {lights['green']} green"
        self.stdout.write(f"lights: {counts}, {lights['changed']} changed")
        for name, job in nightly_jobs():
            self.stdout.write(f"{name}: {job(as_of)}")
