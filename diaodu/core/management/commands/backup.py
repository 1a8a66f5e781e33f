"""`python manage.py backup --output FILE`: a consistent backup of the whole database while the site runs."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from diaodu.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the whole database to one file (SQLite online backup, or pg_dump on PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, type=Path, help="the backup file to write")
        parser.add_argument("--database", default="default")

    def handle(self, *args, output, database, **options):
        try:
            written = backup(output, alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"backup written: {written} ({written.stat().st_size:,} bytes)")
