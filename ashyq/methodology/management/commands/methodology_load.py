"""``manage.py methodology_load [--file F]``: copy the methodology data files into the database.

Every file of ``ashyq/methodology/data/`` (or the one given) is validated by ``versions.py`` first; one
refused file stops the command with a non-zero exit and the loader's message naming the line, and nothing is
written. Then each file is loaded through ``methodology_version_load`` in one transaction; one summary line
per file is printed after the commit (docs/methodology.md, "Loading the versions").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from ashyq.core.errors import InvalidTransition
from ashyq.methodology import versions as v
from ashyq.methodology.services import VersionLoad, methodology_version_load


def data_files(file: Path | None) -> list[Path]:
    """The file given (as a path, or a name in the data directory) or every ``*.toml`` of the data directory."""
    if file is None:
        return sorted(v.DATA_DIR.glob("*.toml"))
    if not file.exists() and (v.DATA_DIR / file).exists():
        return [v.DATA_DIR / file]
    if not file.is_file():
        raise CommandError(f"{file}: no such file")
    return [file]


def summary(file: v.VersionFile, load: VersionLoad) -> str:
    """One line per file: what happened, the version, its act and its contents, the file's hash."""
    data = file.version
    act = data.act
    if isinstance(data, v.OpennessVersion):
        counts = (len(data.criteria), len(data.indicators), sum(len(i.bands) for i in data.indicators.values()))
    else:
        counts = (len(data.criteria), 0, len(data.bands))
    outcome = "loaded" if load.created else "unchanged"
    return (
        f"{file.name}: {outcome} {act.id} (No. {act.registration_number}, in force from "
        f"{act.effective_from.isoformat()}): {counts[0]} criteria, {counts[1]} indicators, {counts[2]} bands, "
        f"{len(data.parameters)} parameters; SHA-256 {file.sha256[:12]}"
    )


class Command(BaseCommand):
    help = "Validate the methodology data files and load them into the database as versions (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, help="one data file (default: every file of methodology/data/)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            files = [v.read_version_file(path) for path in data_files(options["file"])]
        except v.MethodologyError as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise CommandError(f"{error.filename}: cannot be read: {error.strerror}") from None
        try:
            with transaction.atomic():
                lines = [summary(file, methodology_version_load(version=file, actor=None)) for file in files]
        except InvalidTransition as error:
            raise CommandError(error.message) from None
        for line in lines:
            self.stdout.write(line)
