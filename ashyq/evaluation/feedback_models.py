"""The evaluation of feedback (000 chapter 3; issue 14 item 10): the authorized body's request to the bodies
(:class:`FeedbackEvaluation`, 000 §20) and each body's submission of its four parts with the F it gives
(:class:`FeedbackSubmission`, 000 §20–23).

A request covers a period and pins the feedback methodology version in force on its last day. Each enrolled
body's submission is prefilled from its records (remarks/proposals and comments of the period, its internet
conferences and surveys, its confirming materials), checked by the officer and sent; the population's
satisfaction (000 §21) comes from the authorized body's survey import. F is computed by the engine
(:mod:`ashyq.evaluation.engine.feedback`) and stored with the submission, with its band and explanation. The
analyst publishes the evaluation; only then do its F values reach the portal (003; issue 13 item 1).

Imported by :mod:`ashyq.evaluation.models`, so these are models of the ``evaluation`` app.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ashyq.core.calendar import add_calendar_days
from ashyq.core.models import TimeStampedModel
from ashyq.evaluation.job_models import ImportJobModel


class FeedbackEvaluation(TimeStampedModel):
    """The authorized body's request for the bodies' feedback summaries of a period (000 §20)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        REQUESTED = "requested", _("requested from the bodies")
        CLOSED = "closed", _("submissions closed")
        PUBLISHED = "published", _("published")

    ALLOWED: dict[str, set[str]] = {
        Status.DRAFT: {Status.REQUESTED},
        Status.REQUESTED: {Status.CLOSED},
        Status.CLOSED: {Status.REQUESTED, Status.PUBLISHED},
        Status.PUBLISHED: set(),
    }

    name = models.CharField(_("name"), max_length=200)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    methodology = models.ForeignKey(
        "methodology.MethodologyVersion",
        verbose_name=_("methodology version"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_on = models.DateField(_("requested on"), null=True, blank=True)
    due_on = models.DateField(_("submissions due on"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("feedback evaluation")
        verbose_name_plural = _("feedback evaluations")
        ordering = ["-period_end", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")),
                name="feedback_evaluation_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def allows(self, status: str) -> bool:
        return status in self.ALLOWED[self.status]

    def can_enrol(self) -> bool:
        """Bodies join while the request is prepared or open; a body enrolled later is asked at once."""
        return self.status in {self.Status.DRAFT, self.Status.REQUESTED}

    def can_request(self) -> bool:
        return self.allows(self.Status.REQUESTED) and self.status == self.Status.DRAFT

    def can_close(self) -> bool:
        return self.allows(self.Status.CLOSED)

    def can_reopen(self) -> bool:
        return self.status == self.Status.CLOSED and self.allows(self.Status.REQUESTED)

    def can_publish(self) -> bool:
        return self.allows(self.Status.PUBLISHED)

    def can_edit_submissions(self) -> bool:
        """The bodies prepare and send their submissions only while the request is open (000 §20)."""
        return self.status == self.Status.REQUESTED

    def can_import_satisfaction(self) -> bool:
        """The §21 survey is imported until publication; afterwards the evaluation is frozen."""
        return self.status != self.Status.PUBLISHED

    @property
    def frozen(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def term_ends(self) -> datetime.date:
        """The last day to submit: the due date, moved to the next working day when it is a day off (SPEC §7)."""
        return add_calendar_days(self.due_on, 0)


class FeedbackSubmission(TimeStampedModel):
    """One body's answer to the request: the four parts of 000 §20, the §21 satisfaction and F (§22–23)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("being prepared")
        SUBMITTED = "submitted", _("submitted")

    evaluation = models.ForeignKey(
        FeedbackEvaluation, verbose_name=_("feedback evaluation"), on_delete=models.CASCADE, related_name="submissions"
    )
    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("state body"), on_delete=models.PROTECT, related_name="feedback_submissions"
    )
    # 000 §20 item 1: remarks and proposals
    remarks_received = models.PositiveIntegerField(_("remarks and proposals received"), default=0)
    remarks_accepted = models.PositiveIntegerField(_("remarks and proposals accepted"), default=0)
    remarks_rejected = models.PositiveIntegerField(_("remarks and proposals rejected"), default=0)
    # 000 §20 item 2: comments
    comments_received = models.PositiveIntegerField(_("comments received"), default=0)
    comments_answered = models.PositiveIntegerField(_("comments answered"), default=0)
    comments_unanswered = models.PositiveIntegerField(_("comments unanswered"), default=0)
    # 000 §20 items 3–4: [{"title": ..., "url": ..., "date": "YYYY-MM-DD"}]
    conference_links = models.JSONField(_("internet conferences and surveys"), default=list, blank=True)
    materials = models.JSONField(_("confirming materials"), default=list, blank=True)
    # 000 §23: drafts, budget-programme reports and projects' results openly accessible
    openly_accessible = models.BooleanField(_("materials openly accessible"), default=True)
    # 000 §21: share of the population satisfied, from the authorized body's survey
    satisfaction = models.DecimalField(
        _("population satisfied, %"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    satisfaction_source = models.CharField(_("satisfaction from"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    prefilled_at = models.DateTimeField(_("prefilled at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # 000 §22–23 at full precision, its band key of the version and the engine's explanation
    f = models.DecimalField(_("feedback indicator F"), max_digits=20, decimal_places=10, null=True, blank=True)
    band = models.CharField(_("band"), max_length=20, blank=True)
    explanation = models.JSONField(_("explanation"), default=dict, blank=True)
    # where each count of §20 p.1–2 came from: "records" (prefilled from Ashyq) or "officer" (changed by hand)
    counts_source = models.JSONField(_("counts from"), default=dict, blank=True)

    class Meta:
        verbose_name = _("feedback submission")
        verbose_name_plural = _("feedback submissions")
        ordering = ["evaluation", "body__name_ru"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "body"], name="one_feedback_submission_per_body"),
            models.CheckConstraint(
                condition=models.Q(remarks_accepted__lte=models.F("remarks_received"))
                & models.Q(comments_answered__lte=models.F("comments_received")),
                name="feedback_submission_counts_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} — {self.evaluation}"

    def can_edit(self) -> bool:
        return self.status == self.Status.DRAFT and self.evaluation.can_edit_submissions()

    def can_submit(self) -> bool:
        return self.can_edit()

    def late(self, today: datetime.date) -> bool:
        """Submitted after the term, or still not submitted after it (000 §20; the term per SPEC §7)."""
        if self.evaluation.requested_on is None:
            return False
        if self.submitted_at is not None:
            return timezone.localdate(self.submitted_at) > self.evaluation.term_ends
        return today > self.evaluation.term_ends

    @property
    def f_display(self) -> str:
        """F as the engine displayed it (rounded once, SPEC §7); empty before it was computed."""
        return str(self.explanation.get("display", "")) if self.f is not None else ""


class SatisfactionImport(ImportJobModel):
    """The authorized body's survey of the population's satisfaction (000 §21 p.3) imported into an evaluation:
    one row per body, all rows or none, each value keeping its file and row."""

    evaluation = models.ForeignKey(FeedbackEvaluation, on_delete=models.CASCADE, related_name="satisfaction_imports")
    file = models.FileField(_("file"), upload_to="evaluation/satisfaction/%Y/%m/")
