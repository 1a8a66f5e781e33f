"""`python manage.py seed_demo`: load the speech's zone as demo data (idempotent).

Each app that has demo data gives its AppConfig a `seed_demo(stdout)` method; they run in the
order of INSTALLED_APPS, so an app finds the records of the apps below it already there.
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
