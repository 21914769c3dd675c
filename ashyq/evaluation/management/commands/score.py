"""``manage.py score feedback|openness --input FILE [--format json|text] [--language kk|ru|en] [--on DATE]``.

Scores a JSON input (docs/methodology.md) with the methodology in force on the date (today by default) and
prints the result. Bad input stops with a non-zero exit and a message naming the field; nothing is printed
as a score then.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from ashyq.evaluation.engine import ScoringInputError
from ashyq.evaluation.scoring import feedback_result, openness_result
from ashyq.methodology.versions import MethodologyError

SCORERS = {"feedback": feedback_result, "openness": openness_result}


class Command(BaseCommand):
    help = "Score a feedback (000 §22–23) or openness (002) JSON input and print the result with its explanation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=sorted(SCORERS), help="feedback (000) or openness (002)")
        parser.add_argument("--input", required=True, type=Path, help="the JSON input file")
        parser.add_argument("--format", choices=("json", "text"), default="json")
        parser.add_argument("--language", choices=("kk", "ru", "en"), default="en", help="language of text output")
        parser.add_argument("--on", type=date.fromisoformat, help="date whose methodology applies (default today)")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["input"]
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"{path}: cannot be read: {error.strerror}") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise CommandError(f"{path}: not valid JSON: {error}") from None
        try:
            result = SCORERS[options["what"]](data, on=options["on"] or timezone.localdate())
        except ScoringInputError as error:
            raise CommandError(f"{path}: {error}") from None
        except MethodologyError as error:
            raise CommandError(str(error)) from None
        if options["format"] == "json":
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        elif options["what"] == "feedback":
            self.stdout.write(_feedback_text(result, options["language"]))
        else:
            self.stdout.write(_openness_text(result, options["language"]))


def _feedback_text(result: dict[str, Any], language: str) -> str:
    return "\n".join(
        [
            f"{result['methodology']}: F = {result['F']} (display {result['display']}), band {result['band']}",
            result["explanation"][language],
        ]
    )


def _openness_text(result: dict[str, Any], language: str) -> str:
    lines = [str(result["methodology"])]
    for body in result["bodies"]:
        lines.append(
            f"\n{body['id']} ({body['kind']}): total {body['total']}, penalty {body['penalty']}, final {body['final']}"
        )
        lines.append(body["explanation"][language])
    return "\n".join(lines)
