"""`python manage.py remind_leads [--as-of YYYY-MM-DD]`: remind overdue large leads (run nightly)."""

import datetime as dt

from django.core.management.base import BaseCommand

from diaodu.investment.services import leads_remind


class Command(BaseCommand):
    help = "Remind the officers of large investment leads whose response deadlines (登记/研判/反馈/报告) have passed."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", type=dt.date.fromisoformat, default=None, help="date (default: today)")

    def handle(self, *args, as_of=None, **options):
        totals = leads_remind(as_of=as_of)
        self.stdout.write(f"{totals['overdue']} large leads overdue, {totals['reminded']} reminders sent")
