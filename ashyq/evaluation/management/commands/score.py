"""``manage.py score feedback|openness --input FILE [--format json|text] [--language kk|ru|en] [--on DATE]``.

Scores a JSON input (docs/methodology.md) with the methodology in force on the date (today by default) and
prints the result. Bad input stops with a non-zero exit and a message naming the field; nothing is printed
as a score then.

``score openness --input FILE --conclusion pdf|docx --details FILE --language kk|ru --output FILE`` writes
one body's conclusion (002 Annex 8) instead; the details file names the body and gives the plain details.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from ashyq.evaluation.conclusion_documents import CONCLUSION_FORMATS, conclusion_file
from ashyq.evaluation.conclusion_input import ConclusionInputError, conclusion_from_json
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
        parser.add_argument("--conclusion", choices=CONCLUSION_FORMATS, help="write one body's conclusion (Annex 8)")
        parser.add_argument("--details", type=Path, help="the conclusion's details (JSON, docs/methodology.md)")
        parser.add_argument("--output", type=Path, help="the conclusion file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["input"]
        data = _read_json(path)
        if options["conclusion"]:
            self._conclusion(data, options)
            return
        if options["details"] or options["output"]:
            raise CommandError("--details and --output go with --conclusion pdf|docx")
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

    def _conclusion(self, data: object, options: dict[str, Any]) -> None:
        if options["what"] != "openness":
            raise CommandError("--conclusion is for openness: the conclusion of 002 Annex 8")
        if options["language"] not in ("kk", "ru"):
            raise CommandError("--conclusion needs --language kk or ru: the conclusion is written in Kazakh or Russian")
        details_path: Path | None = options["details"]
        output: Path | None = options["output"]
        if details_path is None or output is None:
            raise CommandError("--conclusion needs --details FILE and --output FILE")
        details = _read_json(details_path)
        on = options["on"] or timezone.localdate()
        try:
            conclusion = conclusion_from_json(data, details, language=options["language"], on=on)
        except ScoringInputError as error:
            raise CommandError(f"{options['input']}: {error}") from None
        except ConclusionInputError as error:
            raise CommandError(f"{details_path}: {error}") from None
        except MethodologyError as error:
            raise CommandError(str(error)) from None
        content, _name = conclusion_file(conclusion, options["conclusion"])
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(f"{output}: cannot be written: {error.strerror}") from None
        self.stdout.write(
            f"{output}: conclusion of {conclusion.body_id} ({options['conclusion'].upper()}, {conclusion.language}), "
            f"final score with penalty {conclusion.final_score}"
        )


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CommandError(f"{path}: cannot be read: {error.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise CommandError(f"{path}: not valid JSON: {error}") from None


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
