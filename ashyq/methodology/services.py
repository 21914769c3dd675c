"""Writes of the methodology app: a validated data file copied into the database as one version.

A loaded version never changes, because campaigns pin it: loading the same file again is a no-op, and a
changed file with the same registration number and effective date is refused (ADR 0004). A new version of
an act (an amendment, a corrected date of entry into force) is a new file and a new row.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from ashyq.core.audit import audit_record
from ashyq.core.errors import InvalidTransition
from ashyq.core.permissions import require_analyst
from ashyq.methodology import versions as v
from ashyq.methodology.models import (
    AnnexTable,
    Band,
    Criterion,
    Exemption,
    Indicator,
    Level,
    MethodologyVersion,
    Parameter,
    Provision,
    Variable,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

EVENT_LOADED = "methodology.version.loaded"


@dataclass(frozen=True)
class VersionLoad:
    """The outcome of a load: the stored version and whether this call created it."""

    version: MethodologyVersion
    created: bool


def clause_parts(clause: v.Clause | None) -> dict[str, Any] | None:
    """A clause as stored in a JSON field (its parts, rendered again in the reader's language)."""
    return dataclasses.asdict(clause) if clause is not None else None


@transaction.atomic
def methodology_version_load(*, version: v.VersionFile, actor: User | AnonymousUser | None) -> VersionLoad:
    """Store a validated version file (ADR 0002); a no-op for the same file, refused for a changed one.

    ``actor`` None is the system (``manage.py methodology_load``, the demo data); a person must be an analyst.
    """
    if actor is not None:
        require_analyst(actor)
    act = version.version.act
    existing = (
        MethodologyVersion.objects.select_for_update()
        .filter(kind=act.methodology, registration_number=act.registration_number, effective_from=act.effective_from)
        .first()
    )
    if existing is not None:
        if existing.sha256 != version.sha256:
            raise InvalidTransition(_changed_message(version, existing), code="methodology_version_changed")
        return VersionLoad(version=existing, created=False)
    row = _create_version(version)
    if isinstance(version.version, v.OpennessVersion):
        _store_openness(row, version.version)
    else:
        _store_feedback(row, version.version)
    audit_record(
        actor=actor,
        event=EVENT_LOADED,
        target=row,
        new={
            "code": row.code,
            "registration_number": row.registration_number,
            "effective_from": row.effective_from,
            "source_file": row.source_file,
            "sha256": row.sha256,
        },
    )
    return VersionLoad(version=row, created=True)


def _changed_message(version: v.VersionFile, existing: MethodologyVersion) -> str:
    act = version.version.act
    return (
        f"{version.name}: the {act.methodology} version No. {act.registration_number} in force from "
        f"{act.effective_from.isoformat()} is already loaded from {existing.source_file} "
        f"(SHA-256 {existing.sha256[:12]}…) and this file differs (SHA-256 {version.sha256[:12]}…). "
        "A loaded version never changes: give a new version its own registration number or effective date."
    )


def _create_version(version: v.VersionFile) -> MethodologyVersion:
    act = version.version.act
    return MethodologyVersion.objects.create(
        kind=act.methodology,
        code=act.id,
        seed=act.seed,
        title_kk=act.title.kk,
        title_ru=act.title.ru,
        order_kk=act.order.kk,
        order_ru=act.order.ru,
        registration_number=act.registration_number,
        registration_date=act.registration_date,
        first_publication=act.first_publication,
        first_publication_verified=act.first_publication_verified,
        in_force_after_calendar_days=act.in_force_after_calendar_days,
        effective_from=act.effective_from,
        source_file=version.name,
        sha256=version.sha256,
        loaded_at=timezone.now(),
        **(_openness_fields(version.version) if isinstance(version.version, v.OpennessVersion) else {}),
    )


def _openness_fields(data: v.OpennessVersion) -> dict[str, Any]:
    """What only the openness act has: its direction, sources, amended act, exempt bodies and terms."""
    return {
        "direction_kk": data.direction.kk,
        "direction_ru": data.direction.ru,
        "sources_kk": data.sources.kk,
        "sources_ru": data.sources.ru,
        "amends_registration_number": data.amends_registration_number,
        "exemption_tags": {tag: {"kk": names.kk, "ru": names.ru} for tag, names in data.exemptions.items()},
        "terms": dict(data.terms),
    }


def _store_parameters(row: MethodologyVersion, parameters: tuple[v.Parameter, ...]) -> None:
    Parameter.objects.bulk_create(
        Parameter(
            version=row,
            name=parameter.name,
            value=parameter.value,
            clause=parameter.clause,
            position=position,
            description_kk=parameter.text["kk"],
            description_ru=parameter.text["ru"],
            description_en=parameter.text["en"],
        )
        for position, parameter in enumerate(parameters)
    )


# ------------------------------------------------------------------------------------------- feedback (000)


def _store_feedback(row: MethodologyVersion, data: v.FeedbackVersion) -> None:
    """000 §21 criteria, the §22 formula and its variables, §22–23 provisions, the §23 scale, SPEC §7."""
    seed = data.act.seed
    Criterion.objects.bulk_create(
        Criterion(
            version=row,
            number=number,
            name_kk=names.kk,
            name_ru=names.ru,
            clause=clause_parts(v.Clause(seed, paragraph="21")),
        )
        for number, names in enumerate(data.criteria, start=1)
    )
    Variable.objects.bulk_create(
        Variable(
            version=row,
            symbol=var.symbol,
            field=var.field or "",
            position=position,
            name_kk=var.names.kk,
            name_ru=var.names.ru,
        )
        for position, var in enumerate(data.variables)
    )
    Provision.objects.bulk_create(
        [
            Provision(
                version=row, key="formula", position=0, clause=clause_parts(data.formula_clause), formula=data.formula
            ),
            Provision(
                version=row,
                key="none_received",
                position=1,
                clause=clause_parts(data.formula_clause),
                value=data.none_received_ratio,
                text_kk=data.none_received.kk,
                text_ru=data.none_received.ru,
            ),
            Provision(
                version=row,
                key="not_openly_accessible",
                position=2,
                clause=clause_parts(data.not_accessible_clause),
                value=data.not_accessible_value,
                text_kk=data.not_accessible.kk,
                text_ru=data.not_accessible.ru,
            ),
        ]
    )
    Band.objects.bulk_create(
        _band(row, None, position, band.interval, band.names, key=band.key) for position, band in enumerate(data.bands)
    )
    _store_parameters(row, data.parameters)


def _band(
    row: MethodologyVersion,
    indicator: Indicator | None,
    position: int,
    interval: v.Interval,
    names: v.Names,
    *,
    key: str = "",
    points: Any = None,
    interpretation: bool = False,
) -> Band:
    return Band(
        version=row,
        indicator=indicator,
        key=key,
        position=position,
        lower=interval.lower,
        lower_closed=interval.lower_closed,
        upper=interval.upper,
        upper_closed=interval.upper_closed,
        points_kk=points["kk"] if points else None,
        points_ru=points["ru"] if points else None,
        name_kk=names.kk,
        name_ru=names.ru,
        interpretation=interpretation,
    )


# ------------------------------------------------------------------------------------------- openness (002)


def _store_openness(row: MethodologyVersion, data: v.OpennessVersion) -> None:
    """Annex 7 criteria, Annex 10 tables with indicators, bands, levels, footnotes, §67, SPEC §7."""
    criteria = {criterion.number: _criterion(row, criterion) for criterion in data.criteria}
    Criterion.objects.bulk_create(criteria.values())
    source_tables = [table for criterion in data.criteria for table in criterion.tables]
    tables = {
        table.number: _table(row, criteria[table.criterion], table, position)
        for position, table in enumerate(source_tables)
    }
    AnnexTable.objects.bulk_create(tables.values())
    indicators = {
        indicator.id: _indicator(row, tables[table.number], indicator, position)
        for table in source_tables
        for position, indicator in enumerate(table.indicators)
    }
    Indicator.objects.bulk_create(indicators.values())
    _store_grades(row, data, indicators)
    footnotes = [(tables[table.number], rule) for table in source_tables for rule in table.footnotes]
    footnote_ids = {id(rule) for _table_row, rule in footnotes}
    paragraphs = [(None, rule) for rule in data.rules if id(rule) not in footnote_ids]
    _store_exemptions(row, [*footnotes, *paragraphs], indicators)
    _store_parameters(row, data.parameters)


def _criterion(row: MethodologyVersion, criterion: v.Criterion) -> Criterion:
    multiplier = criterion.multiplier
    return Criterion(
        version=row,
        number=criterion.number,
        name_kk=criterion.names.kk,
        name_ru=criterion.names.ru,
        weight=criterion.weight,
        penalty=criterion.penalty,
        clause=clause_parts(criterion.clause),
        formula=criterion.formula or "",
        formula_clause=clause_parts(criterion.formula_clause),
        multiplier_code=multiplier.id if multiplier else "",
        multiplier_kk=multiplier.names.kk if multiplier else "",
        multiplier_ru=multiplier.names.ru if multiplier else "",
        multiplier_clause=clause_parts(multiplier.clause) if multiplier else None,
    )


def _table(row: MethodologyVersion, criterion: Criterion, table: v.Table, position: int) -> AnnexTable:
    return AnnexTable(
        version=row,
        criterion=criterion,
        number=table.number,
        position=position,
        for_central="central" in table.kinds,
        for_local="local" in table.kinds,
        name_kk=table.names.kk,
        name_ru=table.names.ru,
        cap=table.cap,
        cap_clause=clause_parts(table.cap_clause),
        cap_kk=table.cap_names.kk if table.cap_names else "",
        cap_ru=table.cap_names.ru if table.cap_names else "",
    )


def _indicator(row: MethodologyVersion, table: AnnexTable, indicator: v.Indicator, position: int) -> Indicator:
    central = indicator.points_by_kind.get("central")
    local = indicator.points_by_kind.get("local")
    return Indicator(
        version=row,
        table=table,
        code=indicator.id,
        position=position,
        clause=clause_parts(indicator.clause),
        name_kk=indicator.names.kk,
        name_ru=indicator.names.ru,
        rule=indicator.rule,
        points_central_kk=central["kk"] if central else None,
        points_central_ru=central["ru"] if central else None,
        points_local_kk=local["kk"] if local else None,
        points_local_ru=local["ru"] if local else None,
        marks=" ".join(indicator.marks),
        incentive=indicator.incentive,
        multiplied=indicator.multiplied,
        measure=indicator.measure or "",
        note_kk=indicator.note.kk if indicator.note else "",
        note_ru=indicator.note.ru if indicator.note else "",
    )


def _store_grades(row: MethodologyVersion, data: v.OpennessVersion, indicators: dict[str, Indicator]) -> None:
    """The bands (table 6 item 2, table 7-1 item 3) and categories (table 4 item 6) of graded indicators."""
    Band.objects.bulk_create(
        _band(
            row,
            indicators[code],
            position,
            band.interval,
            band.names,
            points=band.points,
            interpretation=band.interpretation,
        )
        for code, indicator in data.indicators.items()
        for position, band in enumerate(indicator.bands)
    )
    Level.objects.bulk_create(
        Level(
            indicator=indicators[code],
            key=level.key,
            position=position,
            points_kk=level.points["kk"],
            points_ru=level.points["ru"],
            name_kk=level.names.kk,
            name_ru=level.names.ru,
        )
        for code, indicator in data.indicators.items()
        for position, level in enumerate(indicator.levels)
    )


def _store_exemptions(
    row: MethodologyVersion,
    rules: list[tuple[AnnexTable | None, v.ExemptionRule]],
    indicators: dict[str, Indicator],
) -> None:
    """Footnotes (with their table) and paragraph rules (§67, table 8 *), linked to the indicators they touch."""
    exemptions = [
        Exemption(
            version=row,
            table=table,
            position=position,
            clause=clause_parts(rule.clause),
            mark=rule.clause.mark or "",
            effect=rule.effect,
            applies_to=sorted(rule.applies_to),
            name_kk=rule.names.kk,
            name_ru=rule.names.ru,
        )
        for position, (table, rule) in enumerate(rules)
    ]
    Exemption.objects.bulk_create(exemptions)
    Exemption.indicators.through.objects.bulk_create(
        Exemption.indicators.through(exemption=exemption, indicator=indicators[code])
        for exemption, (_table, rule) in zip(exemptions, rules, strict=True)
        for code in sorted(rule.indicators, key=lambda code: indicators[code].pk)
    )
