"""Objections, the special commission and the final conclusion to the Agency (002 §109–119; issue 10).

A body answers its delivered conclusion with one :class:`ConclusionResponse`: a notice of agreement (§112) or
objections with the disagreement table (§109, «Қайшылықтар кестесі», Annex 14 of the methodology) as
:class:`DisagreementRow` rows and confirming :class:`ObjectionDocument` files; or, when the term passes with
neither, it is marked "no objections received in term". A :class:`Commission` (§113) of at least five members
hears the objections on its agenda and decides each row; upheld rows replace the stored facts of their
indicator and language, and the campaign is scored again as one group (:class:`Rescoring` keeps the before
and after). :class:`AgencySubmission` records the final conclusion sent to the Agency for civil service
affairs (§118–119); from then on the results are frozen and a correction is a new version.

Imported by :mod:`ashyq.evaluation.models`, so these are models of the ``evaluation`` app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ashyq.core.models import TimeStampedModel

LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("", _("both languages"))]


class ConclusionResponse(TimeStampedModel):
    """The body's answer to its conclusion within 5 working days of receipt (002 §109, §112)."""

    class Kind(models.TextChoices):
        AGREEMENT = "agreement", _("notice of agreement")
        OBJECTION = "objection", _("objections")
        NONE_IN_TERM = "none_in_term", _("no objections received in term")

    class Status(models.TextChoices):
        DRAFT = "draft", _("being prepared")
        FILED = "filed", _("sent")

    enrolment = models.OneToOneField(
        "evaluation.Enrolment", verbose_name=_("enrolled body"), on_delete=models.CASCADE, related_name="response"
    )
    kind = models.CharField(_("answer"), max_length=12, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    filed_on = models.DateField(_("sent on"), null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    late_reason = models.TextField(_("why a late filing was accepted"), blank=True)
    late_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("answer to the conclusion")
        verbose_name_plural = _("answers to the conclusions")
        ordering = ["enrolment"]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.get_kind_display()}"

    @property
    def filed(self) -> bool:
        return self.status == self.Status.FILED

    def can_edit(self) -> bool:
        return self.kind == self.Kind.OBJECTION and self.status == self.Status.DRAFT


class DisagreementRow(TimeStampedModel):
    """One row of the disagreement table: a disputed indicator in a language (002 §109, Annex 14).

    ``assessed_value`` and ``assessed_points`` are copied from the conclusion; ``claimed_value`` is the figure
    the body claims, in the indicator's value shape (``ashyq.evaluation.values``). The commission's decision
    sets ``decided_value``: the claim when upheld, its own figure when partly upheld.
    """

    class Decision(models.TextChoices):
        PENDING = "pending", _("not yet decided")
        UPHELD = "upheld", _("upheld")
        PARTLY = "partly", _("partly upheld")
        REJECTED = "rejected", _("rejected")

    response = models.ForeignKey(
        ConclusionResponse, verbose_name=_("objections"), on_delete=models.CASCADE, related_name="rows"
    )
    indicator = models.CharField(_("indicator"), max_length=20)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES, blank=True)
    assessed_value = models.JSONField(_("assessed figure"), default=dict)
    assessed_points = models.DecimalField(_("assessed points"), max_digits=8, decimal_places=4)
    claimed_value = models.JSONField(_("the body's figure"))
    justification = models.TextField(_("justification"), max_length=5000)
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices, default=Decision.PENDING)
    decided_value = models.JSONField(_("figure set by the commission"), null=True, blank=True)
    decision_reason = models.TextField(_("reasons of the decision"), blank=True, max_length=5000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("row of the disagreement table")
        verbose_name_plural = _("rows of the disagreement table")
        ordering = ["response", "indicator", "language"]
        constraints = [
            models.UniqueConstraint(fields=["response", "indicator", "language"], name="disagreement_row_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.language}".strip()


class ObjectionDocument(TimeStampedModel):
    """A confirming document filed with the objections (002 §109); never one marked secret or restricted."""

    response = models.ForeignKey(
        ConclusionResponse, verbose_name=_("objections"), on_delete=models.CASCADE, related_name="documents"
    )
    file = models.FileField(_("file"), upload_to="evaluation/objections/%Y/%m/")
    file_name = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("confirming document")
        verbose_name_plural = _("confirming documents")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.file_name


class Commission(TimeStampedModel):
    """A special commission hearing objections (002 §113): formed, then its meeting decides every row."""

    class Status(models.TextChoices):
        FORMED = "formed", _("formed")
        HELD = "held", _("meeting held")

    campaign = models.ForeignKey(
        "evaluation.Campaign", verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="commissions"
    )
    agenda = models.ManyToManyField(ConclusionResponse, verbose_name=_("objections on the agenda"), related_name="+")
    meeting_on = models.DateField(_("meeting date"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.FORMED)
    formed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("formed by"), on_delete=models.PROTECT, related_name="+"
    )
    held_at = models.DateTimeField(_("decisions recorded at"), null=True, blank=True)
    agency_due = models.DateField(_("final conclusion due at the Agency (§119)"), null=True, blank=True)

    class Meta:
        verbose_name = _("special commission")
        verbose_name_plural = _("special commissions")
        ordering = ["campaign", "meeting_on", "id"]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.meeting_on:%d.%m.%Y}"

    def can_hold(self) -> bool:
        return self.status == self.Status.FORMED


class CommissionMember(TimeStampedModel):
    """A member of a special commission in one of the three capacities of 002 §113."""

    class Capacity(models.TextChoices):
        OBJECTING_BODY = "objecting_body", _("staff of the objecting body")
        ASSESSING_BODY = "assessing_body", _("staff of the assessing body who did not assess the body")
        WORKING_BODY = "working_body", _("representative of the commission's working body")

    class Position(models.TextChoices):
        CHAIR = "chair", _("chair")
        SECRETARY = "secretary", _("secretary")
        MEMBER = "member", _("member")

    commission = models.ForeignKey(Commission, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.PROTECT)
    capacity = models.CharField(_("capacity"), max_length=16, choices=Capacity.choices)
    position = models.CharField(_("position"), max_length=10, choices=Position.choices, default=Position.MEMBER)
    present = models.BooleanField(_("present at the meeting"), default=False)

    class Meta:
        verbose_name = _("commission member")
        verbose_name_plural = _("commission members")
        ordering = ["commission", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["commission", "user"], name="commission_member_unique")]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()


class Rescoring(TimeStampedModel):
    """The campaign scored again after a commission's decisions: every body's final score before and after."""

    commission = models.OneToOneField(Commission, on_delete=models.CASCADE, related_name="rescoring")
    run = models.ForeignKey("evaluation.ScoringRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    before = models.JSONField(_("final scores before"), default=dict)
    after = models.JSONField(_("final scores after"), default=dict)

    class Meta:
        verbose_name = _("rescoring after the commission")
        verbose_name_plural = _("rescorings after the commission")

    def __str__(self) -> str:
        return str(self.commission)


class AgencySubmission(TimeStampedModel):
    """The final conclusion on the openness results sent to the Agency (002 §118–119); version 1 is the first
    sending, each later version a correction with its reason. The results it holds never change."""

    campaign = models.ForeignKey(
        "evaluation.Campaign", verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="submissions"
    )
    version = models.PositiveSmallIntegerField(_("version"))
    sent_on = models.DateField(_("sent on"))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    reason = models.TextField(_("reason of the correction"), blank=True, max_length=5000)
    results = models.JSONField(_("final scores"), default=dict)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("final conclusion sent to the Agency")
        verbose_name_plural = _("final conclusions sent to the Agency")
        ordering = ["campaign", "version"]
        constraints = [models.UniqueConstraint(fields=["campaign", "version"], name="agency_submission_version")]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.version}"

    @property
    def late(self) -> bool:
        return self.due_on is not None and self.sent_on > self.due_on


class TermReminder(models.Model):
    """A reminder e-mail sent once, 2 working days before a term ends (issue 10 item 6)."""

    key = models.CharField(max_length=100, unique=True)
    sent_on = models.DateField(default=timezone.localdate)

    def __str__(self) -> str:
        return self.key
