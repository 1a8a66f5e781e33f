"""Background tasks of investment attraction."""

from django_tasks import task


@task()
def remind_overdue_leads(as_of: str | None = None) -> dict:
    """Remind the officers of large leads whose response deadlines have passed (as of today, or an ISO date)."""
    import datetime as dt

    from .services import leads_remind

    return leads_remind(as_of=dt.date.fromisoformat(as_of) if as_of else None)


@task()
def refresh_lead_deadlines() -> int:
    """Recompute every lead's stored deadline (after the working-day calendar changed)."""
    from .services import leads_refresh_sla

    return leads_refresh_sla()
