"""Seed the default issue categories with their SLAs, and the escalation settings."""

from django.db import migrations


def load(apps, schema_editor):
    from diaodu.coordination.catalogue import seed_categories

    seed_categories(
        apps.get_model("coordination", "IssueCategory"),
        apps.get_model("org", "Department"),
        apps.get_model("coordination", "EscalationSettings"),
    )


class Migration(migrations.Migration):
    dependencies = [("coordination", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
