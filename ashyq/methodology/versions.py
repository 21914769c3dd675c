"""Methodology versions: the versioned files of ``methodology/data/`` loaded into frozen dataclasses.

One file per version of an act (000: the feedback methodology; 002: the openness methodology). Every point,
band, weight and SPEC §7 parameter lives in those files; the engine reads them from here. A file that
contradicts itself (table maxima that miss the criterion weight, overlapping or gapped bands, an unknown
rule, a missing parameter) is refused with a message naming the file, the line and the clause.

Pure: no Django, no ORM. The only I/O is reading the data files in :func:`load_version`.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal, cast, get_args

DATA_DIR = Path(__file__).parent / "data"

Lang = Literal["kk", "ru"]
LANGUAGES: tuple[Lang, ...] = ("kk", "ru")
BodyKind = Literal["central", "local"]
BODY_KINDS: tuple[BodyKind, ...] = ("central", "local")
Rule = Literal["met", "attainment", "bands", "category_average", "publicity", "media_requests", "penalty_share"]
Effect = Literal["maximum", "group_average", "not_assessed", "note"]
MeasureScope = Literal["language", "common"]
MeasureKind = Literal["count", "percent"]

_CLAUSE_WORDS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "annex": "Annex {}",
        "table": "table {}",
        "item": "item {}",
        "sub": "subitem {}",
        "par": "§{}",
        "mark": "footnote {}",
    },
    "ru": {
        "annex": "приложение {}",
        "table": "таблица {}",
        "item": "пункт {}",
        "sub": "подпункт {})",
        "par": "п. {}",
        "mark": "сноска {}",
    },
    "kk": {
        "annex": "{}-қосымша",
        "table": "{}-кесте",
        "item": "{}-тармақ",
        "sub": "{}) тармақша",
        "par": "{}-тармақ",
        "mark": "ескертпе {}",
    },
}


class MethodologyError(ValueError):
    """A methodology file refused on load; the message names the file, the line and the clause."""


@dataclass(frozen=True)
class Names:
    """Official names in the state language and in Russian."""

    kk: str
    ru: str


@dataclass(frozen=True)
class Clause:
    """Where a rule stands in an act: ``002 Annex 10 table 6 item 2``, ``002 §81``."""

    act: str
    paragraph: str | None = None
    annex: str | None = None
    table: str | None = None
    item: str | None = None
    subitem: str | None = None
    mark: str | None = None

    def render(self, lang: str = "en") -> str:
        """The clause in words of a display language (en, ru, kk); a paragraph follows a table's item."""
        words = _CLAUSE_WORDS[lang]
        parts = [self.act]
        for key, value in (
            ("annex", self.annex),
            ("table", self.table),
            ("item", self.item),
            ("sub", self.subitem),
            ("mark", self.mark),
        ):
            if value is not None:
                parts.append(words[key].format(value))
        if self.paragraph is None:
            return " ".join(parts)
        paragraph = words["par"].format(self.paragraph)
        return f"{' '.join(parts)}, {paragraph}" if len(parts) > 1 else f"{self.act} {paragraph}"

    def __str__(self) -> str:
        return self.render("en")


_NUMBERS = r"(\d+(?:-\d+)?(?:\s*(?:–|and)\s*\d+(?:-\d+)?)?)"
_CITATION_WORDS: Mapping[str, tuple[tuple[str, str], ...]] = {
    "ru": (
        (rf"\btables {_NUMBERS}", "таблицы {}"),
        (rf"\btable {_NUMBERS}", "таблица {}"),
        (rf"\bAnnex {_NUMBERS}", "приложение {}"),
        (rf"\bitem {_NUMBERS}", "пункт {}"),
        (rf"§{_NUMBERS}", "п. {}"),
    ),
    "kk": (
        (rf"\btables {_NUMBERS}", "{}-кестелер"),
        (rf"\btable {_NUMBERS}", "{}-кесте"),
        (rf"\bAnnex {_NUMBERS}", "{}-қосымша"),
        (rf"\bitem {_NUMBERS}", "{}-тармақ"),
        (rf"§{_NUMBERS}", "{}-тармақ"),
    ),
}
_AND = {"ru": "и", "kk": "және"}


def cite(text: str, lang: str) -> str:
    """A free-text citation of the data files ("002 §109, §112", "002 Annex 10 tables 8–11") in the
    words of a display language, as ``Clause.render`` writes a structured one; English stays as written."""
    if lang not in _CITATION_WORDS:
        return text
    conjunction = _AND[lang]

    def in_words(words: str) -> Callable[[re.Match[str]], str]:
        return lambda match: words.format(match[1].replace("and", conjunction))

    for pattern, words in _CITATION_WORDS[lang]:
        text = re.sub(pattern, in_words(words), text)
    return text


def plain(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: ``Decimal("2.50")`` → ``2.5``."""
    text = f"{value.normalize():f}"
    return "0" if text == "-0" else text


@dataclass(frozen=True)
class Interval:
    """A range of a measured value; ``upper`` None is unbounded."""

    lower: Decimal
    lower_closed: bool
    upper: Decimal | None
    upper_closed: bool

    def contains(self, value: Decimal) -> bool:
        """Whether the exact value falls in the interval."""
        above = value >= self.lower if self.lower_closed else value > self.lower
        if self.upper is None:
            return above
        below = value <= self.upper if self.upper_closed else value < self.upper
        return above and below

    def __str__(self) -> str:
        left = "[" if self.lower_closed else "("
        if self.upper is None:
            return f"{left}{plain(self.lower)}, ∞)"
        right = "]" if self.upper_closed else ")"
        return f"{left}{plain(self.lower)}, {plain(self.upper)}{right}"


@dataclass(frozen=True)
class PointsBand:
    """One band of a banded indicator and its points per language."""

    interval: Interval
    points: Mapping[Lang, Decimal]
    names: Names
    interpretation: bool


@dataclass(frozen=True)
class Level:
    """One publicity category of an event (002 Annex 10 table 4 item 6)."""

    key: str
    points: Mapping[Lang, Decimal]
    names: Names


@dataclass(frozen=True)
class Indicator:
    """One indicator of Annex 10: its rule and its maximum points per body kind and language."""

    id: str
    table: str
    clause: Clause
    names: Names
    rule: Rule
    points_by_kind: Mapping[BodyKind, Mapping[Lang, Decimal]]
    marks: tuple[str, ...]
    incentive: bool
    multiplied: bool
    measure: str | None
    measure_scope: MeasureScope | None
    measure_kind: MeasureKind | None
    bands: tuple[PointsBand, ...]
    levels: tuple[Level, ...]
    note: Names | None

    def maximum(self, kind: BodyKind, lang: Lang) -> Decimal:
        """The indicator's points in one language for a body of this kind."""
        return self.points_by_kind[kind][lang]


@dataclass(frozen=True)
class ExemptionRule:
    """A footnote or paragraph that changes how some bodies are scored on some indicators."""

    clause: Clause
    effect: Effect
    applies_to: frozenset[str]
    indicators: frozenset[str]
    names: Names


@dataclass(frozen=True)
class Table:
    """One table of Annex 10; penalty tables carry their table 8 cap."""

    number: str
    criterion: int
    kinds: frozenset[BodyKind]
    names: Names
    indicators: tuple[Indicator, ...]
    cap: Decimal | None
    cap_clause: Clause | None
    cap_names: Names | None
    footnotes: tuple[ExemptionRule, ...]


@dataclass(frozen=True)
class Multiplier:
    """C of §83: the share of surveyed mass media satisfied with the body's openness."""

    id: str
    clause: Clause
    measure: str
    names: Names


@dataclass(frozen=True)
class Criterion:
    """A criterion of Annex 7 with its weight (negative for the penalty criterion)."""

    number: int
    names: Names
    weight: Decimal
    penalty: bool
    clause: Clause
    formula_clause: Clause | None
    tables: tuple[Table, ...]
    multiplier: Multiplier | None
    formula: str | None

    def tables_for(self, kind: BodyKind) -> tuple[Table, ...]:
        """The tables by which a body of this kind is scored on the criterion."""
        return tuple(table for table in self.tables if kind in table.kinds)


@dataclass(frozen=True)
class Act:
    """The act a version comes from, with its registration and the date it took effect."""

    id: str
    methodology: Literal["feedback", "openness"]
    seed: str
    title: Names
    order: Names
    registration_number: str
    registration_date: date
    first_publication: date
    first_publication_verified: bool
    in_force_after_calendar_days: int
    effective_from: date


@dataclass(frozen=True)
class Parameter:
    """A SPEC §7 choice: its name, value, the clause it interprets and its text in kk, ru and en."""

    name: str
    value: str
    clause: str
    text: Mapping[str, str]


@dataclass(frozen=True)
class OpennessSettings:
    """The typed parameters the openness engine computes with."""

    points_quantum: Decimal
    p6_min_events: int
    p6_b_share_when_no_requests: Decimal
    p6_b_share_when_none_answered: Decimal


@dataclass(frozen=True)
class OpennessVersion:
    """The openness methodology (seed 002): criteria, Annex 10 tables, exemptions, parameters."""

    act: Act
    direction: Names
    sources: Names
    amends_registration_number: str
    exemptions: Mapping[str, Names]
    criteria: tuple[Criterion, ...]
    rules: tuple[ExemptionRule, ...]
    terms: Mapping[str, int]
    parameters: tuple[Parameter, ...]
    settings: OpennessSettings
    indicators: Mapping[str, Indicator]

    def rules_for(self, indicator_id: str, tags: Iterable[str]) -> tuple[ExemptionRule, ...]:
        """The exemption rules that apply to a body with these tags on this indicator."""
        tag_set = frozenset(tags)
        return tuple(
            rule
            for rule in self.rules
            if indicator_id in rule.indicators and rule.applies_to & tag_set and rule.effect != "note"
        )


@dataclass(frozen=True)
class FeedbackBand:
    """A band of the F scale (000 §23)."""

    key: str
    interval: Interval
    names: Names


@dataclass(frozen=True)
class FeedbackSettings:
    """The typed parameters of the F computation."""

    f_when_nothing_received: Decimal
    f_display_decimals: int


@dataclass(frozen=True)
class Variable:
    """A variable of the F formula and the input field that carries it."""

    symbol: str
    field: str | None
    names: Names


@dataclass(frozen=True)
class FeedbackVersion:
    """The feedback methodology (seed 000, chapter 3): formula, scale, parameters."""

    act: Act
    criteria: tuple[Names, ...]
    formula_clause: Clause
    formula: str
    variables: tuple[Variable, ...]
    none_received_ratio: Decimal
    none_received: Names
    not_accessible_clause: Clause
    not_accessible_value: Decimal
    not_accessible: Names
    bands: tuple[FeedbackBand, ...]
    parameters: tuple[Parameter, ...]
    settings: FeedbackSettings


MethodologyVersion = OpennessVersion | FeedbackVersion

# name → (type, allowed values). A parameter with one allowed value records a choice the engine implements.
_ParamSpec = tuple[type, frozenset[str] | None]
_OPENNESS_PARAMETERS: Mapping[str, _ParamSpec] = {
    "points_quantum": (Decimal, None),
    "derived_figures": (str, frozenset({"exact_rounded_once_when_shown"})),
    "language_versions": (str, frozenset({"separate"})),
    "incentive_after_items": (str, frozenset({"criterion_cap"})),
    "info_support_aggregation": (str, frozenset({"mean"})),
    "blog_more_than": (str, frozenset({"strictly_greater"})),
    "satisfaction_band_gaps": (str, frozenset({"lower_bound_to_next_lower_bound"})),
    "p6_min_events": (int, None),
    "p6_b_share_when_no_requests": (Decimal, None),
    "p6_b_share_when_none_answered": (Decimal, None),
    "p6_language_split": (str, frozenset({"half_each"})),
    "exempt_average_scope": (str, frozenset({"same_group_assessed"})),
    "penalty_share": (str, frozenset({"share_of_failing_subordinates"})),
    "working_days": (str, frozenset({"kz_calendar_with_transfers"})),
    "term_start": (str, frozenset({"day_after_event"})),
    "calendar_term_rolls_to_working_day": (bool, None),
}
_FEEDBACK_PARAMETERS: Mapping[str, _ParamSpec] = {
    "f_when_nothing_received": (Decimal, None),
    "f_display_decimals": (int, None),
    "f_band_basis": (str, frozenset({"exact"})),
}


class _Source:
    """A data file's text, to name the line of an error."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def line_of(self, needle: str) -> int:
        """The first line containing the needle (1-based), or 0 when absent."""
        for number, line in enumerate(self.lines, start=1):
            if needle in line:
                return number
        return 0

    def error(self, where: str, problem: str, needle: str | None = None) -> MethodologyError:
        """An error naming the file, the line of the needle (or of ``where``) and the clause."""
        line = self.line_of(needle) if needle else 0
        location = f"{self.path.name} line {line}" if line else self.path.name
        return MethodologyError(f"{location}: {where}: {problem}")


class _Node:
    """A TOML table read with the context needed to report a bad field."""

    def __init__(self, source: _Source, raw: Mapping[str, Any], where: str, needle: str | None):
        self.source, self.raw, self.where, self.needle = source, raw, where, needle

    def fail(self, problem: str) -> MethodologyError:
        return self.source.error(self.where, problem, self.needle)

    def has(self, key: str) -> bool:
        return key in self.raw

    def value(self, key: str, kind: type) -> Any:
        if key not in self.raw:
            raise self.fail(f"missing field {key!r}")
        value = self.raw[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(f"{key!r} must be a {kind.__name__}, got {value!r}")
        return value

    def text(self, key: str) -> str:
        return cast(str, self.value(key, str))

    def optional_text(self, key: str) -> str | None:
        return self.text(key) if key in self.raw else None

    def flag(self, key: str) -> bool:
        return cast(bool, self.value(key, bool)) if key in self.raw else False

    def decimal(self, key: str) -> Decimal:
        return self.parse_decimal(key, self.text(key))

    def optional_decimal(self, key: str) -> Decimal | None:
        return self.decimal(key) if key in self.raw else None

    def parse_decimal(self, key: str, text: str) -> Decimal:
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise self.fail(f"{key!r} is not a decimal: {text!r}") from None
        if not value.is_finite():
            raise self.fail(f"{key!r} must be finite, got {text!r}")
        return value

    def names(self, prefix: str = "") -> Names:
        return Names(kk=self.text(f"{prefix}kk"), ru=self.text(f"{prefix}ru"))

    def child(self, key: str, where: str | None = None) -> _Node:
        return _Node(self.source, self.value(key, dict), where or self.where, self.needle)

    def children(self, key: str, where: str, needle_key: str | None = None) -> list[_Node]:
        items = self.raw.get(key, [])
        if not isinstance(items, list):
            raise self.fail(f"{key!r} must be an array of tables")
        nodes = []
        for raw in items:
            needle = f'{needle_key} = "{raw.get(needle_key)}"' if needle_key else self.needle
            nodes.append(_Node(self.source, raw, where, needle))
        return nodes

    def per_language(self, key: str) -> Mapping[Lang, Decimal]:
        node = self.child(key)
        extra = set(node.raw) - set(LANGUAGES)
        if extra:
            raise self.fail(f"{key!r} has unknown languages {sorted(extra)}")
        return {lang: node.decimal(lang) for lang in LANGUAGES}

    def strings(self, key: str) -> tuple[str, ...]:
        values = self.value(key, list)
        if not all(isinstance(value, str) for value in values):
            raise self.fail(f"{key!r} must be a list of strings")
        return tuple(values)

    def choice(self, key: str, allowed: tuple[str, ...]) -> str:
        value = self.text(key)
        if value not in allowed:
            raise self.fail(f"{key!r} must be one of {', '.join(allowed)}; got {value!r}")
        return value


@dataclass(frozen=True)
class VersionFile:
    """A data file as read for loading into the database: its name, its SHA-256 and its validated version."""

    name: str
    sha256: str
    version: MethodologyVersion


def read_version_file(path: Path) -> VersionFile:
    """Read one file once, hash its bytes and validate it; raise :class:`MethodologyError` if inconsistent."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise MethodologyError(f"{path.name}: not UTF-8: {error}") from None
    return VersionFile(name=path.name, sha256=hashlib.sha256(data).hexdigest(), version=_parse(path, text))


def load_version(path: Path) -> MethodologyVersion:
    """Read and validate one methodology file; raise :class:`MethodologyError` if it is inconsistent."""
    return _parse(path, path.read_text(encoding="utf-8"))


def _parse(path: Path, text: str) -> MethodologyVersion:
    source = _Source(path, text)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise MethodologyError(f"{path.name}: not valid TOML: {error}") from None
    root = _Node(source, raw, path.name, None)
    if root.value("format", int) != 1:
        raise root.fail("unknown format; this loader reads format 1")
    act_node = root.child("act", "act")
    methodology = act_node.choice("methodology", ("feedback", "openness"))
    if methodology == "feedback":
        return _feedback_version(root)
    return _openness_version(root)


@functools.cache
def load_all(directory: Path = DATA_DIR) -> tuple[MethodologyVersion, ...]:
    """Every version file of the directory, validated, ordered by methodology and effective date."""
    versions = [load_version(path) for path in sorted(directory.glob("*.toml"))]
    ids = [version.act.id for version in versions]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise MethodologyError(f"{directory}: version ids used twice: {', '.join(duplicates)}")
    return tuple(sorted(versions, key=lambda v: (v.act.methodology, v.act.effective_from)))


def version_in_force(methodology: str, on: date, directory: Path = DATA_DIR) -> MethodologyVersion:
    """The version of a methodology in force on a date: the latest effective on or before it."""
    candidates = [v for v in load_all(directory) if v.act.methodology == methodology and v.act.effective_from <= on]
    if not candidates:
        raise MethodologyError(f"no {methodology} methodology is in force on {on.isoformat()}")
    return candidates[-1]


def openness_version(on: date, directory: Path = DATA_DIR) -> OpennessVersion:
    """The openness methodology in force on a date."""
    return cast(OpennessVersion, version_in_force("openness", on, directory))


def feedback_version(on: date, directory: Path = DATA_DIR) -> FeedbackVersion:
    """The feedback methodology in force on a date."""
    return cast(FeedbackVersion, version_in_force("feedback", on, directory))


# ------------------------------------------------------------------------------------------- shared parts


def _act(root: _Node) -> Act:
    node = root.child("act", "act")
    act = Act(
        id=node.text("id"),
        methodology=cast(Literal["feedback", "openness"], node.text("methodology")),
        seed=node.text("seed"),
        title=node.names("title_"),
        order=node.names("order_"),
        registration_number=node.text("registration_number"),
        registration_date=node.value("registration_date", date),
        first_publication=node.value("first_publication", date),
        first_publication_verified=node.value("first_publication_verified", bool),
        in_force_after_calendar_days=node.value("in_force_after_calendar_days", int),
        effective_from=node.value("effective_from", date),
    )
    # "in force after N calendar days have passed after the day of first official publication"
    expected = act.first_publication + timedelta(days=act.in_force_after_calendar_days + 1)
    if act.effective_from != expected:
        raise node.fail(
            f"effective_from {act.effective_from} does not follow from first_publication "
            f"{act.first_publication} + {act.in_force_after_calendar_days} calendar days ({expected})"
        )
    if act.first_publication < act.registration_date:
        raise node.fail("first_publication precedes registration_date")
    return act


def _parameters(root: _Node, specs: Mapping[str, _ParamSpec]) -> tuple[tuple[Parameter, ...], dict[str, Any]]:
    parameters: list[Parameter] = []
    values: dict[str, Any] = {}
    for node in root.children("parameter", "parameter", "name"):
        name = node.text("name")
        node.where = f"parameter {name}"
        if name not in specs:
            raise node.fail("unknown parameter")
        if name in values:
            raise node.fail("parameter given twice")
        kind, allowed = specs[name]
        values[name] = _parameter_value(node, kind, allowed)
        text = {lang: node.text(lang) for lang in ("en", "ru", "kk")}
        shown = str(node.raw["value"]).lower() if kind is bool else str(node.raw["value"])
        parameters.append(Parameter(name=name, value=shown, clause=node.text("clause"), text=text))
    missing = sorted(set(specs) - set(values))
    if missing:
        raise root.fail(f"missing parameters: {', '.join(missing)}")
    return tuple(parameters), values


def _parameter_value(node: _Node, kind: type, allowed: frozenset[str] | None) -> Any:
    if kind is Decimal:
        return node.decimal("value")
    value = node.value("value", kind)
    if allowed is not None and value not in allowed:
        raise node.fail(f"value {value!r} is not implemented; allowed: {', '.join(sorted(allowed))}")
    return value


def _interval(node: _Node) -> Interval:
    return Interval(
        lower=node.decimal("lower"),
        lower_closed=node.value("lower_closed", bool),
        upper=node.optional_decimal("upper"),
        upper_closed=node.flag("upper_closed"),
    )


def band_problem(intervals: Iterable[Interval], domain: Interval) -> str | None:
    """What is wrong with a set of bands: an overlap, a gap, or not covering the domain; None if nothing."""
    ordered = sorted(intervals, key=lambda i: (i.lower, not i.lower_closed))
    if not ordered:
        return "no bands"
    first, last = ordered[0], ordered[-1]
    if (first.lower, first.lower_closed) != (domain.lower, domain.lower_closed):
        return f"bands start at {first}, the values start at {domain}"
    for previous, band in itertools.pairwise(ordered):
        upper = previous.upper
        touching_closed = band.lower_closed and previous.upper_closed
        if upper is None or band.lower < upper or (band.lower == upper and touching_closed):
            return f"band {band} overlaps {previous}"
        if band.lower > upper or not (band.lower_closed or previous.upper_closed):
            return f"gap between band {previous} and band {band}"
    if (last.upper, last.upper_closed) != (domain.upper, domain.upper_closed):
        return f"bands end at {last}, the values end at {domain}"
    return None


# ------------------------------------------------------------------------------------------- feedback (000)


def _feedback_version(root: _Node) -> FeedbackVersion:
    act = _act(root)
    parameters, values = _parameters(root, _FEEDBACK_PARAMETERS)
    formula = root.child("formula", f"{act.seed} §22")
    variables = tuple(
        Variable(symbol=node.text("symbol"), field=node.optional_text("field"), names=node.names())
        for node in formula.children("variable", f"{act.seed} §22", "symbol")
    )
    fields = {variable.field for variable in variables if variable.field}
    if fields != {"remarks_accepted", "remarks_received", "comments_answered", "comments_received"}:
        raise formula.fail(f"the variables must carry B, C, E and G; got fields {sorted(fields)}")
    none_received = formula.child("none_received")
    not_accessible = formula.child("not_openly_accessible", f"{act.seed} §23")
    bands = tuple(
        FeedbackBand(key=node.text("key"), interval=_interval(node), names=node.names())
        for node in root.children("band", f"{act.seed} §23", "key")
    )
    problem = band_problem((b.interval for b in bands), _PERCENT)
    if problem:
        raise root.source.error(f"{act.seed} §23", problem, "[[band]]")
    if {band.key for band in bands} != {"ineffective", "low", "medium", "high"}:
        raise root.fail("the §23 bands must be ineffective, low, medium and high")
    return FeedbackVersion(
        act=act,
        criteria=tuple(node.names() for node in root.children("criterion", f"{act.seed} §21", "number")),
        formula_clause=Clause(act.seed, paragraph=formula.text("paragraph")),
        formula=formula.text("text"),
        variables=variables,
        none_received_ratio=none_received.decimal("ratio"),
        none_received=none_received.names(),
        not_accessible_clause=Clause(act.seed, paragraph=not_accessible.text("paragraph")),
        not_accessible_value=not_accessible.decimal("value"),
        not_accessible=not_accessible.names(),
        bands=bands,
        parameters=parameters,
        settings=FeedbackSettings(
            f_when_nothing_received=values["f_when_nothing_received"],
            f_display_decimals=values["f_display_decimals"],
        ),
    )


_PERCENT = Interval(Decimal(0), True, Decimal(100), True)
_COUNT = Interval(Decimal(0), True, None, False)


# ------------------------------------------------------------------------------------------- openness (002)


def _openness_version(root: _Node) -> OpennessVersion:
    act = _act(root)
    act_node = root.child("act", "act")
    if act_node.strings("languages") != LANGUAGES:
        raise act_node.fail(f"languages must be {list(LANGUAGES)}")
    exemptions = {node.text("tag"): node.names() for node in root.children("exemption", "exemption", "tag")}
    parameters, values = _parameters(root, _OPENNESS_PARAMETERS)
    tables = [_table(node, act.seed) for node in root.children("table", "table", "number")]
    criteria = tuple(_criterion(node, act.seed, tables) for node in root.children("criterion", "criterion", "number"))
    rules = tuple(rule for table in tables for rule in table.footnotes) + tuple(
        _paragraph_rule(node, act.seed, tables) for node in root.children("paragraph_rule", "rule", "effect")
    )
    indicators = _index_indicators(root, tables)
    version = OpennessVersion(
        act=act,
        direction=act_node.names("direction_"),
        sources=act_node.names("sources_"),
        amends_registration_number=act_node.text("amends_registration_number"),
        exemptions=exemptions,
        criteria=criteria,
        rules=rules,
        terms={key: root.child("terms").value(key, int) for key in root.child("terms").raw},
        parameters=parameters,
        settings=OpennessSettings(
            points_quantum=values["points_quantum"],
            p6_min_events=values["p6_min_events"],
            p6_b_share_when_no_requests=values["p6_b_share_when_no_requests"],
            p6_b_share_when_none_answered=values["p6_b_share_when_none_answered"],
        ),
        indicators=indicators,
    )
    _check_rules(root, version, tables)
    _check_weights(root, version, tables)
    return version


def _table(node: _Node, seed: str) -> Table:
    number = node.text("number")
    node.where = str(Clause(seed, annex="10", table=number))
    kinds = node.strings("kinds")
    if not kinds or not set(kinds) <= set(BODY_KINDS):
        raise node.fail(f"kinds must be among {list(BODY_KINDS)}")
    table_kinds = cast(frozenset[BodyKind], frozenset(kinds))
    indicators = tuple(
        _indicator(child, seed, number, table_kinds) for child in node.children("indicator", node.where, "id")
    )
    cap_item = node.optional_text("cap_item")
    footnotes = tuple(
        _footnote(child, seed, number, indicators) for child in node.children("footnote", node.where, "mark")
    )
    marks_used = {mark for indicator in indicators for mark in indicator.marks}
    marks_explained = {rule.clause.mark for rule in footnotes}
    if marks_used - marks_explained:
        raise node.fail(f"marks without a footnote: {', '.join(sorted(marks_used - marks_explained))}")
    return Table(
        number=number,
        criterion=node.value("criterion", int),
        kinds=table_kinds,
        names=node.names(),
        indicators=indicators,
        cap=node.optional_decimal("cap"),
        cap_clause=Clause(seed, annex="10", table="8", item=cap_item) if cap_item else None,
        cap_names=node.names("cap_") if cap_item else None,
        footnotes=footnotes,
    )


def _indicator(node: _Node, seed: str, table: str, kinds: frozenset[BodyKind]) -> Indicator:
    clause = Clause(seed, annex="10", table=table, item=node.text("item"), subitem=node.optional_text("subitem"))
    node.where = str(clause)
    rule = cast(Rule, node.choice("rule", get_args(Rule)))
    bands = tuple(_band(child) for child in node.children("band", node.where))
    levels = tuple(
        Level(key=child.text("key"), points=child.per_language("points"), names=child.names())
        for child in node.children("level", node.where)
    )
    measure_scope = (
        cast(MeasureScope, node.choice("measure_scope", get_args(MeasureScope))) if rule == "bands" else None
    )
    measure_kind = cast(MeasureKind, node.choice("measure_kind", get_args(MeasureKind))) if rule == "bands" else None
    if rule == "bands":
        domain = _COUNT if measure_kind == "count" else _PERCENT
        problem = band_problem((band.interval for band in bands), domain)
        if problem:
            raise node.fail(problem)
    if rule == "category_average" and not levels:
        raise node.fail("a category average needs levels")
    if (rule == "bands") != bool(bands) or (rule == "category_average") != bool(levels):
        raise node.fail(f"bands belong to the bands rule and levels to category_average, not {rule}")
    paragraph = node.optional_text("paragraph")
    return Indicator(
        id=node.text("id"),
        table=table,
        clause=Clause(seed, annex="10", table=table, item=clause.item, subitem=clause.subitem, paragraph=paragraph),
        names=node.names(),
        rule=rule,
        points_by_kind=_indicator_points(node, kinds, bands, levels),
        marks=node.strings("marks") if node.has("marks") else (),
        incentive=node.flag("incentive"),
        multiplied=node.flag("multiplied"),
        measure=node.text("measure") if rule == "bands" else None,
        measure_scope=measure_scope,
        measure_kind=measure_kind,
        bands=bands,
        levels=levels,
        note=node.names("note_") if node.has("note_kk") else None,
    )


def _band(node: _Node) -> PointsBand:
    return PointsBand(
        interval=_interval(node),
        points=node.per_language("points"),
        names=node.names(),
        interpretation=node.flag("interpretation"),
    )


def _indicator_points(
    node: _Node, kinds: frozenset[BodyKind], bands: tuple[PointsBand, ...], levels: tuple[Level, ...]
) -> Mapping[BodyKind, Mapping[Lang, Decimal]]:
    graded = bands or levels
    if graded:
        best = {lang: max(grade.points[lang] for grade in graded) for lang in LANGUAGES}
        return {kind: best for kind in kinds}
    if node.has("points_by_kind"):
        by_kind = node.child("points_by_kind")
        if set(by_kind.raw) != set(kinds):
            raise node.fail(f"points_by_kind must name exactly {sorted(kinds)}")
        return {kind: by_kind.per_language(kind) for kind in kinds}
    points = node.per_language("points")
    return {kind: points for kind in kinds}


def _footnote(node: _Node, seed: str, table: str, indicators: tuple[Indicator, ...]) -> ExemptionRule:
    clause = Clause(seed, annex="10", table=table, mark=node.text("mark"))
    node.where = str(clause)
    known = {indicator.id for indicator in indicators}
    listed = frozenset(node.strings("indicators"))
    if listed - known:
        raise node.fail(f"indicators not in the table: {', '.join(sorted(listed - known))}")
    return ExemptionRule(
        clause=clause,
        effect=cast(Effect, node.choice("effect", get_args(Effect))),
        applies_to=frozenset(node.strings("applies_to")),
        indicators=listed,
        names=node.names(),
    )


def _paragraph_rule(node: _Node, seed: str, tables: list[Table]) -> ExemptionRule:
    paragraph = node.optional_text("paragraph")
    clause = (
        Clause(seed, paragraph=paragraph)
        if paragraph
        else Clause(seed, annex="10", table=node.text("table"), mark=node.text("mark"))
    )
    node.where = str(clause)
    numbers = set(node.strings("tables"))
    unknown = numbers - {table.number for table in tables}
    if unknown:
        raise node.fail(f"unknown tables {sorted(unknown)}")
    return ExemptionRule(
        clause=clause,
        effect=cast(Effect, node.choice("effect", get_args(Effect))),
        applies_to=frozenset(node.strings("applies_to")),
        indicators=frozenset(i.id for table in tables if table.number in numbers for i in table.indicators),
        names=node.names(),
    )


def _criterion(node: _Node, seed: str, tables: list[Table]) -> Criterion:
    number = node.value("number", int)
    node.where = str(Clause(seed, annex="7", item=str(number)))
    multiplier = None
    if node.has("multiplier"):
        child = node.child("multiplier")
        multiplier = Multiplier(
            id=child.text("id"),
            clause=Clause(seed, paragraph=child.text("paragraph")),
            measure=child.text("measure"),
            names=child.names(),
        )
    formula_paragraph = node.optional_text("formula_paragraph")
    return Criterion(
        number=number,
        names=node.names(),
        weight=node.decimal("weight"),
        penalty=node.flag("penalty"),
        clause=Clause(seed, annex="7", item=str(number)),
        formula_clause=Clause(seed, paragraph=formula_paragraph) if formula_paragraph else None,
        tables=tuple(table for table in tables if table.criterion == number),
        multiplier=multiplier,
        formula=node.optional_text("formula"),
    )


def _index_indicators(root: _Node, tables: list[Table]) -> Mapping[str, Indicator]:
    index: dict[str, Indicator] = {}
    for table in tables:
        for indicator in table.indicators:
            if indicator.id in index:
                raise root.source.error(str(indicator.clause), f"indicator id {indicator.id} used twice")
            index[indicator.id] = indicator
    return index


def _check_rules(root: _Node, version: OpennessVersion, tables: list[Table]) -> None:
    known_tags = set(version.exemptions) | set(BODY_KINDS)
    for rule in version.rules:
        unknown = rule.applies_to - known_tags
        if unknown:
            raise root.source.error(str(rule.clause), f"unknown exemption tags {sorted(unknown)}")
    numbers = [criterion.number for criterion in version.criteria]
    if numbers != list(range(1, len(numbers) + 1)):
        raise root.fail(f"criteria must be numbered 1..n in order, got {numbers}")
    orphans = [table.number for table in tables if table.criterion not in numbers]
    if orphans:
        raise root.fail(f"tables of no criterion: {orphans}")
    for criterion in version.criteria:
        multiplied = [i.id for t in criterion.tables for i in t.indicators if i.multiplied]
        if bool(multiplied) != (criterion.multiplier is not None):
            raise root.source.error(str(criterion.clause), "multiplied indicators need a multiplier and back")


def assessed(version: OpennessVersion, indicator: Indicator, kind: BodyKind) -> bool:
    """Whether bodies of this kind are assessed on the indicator (table kinds and not_assessed footnotes)."""
    if kind not in indicator.points_by_kind:
        return False
    return not any(rule.effect == "not_assessed" for rule in version.rules_for(indicator.id, (kind,)))


def _check_weights(root: _Node, version: OpennessVersion, tables: list[Table]) -> None:
    scored = [c for c in version.criteria if not c.penalty]
    total = sum((c.weight for c in scored), Decimal(0))
    if total != 100:
        raise root.fail(f"{version.act.seed} Annex 7: criteria weights sum to {plain(total)}, not 100")
    for criterion in version.criteria:
        if criterion.penalty:
            _check_penalty(root, version, criterion)
            continue
        for kind in BODY_KINDS:
            _check_criterion_maxima(root, version, criterion, kind)


def _check_criterion_maxima(root: _Node, version: OpennessVersion, criterion: Criterion, kind: BodyKind) -> None:
    tables = criterion.tables_for(kind)
    if len(tables) != 1:
        raise root.source.error(str(criterion.clause), f"needs exactly one table for {kind} bodies")
    table = tables[0]
    sums = {
        lang: sum(
            (i.maximum(kind, lang) for i in table.indicators if not i.incentive and assessed(version, i, kind)),
            Decimal(0),
        )
        for lang in LANGUAGES
    }
    total = sum(sums.values(), Decimal(0))
    if total != criterion.weight:
        split = " + ".join(f"{lang} {plain(value)}" for lang, value in sums.items())
        raise root.source.error(
            f"{version.act.seed} Annex 10 table {table.number} ({kind})",
            f"maxima sum to {plain(total)} ({split}), not the weight {plain(criterion.weight)} "
            f"of criterion {criterion.number}",
            f'number = "{table.number}"',
        )
    if table.cap is not None and table.cap != criterion.weight:
        raise root.source.error(str(criterion.clause), f"table {table.number} cap differs from the weight")


def _check_penalty(root: _Node, version: OpennessVersion, criterion: Criterion) -> None:
    caps = Decimal(0)
    for table in criterion.tables:
        where = f"{version.act.seed} Annex 10 table {table.number}"
        if table.cap is None or table.cap_clause is None:
            raise root.source.error(where, "a penalty table needs its table 8 cap", f'number = "{table.number}"')
        maxima = sum((i.maximum("central", lang) for i in table.indicators for lang in LANGUAGES), Decimal(0))
        if maxima != table.cap:
            raise root.source.error(
                where,
                f"penalties sum to {plain(maxima)}, not the cap {plain(table.cap)} of {table.cap_clause}",
                f'number = "{table.number}"',
            )
        caps += table.cap
    if caps != -criterion.weight:
        raise root.source.error(
            f"{version.act.seed} Annex 10 table 8", f"caps sum to {plain(caps)}, not {plain(-criterion.weight)}"
        )
