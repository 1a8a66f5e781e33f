"""`python manage.py import_ledger PATH [--dry-run] [--json] [--year YYYY] [--skip-invalid] [--user NAME]`.

Imports a zone's Excel ledger (台账) into the registry, all or nothing (see diaodu.ledger.services).
Prints a summary in Chinese, or with --json exactly the JSON contract of the issue. The exit status is 1
when the ledger has errors and nothing valid was written (or, with --dry-run, would be), else 0.
"""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from diaodu.ledger.services import ImportResult, ledger_import


def summary_lines(result: ImportResult) -> list[str]:
    """The result in words, as the command prints it."""
    lines = []
    if result.ledger is not None:
        ledger = result.ledger
        lines.append(
            _("台账：%(file)s（工作表“%(sheet)s”，表头第%(first)d–%(last)d行，计划投资年度 %(year)d）")
            % {
                "file": result.file_name,
                "sheet": ledger.sheet,
                "first": ledger.header_rows[0],
                "last": ledger.header_rows[1],
                "year": ledger.plan_year,
            }
        )
    if result.writes:
        counts = {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
        if result.dry_run:
            line = _("将新增 %(created)d 个项目，更新 %(updated)d 个（其中 %(unchanged)d 个没有变化）。")
        else:
            line = _("已新增 %(created)d 个项目，更新 %(updated)d 个（其中 %(unchanged)d 个没有变化）。")
        lines.append(line % counts)
        for kind, label in (
            ("person", _("新建人员（无登录账号）")),
            ("department", _("新建部门")),
            ("organisation", _("新建单位")),
        ):
            if names := result.new_names(kind):
                lines.append(f"{label}：{'、'.join(names)}")
    if result.skipped_rows:
        rows = "、".join(str(row) for row in result.skipped_rows)
        lines.append(_("跳过第 %(rows)s 行（合计、小计或说明）。") % {"rows": rows})
    if result.errors:
        lines.append(_("错误 %(n)d 处：") % {"n": len(result.errors)})
        lines.extend(f"  {error.message}" for error in result.errors)
        if result.writes:
            lines.append(_("以上错误行已跳过，其余各行照常导入。"))
        elif result.ledger is not None and result.valid:
            lines.append(_("没有导入任何数据：请改正错误后重新导入，或加 --skip-invalid 跳过错误行。"))
        else:
            lines.append(_("没有导入任何数据。"))
    if result.dry_run:
        lines.append(_("试运行（--dry-run）：没有写入数据库。"))
    return lines


class Command(BaseCommand):
    help = "Import an Excel ledger (台账) of key projects: all rows or none, unless --skip-invalid."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the .xlsx ledger")
        parser.add_argument("--dry-run", action="store_true", help="read and check, write nothing")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")
        parser.add_argument("--year", type=int, default=None, help="year of dates given as a bare month (3月)")
        parser.add_argument("--skip-invalid", action="store_true", help="write the valid rows, report the others")
        parser.add_argument("--user", default=None, help="username the changes are attributed to (default: system)")

    def handle(self, *args, path, dry_run=False, json=False, year=None, skip_invalid=False, user=None, **options):
        if year is not None and not 1990 <= year <= 2100:
            raise CommandError(_("--year 应为 1990 至 2100 之间的年份。"))
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(_("没有用户名为“%(user)s”的用户。") % {"user": user})
        result = ledger_import(
            workbook_path_or_file=path, year=year, skip_invalid=skip_invalid, dry_run=dry_run, user=actor
        )
        if json:
            self.stdout.write(_dumps(result.as_json()))
        else:
            for line in summary_lines(result):
                self.stdout.write(line)
        if result.exit_status:
            raise CommandError(_("台账有 %(n)d 处错误，没有导入任何数据。") % {"n": len(result.errors)}, returncode=1)


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)
