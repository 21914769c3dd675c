"""``manage.py bodies_import FILE [--parent NAME]``: load state bodies from a CSV (issue 3 item 2).

Columns: kind,name_ru,name_kk,legalacts_government_id,notes and an optional parent (the Russian or
Kazakh name of the oblast). ``--parent`` gives one parent to every row (a file of one oblast's districts).
All rows or none; a re-import of the same file changes nothing. Prints one summary line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from ashyq.orgs.models import Body
from ashyq.orgs.services import BodyImportError, bodies_import_csv


class Command(BaseCommand):
    help = "Create or update state bodies from a CSV file (UTF-8)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--parent", help="name (ru or kk) of the oblast every row belongs to")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise CommandError(f"{path}: no such file.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{path}: not UTF-8 text; save the file as CSV UTF-8.") from None
        parent = None
        if options["parent"]:
            parent = Body.objects.filter(Q(name_ru=options["parent"]) | Q(name_kk=options["parent"])).first()
            if parent is None:
                raise CommandError(f"--parent {options['parent']!r}: no such state body.")
        try:
            result = bodies_import_csv(text=text, actor=None, parent=parent)
        except BodyImportError as error:
            lines = "\n".join(f"  line {line}: {reason}" for line, reason in error.errors)
            raise CommandError(f"{path}: nothing imported; fix these rows:\n{lines}") from None
        self.stdout.write(f"created {len(result.created)}, updated {len(result.updated)}, unchanged {result.unchanged}")
