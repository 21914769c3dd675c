"""The feedback indicator F of a state body (000 §22–23).

F = (B / C) × (E / G) × 100 %, a ratio equal to 1 where nothing of its kind was received (§22), 0 where the
materials were not openly accessible (§23). Kept at full precision; the band is chosen by the exact value;
the display rounds half-up to the version's number of decimals (SPEC §7).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ashyq.methodology.versions import FeedbackBand, FeedbackVersion, Names, plain

from .errors import ScoringInputError
from .explanation import Arg, Word, texts
from .rules import at_most, count

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class FeedbackFacts:
    """What a body submits under 000 §20: remarks/proposals and comments, and whether all was open."""

    remarks_received: int
    remarks_accepted: int
    comments_received: int
    comments_answered: int
    openly_accessible: bool


@dataclass(frozen=True)
class FeedbackScore:
    """F at full precision, its display, its band (000 §23) and the explanation."""

    f: Decimal
    display: str
    band: str
    band_names: Names
    inputs: Mapping[str, str]
    parameters: Mapping[str, str]
    text: Mapping[str, str]


FORMULA: Word = {
    "kk": "{clause}: F = (B / C) × (E / G) × 100 % = ({b} / {c}) × ({e} / {g}) × 100 % = {f}",
    "ru": "{clause}: F = (B / C) × (E / G) × 100 % = ({b} / {c}) × ({e} / {g}) × 100 % = {f}",
    "en": "{clause}: F = (B / C) × (E / G) × 100 % = ({b} / {c}) × ({e} / {g}) × 100 % = {f}",
}
RATIO_ONE: Word = {
    "kk": "; {ratio} = {value}, себебі {what} түспеді ({clause})",
    "ru": "; {ratio} = {value}, так как {what} не поступали ({clause})",
    "en": "; {ratio} = {value} because no {what} were received ({clause})",
}
REMARKS: Word = {"kk": "ескертулер мен ұсыныстар", "ru": "замечания и предложения", "en": "remarks or proposals"}
COMMENTS: Word = {"kk": "түсініктемелер", "ru": "комментарии", "en": "comments"}
NOTHING_RECEIVED: Word = {
    "kk": "{clause}: C = 0 және G = 0, f_when_nothing_received параметрі бойынша F = {f}",
    "ru": "{clause}: C = 0 и G = 0, по параметру f_when_nothing_received F = {f}",
    "en": "{clause}: C = 0 and G = 0, so F = {f} by the parameter f_when_nothing_received",
}
NOT_ACCESSIBLE: Word = {
    "kk": "{clause}: материалдар ашық қолжетімділікте болмады → F = {f}",
    "ru": "{clause}: материалы не были в открытом доступе → F = {f}",
    "en": "{clause}: the materials were not openly accessible → F = {f}",
}
BAND: Word = {
    "kk": ". Шкала ({clause}): {band} «{name}»; көрсетілімі {display}",
    "ru": ". Шкала ({clause}): {band} «{name}»; отображается {display}",
    "en": ". Scale ({clause}): {band} «{name}»; displayed as {display}",
}


def _check(facts: FeedbackFacts) -> None:
    """Counts are whole numbers ≥ 0; accepted ≤ received; answered ≤ received (000 §20)."""
    received = count(facts.remarks_received, "remarks_received")
    at_most(count(facts.remarks_accepted, "remarks_accepted"), received, "remarks_accepted", "remarks_received")
    comments = count(facts.comments_received, "comments_received")
    at_most(count(facts.comments_answered, "comments_answered"), comments, "comments_answered", "comments_received")
    if not isinstance(facts.openly_accessible, bool):
        raise ScoringInputError("openly_accessible", "must be true or false")


def _ratio(numerator: int, denominator: int, one: Decimal) -> tuple[Decimal, Decimal]:
    """A ratio as (numerator, denominator); ``one`` when nothing was received (000 §22)."""
    return (Decimal(numerator), Decimal(denominator)) if denominator else (one, Decimal(1))


def _value(version: FeedbackVersion, facts: FeedbackFacts) -> tuple[Decimal, dict[str, str]]:
    """F at full precision and its explanation without the band."""
    clause = version.formula_clause
    if not facts.openly_accessible:
        f = version.not_accessible_value
        return f, texts(NOT_ACCESSIBLE, clause=version.not_accessible_clause, f=f)
    if facts.remarks_received == 0 and facts.comments_received == 0:
        f = version.settings.f_when_nothing_received
        return f, texts(NOTHING_RECEIVED, clause=clause, f=f)
    one = version.none_received_ratio
    b, c = _ratio(facts.remarks_accepted, facts.remarks_received, one)
    e, g = _ratio(facts.comments_answered, facts.comments_received, one)
    f = b * e * HUNDRED / (c * g)
    args: dict[str, Arg] = {"clause": clause, "b": b, "c": c, "e": e, "g": g, "f": f}
    text = texts(FORMULA, **args)
    for received, ratio, what in ((facts.remarks_received, "B/C", REMARKS), (facts.comments_received, "E/G", COMMENTS)):
        if received == 0:
            note = texts(RATIO_ONE, ratio=ratio, value=one, what=what, clause=clause)
            text = {lang: text[lang] + note[lang] for lang in text}
    return f, text


def band_of(version: FeedbackVersion, f: Decimal) -> FeedbackBand:
    """The band of the scale holding the exact F (000 §23)."""
    return next(band for band in version.bands if band.interval.contains(f))


def f_shown(version: FeedbackVersion, f: Decimal) -> Decimal:
    """F as displayed: rounded once, half-up, to the version's number of decimals (SPEC §7)."""
    return f.quantize(Decimal(1).scaleb(-version.settings.f_display_decimals), rounding=ROUND_HALF_UP)


def score_feedback(version: FeedbackVersion, facts: FeedbackFacts) -> FeedbackScore:
    """F of 000 §22 with its band of §23 and an explanation in kk, ru and en."""
    _check(facts)
    f, text = _value(version, facts)
    band = band_of(version, f)
    decimals = version.settings.f_display_decimals
    shown = f_shown(version, f)
    scale = texts(
        BAND,
        clause=version.not_accessible_clause,
        band=str(band.interval),
        name={"kk": band.names.kk, "ru": band.names.ru, "en": band.key},
        display=shown,
    )
    inputs = {
        "remarks_received": str(facts.remarks_received),
        "remarks_accepted": str(facts.remarks_accepted),
        "comments_received": str(facts.comments_received),
        "comments_answered": str(facts.comments_answered),
        "openly_accessible": str(facts.openly_accessible).lower(),
    }
    parameters = {
        "f_when_nothing_received": plain(version.settings.f_when_nothing_received),
        "f_display_decimals": str(decimals),
        "f_band_basis": "exact",
    }
    return FeedbackScore(
        f=f,
        display=f"{shown:f}",
        band=band.key,
        band_names=band.names,
        inputs=inputs,
        parameters=parameters,
        text={lang: text[lang] + scale[lang] for lang in text},
    )
