"""Background tasks of the registry."""

from django_tasks import task


@task()
def recompute_portfolio_schedules() -> dict:
    """Recompute every project's stored schedule as of today (nightly, and when the calendar changes)."""
    from .services import portfolio_recompute_schedules

    totals = portfolio_recompute_schedules()
    totals.pop("last", None)
    return totals
