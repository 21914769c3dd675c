"""Scoring a JSON input with the methodology in force: the one path the ``score`` command and the API share.

Plain data in (``json.loads`` output), plain JSON-ready data out: every explanation in kk, ru and en; F as a
string at full precision; every openness figure computed exactly and written once rounded half-up to the
methodology's 0.01 (SPEC §7). Bad input raises the engine's ``ScoringInputError``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ashyq.evaluation.engine import (
    BodyScore,
    CriterionScore,
    FeedbackScore,
    IndicatorResult,
    parse_feedback,
    parse_openness,
    score_feedback,
    score_openness,
)
from ashyq.evaluation.engine.explanation import DISPLAY_LANGUAGES
from ashyq.methodology.versions import feedback_version, openness_version


def feedback_result(data: object, *, on: date) -> dict[str, Any]:
    """F of 000 §22–23 for the input, by the feedback methodology in force on the date."""
    version = feedback_version(on)
    score = score_feedback(version, parse_feedback(data))
    return _feedback_output(version.act.id, score)


def openness_result(data: object, *, on: date) -> dict[str, Any]:
    """The openness scores of the input's bodies, as one group, by the methodology in force on the date."""
    version = openness_version(on)
    scores = score_openness(version, parse_openness(version, data))
    return {"methodology": version.act.id, "bodies": [_body_output(score) for score in scores]}


def _feedback_output(methodology: str, score: FeedbackScore) -> dict[str, Any]:
    return {
        "methodology": methodology,
        "F": str(score.f),
        "display": score.display,
        "band": score.band,
        "band_name": {"kk": score.band_names.kk, "ru": score.band_names.ru},
        "inputs": dict(score.inputs),
        "parameters": dict(score.parameters),
        "explanation": dict(score.text),
    }


def _indicator_output(score: BodyScore, result: IndicatorResult) -> dict[str, Any]:
    return {
        "id": result.indicator_id,
        "clause": result.clause.render("en"),
        "rule": result.rule,
        "treatment": result.treatment,
        "inputs": dict(result.inputs),
        "parameters": dict(result.parameters),
        "points": {lang: f"{score.shown(points):f}" for lang, points in result.points.items()},
        "explanation": dict(result.text),
    }


def _criterion_output(score: BodyScore, criterion: CriterionScore) -> dict[str, Any]:
    return {
        "number": criterion.number,
        "name": {"kk": criterion.names.kk, "ru": criterion.names.ru},
        "weight": f"{criterion.weight:f}",
        "penalty": criterion.penalty,
        "tables": list(criterion.tables),
        "points": {lang: f"{score.shown(points):f}" for lang, points in criterion.points.items()},
        "total": f"{score.shown(criterion.total):f}",
        "indicators": [_indicator_output(score, result) for result in criterion.indicators],
        "explanation": dict(criterion.text),
    }


def _body_output(score: BodyScore) -> dict[str, Any]:
    return {
        "id": score.body_id,
        "kind": score.kind,
        "criteria": [_criterion_output(score, criterion) for criterion in score.criteria],
        "total": f"{score.shown(score.total):f}",
        "penalty": f"{score.shown(score.penalty):f}",
        "final": f"{score.shown(score.final):f}",
        "explanation": {lang: score.explanation(lang) for lang in DISPLAY_LANGUAGES},
    }
