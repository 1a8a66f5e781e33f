"""Demo of the evaluation: this year's scheme with the default weights, and a snapshot of each past month.

Each past month of the year that has data is scored as of its last day and kept, as the nightly run would
have done on the first of the next month, so that the ranking page shows how places moved. Idempotent: an
existing scheme is left as it is and a month that has a snapshot keeps it.
"""

from django.db import transaction
from django.utils import timezone

from .choices import SubjectKind
from .models import EvaluationScheme
from .services import snapshot_take


@transaction.atomic
def seed_scheme() -> EvaluationScheme:
    year = timezone.localdate().year
    scheme = EvaluationScheme.for_year(year)
    if scheme.pk is None:
        scheme.note = "演示数据：默认权重"
        scheme._change_reason = "演示数据"
        scheme.save()
    return scheme


@transaction.atomic
def seed_snapshots() -> dict:
    today = timezone.localdate()
    seed_scheme()
    months, snapshots, rows = set(), 0, 0
    for number in range(1, today.month):
        month = today.replace(month=number, day=1)
        for kind in SubjectKind.values:
            snapshot, taken = snapshot_take(kind=kind, month=month, today=today)
            if snapshot is not None:
                months.add(number)
            if taken:
                snapshots += 1
                rows += snapshot.rows.count()
    return {"months": len(months), "snapshots": snapshots, "rows": rows}
