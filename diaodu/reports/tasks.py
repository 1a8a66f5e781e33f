"""Background task of the bulletins (django-tasks; the database backend by default)."""

from django_tasks import task


@task()
def generate_bulletin(bulletin_id: int) -> str:
    """Make a queued bulletin's Word, PDF and Excel files, updating its progress; returns its final status."""
    from .services import bulletin_generate

    return bulletin_generate(bulletin_id)
