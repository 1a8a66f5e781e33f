"""Seed the speech's indicators, its 2020 figures and its 2025 targets (see catalogue.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from diaodu.indicators.catalogue import seed_indicators

    seed_indicators(
        apps.get_model("indicators", "Indicator"),
        apps.get_model("indicators", "IndicatorValue"),
        apps.get_model("indicators", "IndicatorTarget"),
    )


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
