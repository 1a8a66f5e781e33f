"""Background tasks of issue coordination."""

from django_tasks import task


@task()
def escalate_and_remind_issues(as_of: str | None = None) -> dict:
    """The nightly run: remind near and passed due dates, then climb the escalation ladder (as of today)."""
    import datetime as dt

    from .services import issues_nightly

    return issues_nightly(as_of=dt.date.fromisoformat(as_of) if as_of else None)
