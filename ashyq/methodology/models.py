"""Methodology versions in the database: what ``manage.py methodology_load`` copies from ``methodology/data/``.

The data files stay the source of truth (ADR 0002); these rows let an analyst read a version on its page and
let a campaign pin the version it was scored with. A loaded version never changes: the same file loads as a
no-op, a changed file with the same registration number and effective date is refused (ADR 0004).
Clauses are stored as their parts (``versions.Clause``) and rendered in the reader's language.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from ashyq.core.i18n import active_language
from ashyq.core.models import TimeStampedModel
from ashyq.methodology.versions import Clause, cite, plain


def display_language() -> str:
    """The active language as one of the clause renderer's languages (kk, ru, en)."""
    code = active_language()
    return code if code in {"kk", "ru", "en"} else "kk"


def render_clause(parts: dict[str, Any] | None) -> str:
    """A stored clause in the words of the active language: ``002 10-қосымша 6-кесте 2-тармақ``."""
    return Clause(**parts).render(display_language()) if parts else ""


class Bilingual(models.Model):
    """An official name in the state language and in Russian; English readers see the Russian one."""

    name_kk = models.TextField(_("name (Kazakh)"))
    name_ru = models.TextField(_("name (Russian)"))

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        return self.name_kk if display_language() == "kk" else self.name_ru


class MethodologyKind(models.TextChoices):
    FEEDBACK = "feedback", _("evaluation of the population's feedback (000)")
    OPENNESS = "openness", _("operational assessment of openness (002)")


TERM_LABELS = {
    "objection_working_days": _("Objections to the conclusion, working days after receiving it (§109)"),
    "agreement_notice_working_days": _("Notice of agreement with the conclusion, working days (§112)"),
    "commission_min_members": _("Members of the special commission, at least (§113)"),
    "conclusion_to_agency_working_days": _(
        "Conclusion sent to the Agency for civil service affairs, working days after the commission (§119)"
    ),
}


class MethodologyVersion(TimeStampedModel):
    """One version of an act's methodology, as loaded from its data file."""

    kind = models.CharField(_("methodology"), max_length=10, choices=MethodologyKind.choices)
    code = models.CharField(_("version code"), max_length=40)
    seed = models.CharField(_("act"), max_length=10)
    title_kk = models.TextField(_("title (Kazakh)"))
    title_ru = models.TextField(_("title (Russian)"))
    order_kk = models.TextField(_("approving order (Kazakh)"))
    order_ru = models.TextField(_("approving order (Russian)"))
    direction_kk = models.TextField(_("direction (Kazakh)"), blank=True)
    direction_ru = models.TextField(_("direction (Russian)"), blank=True)
    sources_kk = models.TextField(_("sources of information (Kazakh)"), blank=True)
    sources_ru = models.TextField(_("sources of information (Russian)"), blank=True)
    registration_number = models.CharField(_("state registration number"), max_length=20)
    registration_date = models.DateField(_("date of state registration"))
    amends_registration_number = models.CharField(_("amends the act registered under No."), max_length=20, blank=True)
    first_publication = models.DateField(_("first official publication"))
    first_publication_verified = models.BooleanField(_("publication date verified"))
    in_force_after_calendar_days = models.PositiveSmallIntegerField(_("in force after (calendar days)"))
    effective_from = models.DateField(_("in force from"))
    exemption_tags = models.JSONField(_("exempt bodies"), default=dict, blank=True)
    terms = models.JSONField(_("terms of the objection procedure"), default=dict, blank=True)
    source_file = models.CharField(_("source file"), max_length=200)
    sha256 = models.CharField(_("SHA-256 of the source file"), max_length=64)
    loaded_at = models.DateTimeField(_("loaded at"))

    class Meta:
        verbose_name = _("methodology version")
        verbose_name_plural = _("methodology versions")
        ordering = ["kind", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "registration_number", "effective_from"], name="methodology_version_unique_act"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} (No. {self.registration_number}, {self.effective_from.isoformat()})"

    @property
    def title(self) -> str:
        return self.title_kk if display_language() == "kk" else self.title_ru

    @property
    def order(self) -> str:
        return self.order_kk if display_language() == "kk" else self.order_ru

    @property
    def direction(self) -> str:
        return self.direction_kk if display_language() == "kk" else self.direction_ru

    @property
    def sources(self) -> str:
        return self.sources_kk if display_language() == "kk" else self.sources_ru

    @property
    def is_openness(self) -> bool:
        return self.kind == MethodologyKind.OPENNESS

    @property
    def exempt_bodies(self) -> list[tuple[str, str]]:
        """The exemption tags a campaign gives bodies, with the bodies' names in the reader's language."""
        language = "kk" if display_language() == "kk" else "ru"
        return [(tag, names[language]) for tag, names in self.exemption_tags.items()]

    @property
    def term_rows(self) -> list[tuple[str, int]]:
        """The objection procedure's terms (002 §109–119) with their labels."""
        return [(str(TERM_LABELS.get(key, key)), value) for key, value in self.terms.items()]


class Criterion(Bilingual):
    """A criterion: of 002 Annex 7 with its weight (negative for the penalty), or of 000 §21 (no weight)."""

    version = models.ForeignKey(
        MethodologyVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="criteria"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, null=True, blank=True)
    penalty = models.BooleanField(_("penalty criterion"), default=False)
    clause = models.JSONField(_("clause"), null=True, blank=True)
    formula = models.CharField(_("formula"), max_length=200, blank=True)
    formula_clause = models.JSONField(_("clause of the formula"), null=True, blank=True)
    multiplier_code = models.CharField(_("multiplier"), max_length=20, blank=True)
    multiplier_kk = models.TextField(_("multiplier (Kazakh)"), blank=True)
    multiplier_ru = models.TextField(_("multiplier (Russian)"), blank=True)
    multiplier_clause = models.JSONField(_("clause of the multiplier"), null=True, blank=True)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["version", "number"]
        constraints = [models.UniqueConstraint(fields=["version", "number"], name="methodology_criterion_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.name_ru}"

    @property
    def clause_text(self) -> str:
        return render_clause(self.clause)

    @property
    def formula_clause_text(self) -> str:
        return render_clause(self.formula_clause)

    @property
    def multiplier_clause_text(self) -> str:
        return render_clause(self.multiplier_clause)

    @property
    def multiplier_name(self) -> str:
        return self.multiplier_kk if display_language() == "kk" else self.multiplier_ru


class AnnexTable(Bilingual):
    """A table of 002 Annex 10: the indicators of one criterion for central and/or local bodies."""

    version = models.ForeignKey(
        MethodologyVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="tables"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="tables"
    )
    number = models.CharField(_("table"), max_length=10)
    position = models.PositiveSmallIntegerField(_("position"))
    for_central = models.BooleanField(_("for central state bodies"))
    for_local = models.BooleanField(_("for local executive bodies"))
    cap = models.DecimalField(_("cap"), max_digits=6, decimal_places=2, null=True, blank=True)
    cap_clause = models.JSONField(_("clause of the cap"), null=True, blank=True)
    cap_kk = models.TextField(_("cap row (Kazakh)"), blank=True)
    cap_ru = models.TextField(_("cap row (Russian)"), blank=True)

    class Meta:
        verbose_name = _("Annex 10 table")
        verbose_name_plural = _("Annex 10 tables")
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "number"], name="methodology_table_unique")]

    def __str__(self) -> str:
        return f"{self.version.code} table {self.number}"

    @property
    def cap_clause_text(self) -> str:
        return render_clause(self.cap_clause)

    @property
    def cap_name(self) -> str:
        return self.cap_kk if display_language() == "kk" else self.cap_ru


class Rule(models.TextChoices):
    """How an indicator earns its points (the ``rule`` of the data file)."""

    MET = "met", _("met / not met")
    ATTAINMENT = "attainment", _("attainment share × points")
    BANDS = "bands", _("by bands of the measured value")
    CATEGORY_AVERAGE = "category_average", _("average of the events' category points")
    PUBLICITY = "publicity", _("formula A (§81)")
    MEDIA_REQUESTS = "media_requests", _("formula B (§82)")
    PENALTY_SHARE = "penalty_share", _("penalty × share of failing organisations")


class Indicator(Bilingual):
    """An indicator of 002 Annex 10 with its points per body kind and language (None: not in that table)."""

    version = models.ForeignKey(
        MethodologyVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="indicators"
    )
    table = models.ForeignKey(AnnexTable, verbose_name=_("table"), on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("indicator code"), max_length=20)
    position = models.PositiveSmallIntegerField(_("position"))
    clause = models.JSONField(_("clause"))
    rule = models.CharField(_("scoring rule"), max_length=20, choices=Rule.choices)
    points_central_kk = models.DecimalField(
        _("points, central bodies, Kazakh"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    points_central_ru = models.DecimalField(
        _("points, central bodies, Russian"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    points_local_kk = models.DecimalField(
        _("points, local bodies, Kazakh"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    points_local_ru = models.DecimalField(
        _("points, local bodies, Russian"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    marks = models.CharField(_("footnote marks"), max_length=20, blank=True)
    incentive = models.BooleanField(_("incentive indicator"), default=False)
    multiplied = models.BooleanField(_("multiplied by C"), default=False)
    measure = models.CharField(_("measured value"), max_length=40, blank=True)
    note_kk = models.TextField(_("note (Kazakh)"), blank=True)
    note_ru = models.TextField(_("note (Russian)"), blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["version", "table__position", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="methodology_indicator_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.name_ru[:60]}"

    @property
    def clause_text(self) -> str:
        return render_clause(self.clause)

    @property
    def item(self) -> str:
        """The item as the act numbers it: ``4``, ``4.3``."""
        parts = self.clause or {}
        return ".".join(value for value in (parts.get("item"), parts.get("subitem")) if value)

    @property
    def note(self) -> str:
        return self.note_kk if display_language() == "kk" else self.note_ru

    @property
    def points_differ_by_kind(self) -> bool:
        """Whether central and local bodies earn different points (002 Annex 10 table 6 item 4.3)."""
        central = (self.points_central_kk, self.points_central_ru)
        local = (self.points_local_kk, self.points_local_ru)
        return None not in central and None not in local and central != local

    @property
    def points_kk(self) -> Decimal | None:
        return self.points_central_kk if self.points_central_kk is not None else self.points_local_kk

    @property
    def points_ru(self) -> Decimal | None:
        return self.points_central_ru if self.points_central_ru is not None else self.points_local_ru


class Band(Bilingual):
    """A band of a measured value: the F scale of 000 §23 (``key``) or an indicator's bands (``points``)."""

    version = models.ForeignKey(
        MethodologyVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="bands"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="bands", null=True, blank=True
    )
    key = models.CharField(_("key"), max_length=20, blank=True)
    position = models.PositiveSmallIntegerField(_("position"))
    lower = models.DecimalField(_("lower bound"), max_digits=8, decimal_places=3)
    lower_closed = models.BooleanField(_("lower bound included"))
    upper = models.DecimalField(_("upper bound"), max_digits=8, decimal_places=3, null=True, blank=True)
    upper_closed = models.BooleanField(_("upper bound included"))
    points_kk = models.DecimalField(_("points, Kazakh"), max_digits=6, decimal_places=2, null=True, blank=True)
    points_ru = models.DecimalField(_("points, Russian"), max_digits=6, decimal_places=2, null=True, blank=True)
    interpretation = models.BooleanField(_("interpretation (not in the act)"), default=False)

    class Meta:
        verbose_name = _("band")
        verbose_name_plural = _("bands")
        ordering = ["version", "indicator", "position"]

    def __str__(self) -> str:
        return f"{self.interval} {self.name_ru[:60]}"

    @property
    def interval(self) -> str:
        """The exact range, ``[50, 70)`` or ``(50, ∞)``."""
        left = "[" if self.lower_closed else "("
        lower = plain(self.lower)
        if self.upper is None:
            return f"{left}{lower}, ∞)"
        right = "]" if self.upper_closed else ")"
        return f"{left}{lower}, {plain(self.upper)}{right}"


class Level(Bilingual):
    """A publicity category of an event and its points (002 Annex 10 table 4 item 6)."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="levels"
    )
    key = models.CharField(_("key"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"))
    points_kk = models.DecimalField(_("points, Kazakh"), max_digits=6, decimal_places=2)
    points_ru = models.DecimalField(_("points, Russian"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("publicity category")
        verbose_name_plural = _("publicity categories")
        ordering = ["indicator", "position"]

    def __str__(self) -> str:
        return self.key


class Effect(models.TextChoices):
    """What an exemption does to the bodies it names."""

    MAXIMUM = "maximum", _("the maximum points are given")
    GROUP_AVERAGE = "group_average", _("the average of the group's bodies is given")
    NOT_ASSESSED = "not_assessed", _("not assessed")
    NOTE = "note", _("a note; the points do not change")


class Exemption(Bilingual):
    """A footnote of an Annex 10 table or a paragraph (§67) that scores some bodies differently."""

    version = models.ForeignKey(
        MethodologyVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="exemptions"
    )
    table = models.ForeignKey(
        AnnexTable,
        verbose_name=_("table of the footnote"),
        on_delete=models.CASCADE,
        related_name="footnotes",
        null=True,
        blank=True,
    )
    position = models.PositiveSmallIntegerField(_("position"))
    clause = models.JSONField(_("clause"))
    mark = models.CharField(_("footnote mark"), max_length=10, blank=True)
    effect = models.CharField(_("effect"), max_length=20, choices=Effect.choices)
    applies_to = models.JSONField(_("bodies it applies to"), default=list)
    indicators = models.ManyToManyField(Indicator, verbose_name=_("indicators"), related_name="exemptions", blank=True)

    class Meta:
        verbose_name = _("exemption")
        verbose_name_plural = _("exemptions")
        ordering = ["version", "position"]

    def __str__(self) -> str:
        return f"{self.version.code} {self.mark or self.clause}"

    @property
    def clause_text(self) -> str:
        return render_clause(self.clause)

    @property
    def table_numbers(self) -> list[str]:
        """The Annex 10 tables whose indicators the rule touches (read from the prefetched indicators)."""
        return list(dict.fromkeys(indicator.table.number for indicator in self.indicators.all()))


class Provision(models.Model):
    """The feedback formula (000 §22) and its rules in the act's words: §22 (none received), §23 (not accessible)."""

    version = models.ForeignKey(
        MethodologyVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="provisions"
    )
    key = models.CharField(_("key"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"))
    clause = models.JSONField(_("clause"))
    formula = models.CharField(_("formula"), max_length=200, blank=True)
    value = models.DecimalField(_("value"), max_digits=8, decimal_places=3, null=True, blank=True)
    text_kk = models.TextField(_("text (Kazakh)"), blank=True)
    text_ru = models.TextField(_("text (Russian)"), blank=True)

    class Meta:
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")
        ordering = ["version", "position"]

    def __str__(self) -> str:
        return self.key

    @property
    def clause_text(self) -> str:
        return render_clause(self.clause)

    @property
    def text(self) -> str:
        return self.text_kk if display_language() == "kk" else self.text_ru


class Variable(Bilingual):
    """A variable of the F formula (000 §22) and the input field that carries it."""

    version = models.ForeignKey(
        MethodologyVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="variables"
    )
    symbol = models.CharField(_("symbol"), max_length=5)
    field = models.CharField(_("input field"), max_length=40, blank=True)
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        verbose_name = _("formula variable")
        verbose_name_plural = _("formula variables")
        ordering = ["version", "position"]

    def __str__(self) -> str:
        return self.symbol


class Parameter(models.Model):
    """A SPEC §7 choice where the act is silent or ambiguous: its name, value and description."""

    version = models.ForeignKey(
        MethodologyVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="parameters"
    )
    name = models.CharField(_("parameter"), max_length=60)
    value = models.CharField(_("value"), max_length=100)
    clause = models.CharField(_("clause"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"))
    description_kk = models.TextField(_("description (Kazakh)"))
    description_ru = models.TextField(_("description (Russian)"))
    description_en = models.TextField(_("description (English)"))

    class Meta:
        verbose_name = _("parameter")
        verbose_name_plural = _("parameters")
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "name"], name="methodology_parameter_unique")]

    def __str__(self) -> str:
        return f"{self.name} = {self.value}"

    @property
    def clause_text(self) -> str:
        return cite(self.clause, display_language())

    @property
    def description(self) -> str:
        return str(getattr(self, f"description_{display_language()}"))
