"""`python manage.py evaluation_snapshot [--month YYYY-MM] [--replace]`: keep a past month's rankings.

By default the previous month. A month that already has its snapshots keeps them unless `--replace` is given
(then they are recomputed as of the month's last day; the replaced ones are kept, no longer current).
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from diaodu.evaluation.choices import SubjectKind
from diaodu.evaluation.months import parse_month, previous_month
from diaodu.evaluation.services import month_snapshots_take


class Command(BaseCommand):
    help = "Keep a past month's evaluation rankings (departments, officers, leaders) as they stand."

    def add_arguments(self, parser):
        parser.add_argument("--month", default=None, help="YYYY-MM (default: the previous month)")
        parser.add_argument("--replace", action="store_true", help="replace the month's existing snapshots")

    def handle(self, *args, month=None, replace=False, **options):
        today = timezone.localdate()
        try:
            first = parse_month(month, today) if month else previous_month(today.replace(day=1))
            results = month_snapshots_take(month=first, replace=replace, today=today)
        except ValueError as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        for kind, (snapshot, taken) in results.items():
            label = SubjectKind(kind).label
            if taken:
                self.stdout.write(f"{first:%Y-%m} {label}：已留存，{snapshot.rows.count()} 行")
            elif snapshot is not None:
                taken_at = timezone.localtime(snapshot.taken_at).strftime("%Y-%m-%d %H:%M")
                self.stdout.write(f"{first:%Y-%m} {label}：已有快照（{taken_at}），未替换；如需替换请加 --replace")
            else:
                self.stdout.write(f"{first:%Y-%m} {label}：没有可考核的数据，未留存")
