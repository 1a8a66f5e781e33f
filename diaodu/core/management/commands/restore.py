"""`python manage.py restore FILE`: replace the database's content with a backup made by `backup`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from diaodu.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore the whole database from a backup file made by `manage.py backup` (replaces everything)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--database", default="default")
        parser.add_argument("--no-input", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, file, database, no_input, **options):
        if not no_input:
            answer = input(f"Replace everything in the database with {file}? Type 'yes' to continue: ")
            if answer.strip().lower() != "yes":
                raise CommandError("restore cancelled")
        try:
            restore(file, alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"restored from {file}")
