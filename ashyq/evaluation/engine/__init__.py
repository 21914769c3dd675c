"""The scoring engine: pure arithmetic over frozen dataclasses, Decimal out, every number explained.

No Django, no ORM, no I/O: selectors gather the facts, the engine scores them against a methodology
version (:mod:`ashyq.methodology.versions`), a service stores the result.
"""

from .errors import ScoringInputError
from .facts import (
    AttainmentFacts,
    BodyFacts,
    CommonMeasureFacts,
    EventFacts,
    IndicatorFacts,
    LanguageMeasureFacts,
    MediaRequestFacts,
    MediaRequests,
    MetFacts,
    PenaltyFacts,
    PublicityFacts,
)
from .feedback import FeedbackFacts, FeedbackScore, score_feedback
from .openness import score_openness
from .parsing import parse_feedback, parse_openness
from .results import BodyScore, CriterionScore, IndicatorResult

__all__ = [
    "AttainmentFacts",
    "BodyFacts",
    "BodyScore",
    "CommonMeasureFacts",
    "CriterionScore",
    "EventFacts",
    "FeedbackFacts",
    "FeedbackScore",
    "IndicatorFacts",
    "IndicatorResult",
    "LanguageMeasureFacts",
    "MediaRequestFacts",
    "MediaRequests",
    "MetFacts",
    "PenaltyFacts",
    "PublicityFacts",
    "ScoringInputError",
    "parse_feedback",
    "parse_openness",
    "score_feedback",
    "score_openness",
]
