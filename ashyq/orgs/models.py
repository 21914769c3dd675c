"""State bodies, their subordinate organisations, and the people who act for them.

Vocabulary of SPEC (top): central state body (ОМО/ЦГО), central executive body (ОАО/ЦИО: ministries,
agencies), local executive body (ЖАО/МИО: akimats of oblasts, cities of republican significance, the
capital, districts, cities of oblast significance).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ashyq.core.i18n import in_language
from ashyq.core.models import TimeStampedModel


class BodyKind(models.TextChoices):
    CENTRAL_STATE = "central_state", _("central state body")
    MINISTRY = "ministry", _("central executive body: ministry")
    AGENCY = "agency", _("central executive body: agency")
    OBLAST_AKIMAT = "oblast_akimat", _("local executive body of an oblast")
    REPUBLICAN_CITY_AKIMAT = "republican_city_akimat", _("local executive body of a city of republican significance")
    CAPITAL_AKIMAT = "capital_akimat", _("local executive body of the capital")
    DISTRICT_AKIMAT = "district_akimat", _("local executive body of a district")
    OBLAST_CITY_AKIMAT = "oblast_city_akimat", _("local executive body of a city of oblast significance")


CENTRAL_KINDS = frozenset({BodyKind.CENTRAL_STATE, BodyKind.MINISTRY, BodyKind.AGENCY})
CENTRAL_EXECUTIVE_KINDS = frozenset({BodyKind.MINISTRY, BodyKind.AGENCY})
REGIONAL_KINDS = frozenset({BodyKind.OBLAST_AKIMAT, BodyKind.REPUBLICAN_CITY_AKIMAT, BodyKind.CAPITAL_AKIMAT})
SUBREGIONAL_KINDS = frozenset({BodyKind.DISTRICT_AKIMAT, BodyKind.OBLAST_CITY_AKIMAT})


class Body(TimeStampedModel):
    """A state body that collects feedback and is evaluated, with the flags the acts' footnotes use."""

    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    kind = models.CharField(_("kind"), max_length=30, choices=BodyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    legalacts_government_id = models.PositiveBigIntegerField(
        _("open NPA portal id"), null=True, blank=True, unique=True
    )
    is_authorized_body = models.BooleanField(_("the authorized body"), default=False)
    outside_feedback_scope = models.BooleanField(_("outside the scope of the feedback rules (000 §1)"), default=False)
    not_under_resolution_12 = models.BooleanField(
        _("not covered by Government resolution No. 12 of 17 January 2024"), default=False
    )
    no_open_session_indicator = models.BooleanField(
        _("not assessed on open sessions broadcast (002 Annex 10 table 6 item 3 *)"), default=False
    )
    national_bank_exceptions = models.BooleanField(
        _("National Bank exceptions (002 Annex 10 table 2 **)"), default=False
    )
    budget_secret = models.BooleanField(
        _("budget information secret or marked restricted distribution (002 §67)"), default=False
    )
    is_active = models.BooleanField(_("active"), default=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("state body")
        verbose_name_plural = _("state bodies")
        ordering = ["name_ru"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(parent=models.F("pk")), name="body_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language; English readers see the Russian name (no official English)."""
        return in_language(self.name_kk, self.name_ru)

    @property
    def is_central(self) -> bool:
        return self.kind in CENTRAL_KINDS

    @property
    def is_local(self) -> bool:
        return not self.is_central

    @property
    def is_central_executive(self) -> bool:
        return self.kind in CENTRAL_EXECUTIVE_KINDS


class SubordinateOrganisation(TimeStampedModel):
    """A subordinate organisation or quasi-public sector entity of a body (002 Annex 10 tables 8–11)."""

    class Kind(models.TextChoices):
        SUBORDINATE = "subordinate", _("subordinate organisation")
        QUASI_PUBLIC = "quasi_public", _("quasi-public sector entity")

    body = models.ForeignKey(Body, verbose_name=_("state body"), on_delete=models.CASCADE, related_name="subordinates")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    website = models.URLField(_("official internet resource"), blank=True)
    fully_state_owned = models.BooleanField(
        _("100% of shares owned by the state (002 Annex 10 table 11 item 2)"), default=False
    )

    class Meta:
        verbose_name = _("subordinate organisation")
        verbose_name_plural = _("subordinate organisations")
        ordering = ["name_ru"]

    def __str__(self) -> str:
        return in_language(self.name_kk, self.name_ru)


class Role(models.TextChoices):
    """The personas of Ashyq; the anonymous public needs no row."""

    ANALYST = "analyst", _("analyst of the authorized body")
    AUTHORIZED_HEAD = "authorized_head", _("head of the authorized body")
    OFFICER = "officer", _("feedback and press officer")
    FIRST_HEAD = "first_head", _("first head")
    COMMISSION_MEMBER = "commission_member", _("commission member")


AUTHORIZED_BODY_ROLES = frozenset({Role.ANALYST, Role.AUTHORIZED_HEAD})


class Membership(TimeStampedModel):
    """A person acting for a body in a role; a person may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    body = models.ForeignKey(Body, verbose_name=_("state body"), on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "body", "role"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.body}"
