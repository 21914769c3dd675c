"""What a report table's page shows: per indicator and language the claim with its provenance, the analyst's
finding, the term computed from the dates, the evidence and the form its reader may use (issue 14 items 2, 4).
Four queries per table whatever its size."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django import forms

from ashyq.evaluation.facts import Slot, gather
from ashyq.evaluation.forms import ValueForm, initial_of
from ashyq.evaluation.models import DocumentRequest, Enrolment, Evidence, ReportFact, Verification
from ashyq.evaluation.pinned import pinned_version
from ashyq.evaluation.terms import TermCheck
from ashyq.evaluation.values import value_display
from ashyq.methodology.models import display_language
from ashyq.methodology.versions import Names

LANGUAGE_PARAM = {"kk": "kk", "ru": "ru", "": "common"}
PARAM_LANGUAGE = {value: key for key, value in LANGUAGE_PARAM.items()}


@dataclass
class Row:
    slot: Slot
    claim: ReportFact | None
    verification: Verification | None
    term: TermCheck | None
    form: forms.Form | None
    editing: str  # "report", "verify" or ""
    claim_text: str = ""
    verified_text: str = ""

    @property
    def language_param(self) -> str:
        return LANGUAGE_PARAM[self.slot.language]


@dataclass
class IndicatorView:
    id: str
    name: str
    clause: str
    rows: list[Row] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    requests: list[DocumentRequest] = field(default_factory=list)


def _name(names: Names) -> str:
    return names.kk if display_language() == "kk" else names.ru


def table_numbers(enrolment: Enrolment) -> list[tuple[str, str]]:
    """The tables the body reports, in order, with their names."""
    version = pinned_version(enrolment.campaign.methodology)
    return [
        (table.number, _name(table.names))
        for criterion in version.criteria
        for table in criterion.tables_for(enrolment.kind)  # type: ignore[arg-type]
    ]


def row_form(
    enrolment: Enrolment, slot: Slot, editing: str, value: dict[str, Any] | None, data: Any = None
) -> forms.Form | None:
    if not editing:
        return None
    version = pinned_version(enrolment.campaign.methodology)
    prefix = f"{slot.indicator}-{LANGUAGE_PARAM[slot.language]}"
    return ValueForm(
        data, slot=slot, version=version, reason=editing == "verify", initial=initial_of(slot, value), prefix=prefix
    )


def table_view(
    enrolment: Enrolment, table: str, editing: str, bound: tuple[str, str, forms.Form] | None = None
) -> list[IndicatorView]:
    """The indicators of one table with their rows; ``bound`` replaces one row's form by a bound one."""
    version = pinned_version(enrolment.campaign.methodology)
    (gathered,) = gather(enrolment.campaign, [enrolment])
    slots = [
        slot
        for slot in gathered.slots
        if (version.indicators[slot.indicator].table if slot.indicator in version.indicators else "7-1") == table
    ]
    ids = {slot.indicator for slot in slots}
    claims = {(f.indicator, f.language): f for f in ReportFact.objects.filter(enrolment=enrolment, indicator__in=ids)}
    verified = {
        (v.indicator, v.language): v
        for v in Verification.objects.filter(enrolment=enrolment, indicator__in=ids).select_related("verified_by")
    }
    evidence: dict[str, list[Evidence]] = defaultdict(list)
    for item in Evidence.objects.filter(enrolment=enrolment, indicator__in=ids):
        evidence[item.indicator].append(item)
    requests: dict[str, list[DocumentRequest]] = defaultdict(list)
    for request in DocumentRequest.objects.filter(enrolment=enrolment, indicator__in=ids):
        requests[request.indicator].append(request)
    views: dict[str, IndicatorView] = {}
    for slot in slots:
        indicator = version.indicators.get(slot.indicator)
        if slot.indicator not in views:
            if indicator is not None:
                name, clause = _name(indicator.names), indicator.clause.render(display_language())
            else:
                multiplier = next(c.multiplier for c in version.criteria if c.multiplier)
                name, clause = _name(multiplier.names), multiplier.clause.render(display_language())
            views[slot.indicator] = IndicatorView(
                slot.indicator, name, clause, evidence=evidence[slot.indicator], requests=requests[slot.indicator]
            )
        key = (slot.indicator, slot.language)
        claim, verification = claims.get(key), verified.get(key)
        if bound is not None and bound[:2] == key:
            form: forms.Form | None = bound[2]
        else:
            current = verification.value if (editing == "verify" and verification) else (claim.value if claim else None)
            form = row_form(enrolment, slot, editing, current)
        views[slot.indicator].rows.append(
            Row(
                slot,
                claim,
                verification,
                gathered.term_checks.get(key),
                form,
                editing,
                value_display(slot, claim.value if claim else None, version),
                value_display(slot, verification.value, version) if verification else "—",
            )
        )
    return list(views.values())


def table_of(enrolment: Enrolment, indicator: str) -> str:
    """The Annex 10 table an indicator (or criterion 6's multiplier C) belongs to."""
    version = pinned_version(enrolment.campaign.methodology)
    found = version.indicators.get(indicator)
    return found.table if found else "7-1"
