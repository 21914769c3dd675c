"""What the engine scores: the facts a body reported (or an analyst recorded) per indicator and language.

Each fact type matches a rule of the methodology version (``Indicator.rule``); the field names are the
names of the JSON input (docs/methodology.md), so an error's path reads the same in both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from ashyq.methodology.versions import BodyKind, Lang


@dataclass(frozen=True)
class MetFacts:
    """Rule ``met``: whether the indicator is met, per language."""

    met: Mapping[Lang, bool]


@dataclass(frozen=True)
class AttainmentFacts:
    """Rule ``attainment``: the analyst's attainment in [0, 1], per language (SPEC §7)."""

    attainment: Mapping[Lang, Decimal]


@dataclass(frozen=True)
class LanguageMeasureFacts:
    """Rule ``bands`` measured per language, e.g. the first head's blog posts (002 Annex 10 table 6 item 2)."""

    values: Mapping[Lang, Decimal]


@dataclass(frozen=True)
class CommonMeasureFacts:
    """One measured value for both languages: the population survey (table 7-1 item 3), C of §83."""

    value: Decimal


@dataclass(frozen=True)
class EventFacts:
    """Rule ``category_average``: the publicity category of each event held, per language."""

    events: Mapping[Lang, tuple[str, ...]]


@dataclass(frozen=True)
class PublicityFacts:
    """Rule ``publicity`` (§81): all events held (b) and the high-publicity ones per language (a)."""

    events_total: int
    high_publicity_events: Mapping[Lang, int]


@dataclass(frozen=True)
class MediaRequests:
    """Media requests in one language (§82): received (a), answered (b), answered late (c)."""

    received: int
    answered: int
    late: int


@dataclass(frozen=True)
class MediaRequestFacts:
    """Rule ``media_requests`` (§82), per language."""

    requests: Mapping[Lang, MediaRequests]


@dataclass(frozen=True)
class PenaltyFacts:
    """Rule ``penalty_share``: how many subordinate organisations fail the indicator, per language."""

    failing: Mapping[Lang, int]


IndicatorFacts = (
    MetFacts
    | AttainmentFacts
    | LanguageMeasureFacts
    | CommonMeasureFacts
    | EventFacts
    | PublicityFacts
    | MediaRequestFacts
    | PenaltyFacts
)


@dataclass(frozen=True)
class BodyFacts:
    """One assessed body: its kind, its exemption tags and its facts by indicator id."""

    id: str
    kind: BodyKind
    indicators: Mapping[str, IndicatorFacts]
    exemptions: frozenset[str] = frozenset()
    subordinate_organisations: int = 0
    tags: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tags", self.exemptions | {self.kind})
