"""Seed the standard procedure catalogue and the two default schedule templates."""

from django.db import migrations


def load(apps, schema_editor):
    from diaodu.projects.catalogue import load_catalogue

    load_catalogue(
        apps.get_model("projects", "ProcedureType"),
        apps.get_model("projects", "ScheduleTemplate"),
        apps.get_model("projects", "TemplateStep"),
    )


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
