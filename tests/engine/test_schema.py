"""The documented JSON format: the schema files are the engine's, the examples score."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ashyq.evaluation.engine import parse_feedback, parse_openness, score_feedback, score_openness
from ashyq.evaluation.engine.schema import feedback_schema, openness_schema
from ashyq.methodology.versions import feedback_version

from .inputs import VERSION, body_input

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def _load(name: str) -> Any:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def test_the_schema_files_are_the_ones_the_engine_builds() -> None:
    assert _load("feedback.schema.json") == feedback_schema()
    assert _load("openness.schema.json") == openness_schema(VERSION)


def test_the_examples_score() -> None:
    feedback = score_feedback(feedback_version(VERSION.act.effective_from), parse_feedback(_load("feedback.json")))
    assert (feedback.display, feedback.band) == ("67.5", "low")
    scores = score_openness(VERSION, parse_openness(VERSION, _load("openness.json")))
    assert [score.body_id for score in scores] == ["ministry-of-health", "ministry-of-defence", "akmola-oblast-akimat"]


def _keys(schema: dict[str, Any]) -> set[str]:
    return set(schema["properties"])


def test_the_schema_describes_the_shape_the_parser_reads() -> None:
    indicators = openness_schema(VERSION)["properties"]["bodies"]["items"]["properties"]["indicators"]["properties"]
    for kind in ("central", "local"):
        for indicator_id, facts in body_input("a", kind)["indicators"].items():
            schema = indicators[indicator_id]
            assert set(facts) == _keys(schema) == set(schema["required"]), indicator_id
            for lang in ("kk", "ru"):
                if lang in facts:
                    assert set(facts[lang]) == _keys(schema["properties"][lang]), indicator_id
