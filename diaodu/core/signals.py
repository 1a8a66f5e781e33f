"""Keep the precomputed working-day calendar in step with the `CalendarDay` table."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from . import workdays
from .models import CalendarDay

# Sent once the change of a CalendarDay is committed: every schedule counted in working days moved.
calendar_changed = Signal()


def _after_commit():
    workdays.invalidate()
    calendar_changed.send(sender=CalendarDay)


@receiver([post_save, post_delete], sender=CalendarDay)
def calendar_day_changed(**kwargs):
    workdays.invalidate()
    # A reader in this process may rebuild from the old rows before the transaction commits.
    transaction.on_commit(_after_commit)
