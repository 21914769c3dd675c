"""Reads of the methodology app: the versions list and one version with everything its page shows.

The methodology is the text of published acts: every reader may see it, so no body scope applies.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from ashyq.methodology.models import AnnexTable, Band, Criterion, Exemption, Indicator, MethodologyVersion


def version_list() -> QuerySet[MethodologyVersion]:
    """Every loaded version, by methodology and the latest in force first."""
    return MethodologyVersion.objects.order_by("kind", "-effective_from", "-registration_number")


def version_detail(*, pk: int) -> MethodologyVersion:
    """One version with its criteria, tables, indicators, bands, categories, exemptions and parameters.

    A fixed number of queries whatever the size of the version; raises ``DoesNotExist``.
    """
    indicators = Indicator.objects.order_by("position").prefetch_related("bands", "levels")
    tables = AnnexTable.objects.order_by("position").prefetch_related(
        Prefetch("indicators", queryset=indicators),
        Prefetch("footnotes", queryset=Exemption.objects.order_by("position")),
    )
    paragraph_rules = (
        Exemption.objects.filter(table__isnull=True)
        .order_by("position")
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.select_related("table").order_by("table__position"))
        )
    )
    criteria = Criterion.objects.order_by("number").prefetch_related(Prefetch("tables", queryset=tables))
    return MethodologyVersion.objects.prefetch_related(
        Prefetch("criteria", queryset=criteria),
        Prefetch("exemptions", queryset=paragraph_rules, to_attr="paragraph_rules"),
        Prefetch("bands", queryset=_scale_bands(), to_attr="scale"),
        "variables",
        "provisions",
        "parameters",
    ).get(pk=pk)


def _scale_bands() -> QuerySet[Band]:
    """The bands of the version itself (the F scale of 000 §23), not those of an indicator."""
    return Band.objects.filter(indicator__isnull=True).order_by("position")
