"""Seed the default maturity checklist with its weights, and the funding settings."""

from django.db import migrations


def load(apps, schema_editor):
    from diaodu.funding.catalogue import seed_items

    seed_items(apps.get_model("funding", "MaturityItem"), apps.get_model("funding", "FundingSettings"))


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
