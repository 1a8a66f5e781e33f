"""`python manage.py bulletin --format docx|pdf|xlsx --output FILE [--as-of YYYY-MM-DD] [--meeting ID]`.

Writes the bulletin of a date (default today; a meeting's date for `--meeting`) as the records stood at
the end of that day. The file is written atomically: a reader never sees half of it.
"""

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from diaodu.meetings.models import Meeting
from diaodu.reports.choices import BulletinFormat
from diaodu.reports.services import bulletin_file, default_as_of, write_atomically


class Command(BaseCommand):
    help = "Write the dispatch bulletin (调度通报) of a date or a meeting as Word, PDF or Excel."

    def add_arguments(self, parser):
        parser.add_argument("--format", required=True, choices=BulletinFormat.values, dest="fmt")
        parser.add_argument("--output", required=True, type=Path, help="the file to write")
        parser.add_argument("--as-of", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD (default: today)")
        parser.add_argument("--meeting", type=int, default=None, help="the id of a meeting (调度会)")

    def handle(self, *args, fmt, output, as_of=None, meeting=None, **options):
        record = None
        if meeting is not None:
            record = Meeting.objects.filter(pk=meeting).first()
            if record is None:
                raise CommandError(f"调度会 {meeting} 不存在。")
        as_of = as_of or default_as_of(record)
        if as_of > timezone.localdate():
            raise CommandError(f"截至日期 {as_of} 晚于今天。")
        with translation.override(settings.LANGUAGE_CODE):
            content = bulletin_file(fmt, as_of, meeting)
        write_atomically(output, content)
        self.stdout.write(f"{output}: {len(content)} bytes, as of {as_of}")
