"""Keep the precomputed working-day calendar in step with the `CalendarDay` table."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import workdays
from .models import CalendarDay


@receiver([post_save, post_delete], sender=CalendarDay)
def calendar_day_changed(**kwargs):
    workdays.invalidate()
    # A reader in this process may rebuild from the old rows before the transaction commits.
    transaction.on_commit(workdays.invalidate)
