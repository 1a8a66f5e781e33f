"""`python manage.py seed_demo`: load the speech's zone as demo data (idempotent).

Each app that has demo data gives its AppConfig a `seed_demo(stdout)` method; they run in the
order of INSTALLED_APPS, so an app finds the records of the apps below it already there. Then
each `after_seed_demo(stdout)` runs, for what is derived from several apps' data.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load the demo zone of the speech: areas, departments, companies, one login per role, and more."

    @transaction.atomic
    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            seed = getattr(config, "seed_demo", None)
            if seed is not None:
                seed(self.stdout)
        # Then what reads across apps (lights read reports, schedules and issues alike).
        for config in apps.get_app_configs():
            after = getattr(config, "after_seed_demo", None)
            if after is not None:
                after(self.stdout)
