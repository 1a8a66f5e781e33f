from django.db import migrations


def load(apps, schema_editor):
    from diaodu.investment.catalogue import seed_chains

    seed_chains(apps.get_model("investment", "IndustryChain"))
    apps.get_model("investment", "ResponseRules").objects.get_or_create(singleton=True)


class Migration(migrations.Migration):
    dependencies = [("investment", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
