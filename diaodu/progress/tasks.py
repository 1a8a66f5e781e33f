"""Background tasks of the progress app."""

from django_tasks import task


@task()
def nightly() -> str:
    """The daily dispatch loop (see the `nightly` command), for a scheduler that enqueues tasks."""
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("nightly", stdout=out)
    return out.getvalue()
