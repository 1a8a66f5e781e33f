"""Background tasks of the ledger app."""

from django_tasks import task


@task()
def recompute_imported_projects(project_ids: list[int]) -> dict:
    """Recompute the schedules (and, through the registry's signal, the lights) of the projects an import wrote."""
    from diaodu.projects.models import Project
    from diaodu.projects.services import portfolio_recompute_schedules

    totals = portfolio_recompute_schedules(projects=Project.objects.filter(pk__in=project_ids))
    totals.pop("last", None)
    return totals
