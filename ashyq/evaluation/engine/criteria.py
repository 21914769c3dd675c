"""A criterion of one body from its indicators' points (002 Annexes 7, 8, 10; §80–85).

Criteria 1–5 sum their indicators per language (criterion 1 capped by table 1 item 6); criterion 6 is
P6 = (A + B) × C + D per language (§80, SPEC §7); criterion 7 is the penalty of tables 9–11, each capped by
its row of table 8, for central bodies only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from ashyq.methodology.versions import LANGUAGES, BodyKind, Criterion, Lang, Multiplier, OpennessVersion, Table

from .errors import ScoringInputError
from .explanation import Arg, texts
from .facts import BodyFacts, CommonMeasureFacts
from .results import (
    CAPPED,
    CRITERION,
    EXACT_NOTE,
    FORMULA,
    MULTIPLIER,
    NOT_ASSESSED,
    PENALTY,
    PENALTY_TABLE,
    CriterionScore,
    IndicatorResult,
    official,
)
from .rounding import Exact, exact, shown
from .rules import NONE, multiplier_share


def criterion_score(
    version: OpennessVersion,
    criterion: Criterion,
    body: BodyFacts,
    results: Mapping[str, IndicatorResult],
    prefix: str,
) -> CriterionScore:
    """Score one criterion of one body from its indicator results."""
    tables = criterion.tables_for(body.kind)
    indicators = tuple(results[i.id] for table in tables for i in table.indicators if i.id in results)
    if criterion.penalty:
        return _penalty_score(version, criterion, body.kind, tables, indicators)
    if criterion.multiplier is not None:
        return _formula_score(version, criterion, criterion.multiplier, body, tables, indicators, prefix)
    return _sum_score(version, criterion, tables[0], indicators)


def _sums(indicators: Sequence[IndicatorResult]) -> dict[Lang, Exact]:
    return {lang: sum((result.points[lang] for result in indicators), NONE) for lang in LANGUAGES}


def _header(criterion: Criterion) -> dict[str, Arg]:
    return {"number": criterion.number, "name": official(criterion.names), "clause": criterion.clause}


def _score(
    criterion: Criterion,
    tables: Sequence[Table],
    indicators: tuple[IndicatorResult, ...],
    points: Mapping[Lang, Exact],
    total: Exact,
    text: Mapping[str, str],
) -> CriterionScore:
    numbers = tuple(table.number for table in tables)
    return CriterionScore(
        criterion.number, criterion.names, criterion.weight, criterion.penalty, numbers, indicators, points, total, text
    )


def _sum_score(
    version: OpennessVersion, criterion: Criterion, table: Table, indicators: tuple[IndicatorResult, ...]
) -> CriterionScore:
    """Criteria 1–5: the indicators' points summed over both languages; table 1's incentive is capped."""
    q = version.settings.points_quantum
    sums = _sums(indicators)
    raw = sums["kk"] + sums["ru"]
    total = raw if table.cap is None else min(raw, exact(table.cap))
    text = texts(
        CRITERION,
        **_header(criterion),
        kk=shown(sums["kk"], q),
        ru=shown(sums["ru"], q),
        sum=shown(raw, q),
        weight=criterion.weight,
    )
    text = _with_exact_note(text, [r.points[lang] for r in indicators for lang in LANGUAGES], raw, q)
    if total != raw:
        incentive = next(i for i in table.indicators if i.incentive)
        capped = texts(CAPPED, cap=table.cap or shown(total, q), cap_clause=incentive.clause, total=shown(total, q))
        text = {lang: text[lang] + capped[lang] for lang in text}
    return _score(criterion, (table,), indicators, sums, total, text)


def _with_exact_note(text: Mapping[str, str], parts: Sequence[Exact], total: Exact, q: Decimal) -> dict[str, str]:
    """The line with a note when the shown parts do not add up to the shown total (SPEC §7: rounded once)."""
    if sum((shown(part, q) for part in parts), Decimal(0)) == shown(total, q):
        return dict(text)
    return {lang: text[lang] + EXACT_NOTE[lang] for lang in text}


def _multiplier(
    version: OpennessVersion, multiplier: Multiplier, body: BodyFacts, prefix: str
) -> tuple[Exact, IndicatorResult]:
    """C of §83 from the body's survey figure, with its own explanation line."""
    path = f'{prefix}.indicators["{multiplier.id}"]'
    given = body.indicators.get(multiplier.id)
    if given is None:
        raise ScoringInputError(path, "is required")
    if not isinstance(given, CommonMeasureFacts):
        raise ScoringInputError(path, f"{multiplier.clause} takes {multiplier.measure}")
    share = multiplier_share(given.value, f"{path}.{multiplier.measure}")
    result = IndicatorResult(
        indicator_id=multiplier.id,
        clause=multiplier.clause,
        rule="multiplier",
        treatment="multiplier",
        inputs={multiplier.measure: f"{given.value:f}"},
        parameters={},
        points={},
        text=texts(MULTIPLIER, clause=multiplier.clause, percent=given.value, share=_share(share)),
    )
    return share, result


def _formula_score(
    version: OpennessVersion,
    criterion: Criterion,
    multiplier: Multiplier,
    body: BodyFacts,
    tables: Sequence[Table],
    indicators: tuple[IndicatorResult, ...],
    prefix: str,
) -> CriterionScore:
    """Criterion 6, per language (§80, SPEC §7): (A_lang + B_lang) × C + D_lang; the total sums both (§85)."""
    share, c_result = _multiplier(version, multiplier, body, prefix)
    multiplied = {i.id for table in tables for i in table.indicators if i.multiplied}
    m = _sums([r for r in indicators if r.indicator_id in multiplied])
    d = _sums([r for r in indicators if r.indicator_id not in multiplied])
    q = version.settings.points_quantum
    points = {lang: m[lang] * share + d[lang] for lang in LANGUAGES}
    total = points["kk"] + points["ru"]
    text = texts(
        FORMULA,
        **_header(criterion),
        formula=criterion.formula or "",
        m_kk=shown(m["kk"], q),
        m_ru=shown(m["ru"], q),
        d_kk=shown(d["kk"], q),
        d_ru=shown(d["ru"], q),
        c=_share(share),
        kk=shown(points["kk"], q),
        ru=shown(points["ru"], q),
        sum=shown(total, q),
        weight=criterion.weight,
    )
    text = _with_exact_note(text, list(points.values()), total, q)
    return _score(criterion, tables, (*indicators, c_result), points, total, text)


def _penalty_score(
    version: OpennessVersion,
    criterion: Criterion,
    kind: BodyKind,
    tables: Sequence[Table],
    indicators: tuple[IndicatorResult, ...],
) -> CriterionScore:
    """Criterion 7: per table the penalty points capped by table 8, summed (central bodies only)."""
    q = version.settings.points_quantum
    if not indicators:
        rule = next(
            r
            for r in version.rules
            if r.effect == "not_assessed"
            and kind in r.applies_to
            and r.indicators & {i.id for t in criterion.tables for i in t.indicators}
        )
        zero = shown(NONE, q)
        text = texts(NOT_ASSESSED, **{**_header(criterion), "clause": rule.clause}, total=zero)
        return _score(criterion, tables, (), dict.fromkeys(LANGUAGES, NONE), NONE, text)
    parts: list[Mapping[str, str]] = []
    table_totals: list[Exact] = []
    for table in tables:
        ids = {i.id for i in table.indicators}
        raw = sum((r.points[lang] for r in indicators if r.indicator_id in ids for lang in LANGUAGES), NONE)
        capped = raw if table.cap is None else min(raw, exact(table.cap))
        table_totals.append(capped)
        parts.append(
            texts(PENALTY_TABLE, table=table.number, points=shown(capped, q), cap=table.cap or shown(capped, q))
        )
    total = sum(table_totals, NONE)
    joined = {lang: ", ".join(part[lang] for part in parts) for lang in ("kk", "ru", "en")}
    text = _with_exact_note(
        texts(PENALTY, **_header(criterion), tables=joined, total=shown(total, q)), table_totals, total, q
    )
    return _score(criterion, tables, indicators, _sums(indicators), total, text)


def _share(share: Exact) -> Decimal:
    """C as written in the explanation: a percentage over 100 is a finite decimal (at most 2 more places)."""
    return Decimal(share.numerator) / Decimal(share.denominator)
