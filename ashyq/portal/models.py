"""The efficiency evaluation portal's own records (seed 003).

- ``PlanReport``: a body's report on achieving the target indicators of its strategic plan or its territory's
  development programme for a reporting year, as a PDF the public downloads (003 §4–7).
- ``Conference`` and ``Question``: an internet conference, the form of public discussion of a body's activity
  on the portal (003 §8); the conference is one of the body's feedback sources (000 §3 p.5), so its title,
  dates and topic live on ``feedback.Source`` and are not copied here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ashyq.core.i18n import in_language
from ashyq.core.models import TimeStampedModel


class PlanReport(TimeStampedModel):
    """A published report of a body for a reporting year; one per body and year (003 §4–6).

    The body's officer confirms that the file holds no restricted information (003 §7) before it is published.
    """

    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("state body"), on_delete=models.PROTECT, related_name="plan_reports"
    )
    year = models.PositiveIntegerField(_("reporting year"))
    due_on = models.DateField(_("due date"))
    file = models.FileField(_("report (PDF)"), upload_to="portal/reports/%Y/")
    file_name = models.CharField(_("file name"), max_length=255)
    file_size = models.PositiveBigIntegerField(_("file size, bytes"))
    published_at = models.DateTimeField(_("published at"))
    replaced_at = models.DateTimeField(_("replaced at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("published by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("report on a strategic plan or development programme")
        verbose_name_plural = _("reports on strategic plans and development programmes")
        ordering = ["-year", "body__name_ru"]
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="portal_plan_report_unique_year")]

    def __str__(self) -> str:
        return f"{self.body} · {self.year}"

    @property
    def published_on(self) -> object:
        return timezone.localdate(self.published_at)

    @property
    def on_time(self) -> bool:
        return timezone.localdate(self.published_at) <= self.due_on


class Periodicity(models.TextChoices):
    """How often the body holds conferences on this topic; each body decides (003 §8)."""

    ONCE = "once", _("once")
    MONTHLY = "monthly", _("monthly")
    QUARTERLY = "quarterly", _("quarterly")
    HALF_YEARLY = "half_yearly", _("once a half-year")
    YEARLY = "yearly", _("yearly")


class Conference(TimeStampedModel):
    """An internet conference on the portal (003 §2 p.2, §8): questions are taken from the announcement
    until the end of the conference day, then it is archived with its published questions and answers."""

    source = models.OneToOneField(
        "feedback.Source", verbose_name=_("feedback source"), on_delete=models.PROTECT, related_name="conference"
    )
    periodicity = models.CharField(_("periodicity"), max_length=12, choices=Periodicity.choices)
    description_kk = models.TextField(_("description (Kazakh)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)

    class Meta:
        verbose_name = _("internet conference")
        verbose_name_plural = _("internet conferences")
        ordering = ["-source__period_end", "-id"]

    def __str__(self) -> str:
        return str(self.source)

    @property
    def topic(self) -> str:
        return in_language(self.source.title_kk, self.source.title_ru)

    @property
    def description(self) -> str:
        return in_language(self.description_kk, self.description_ru)

    @property
    def held_on(self) -> object:
        return self.source.period_end

    def accepts_questions(self) -> bool:
        from ashyq.portal.deadlines import today

        return today() <= self.source.period_end

    @property
    def is_archived(self) -> bool:
        return not self.accepts_questions()


class Question(TimeStampedModel):
    """A question asked at a conference. The asker's name, contact and network address are never published;
    the text is published only as the moderator's version with personal data removed.

    submitted → published (moderated) → answered; submitted → rejected (with the reason, not published).
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("awaiting moderation")
        PUBLISHED = "published", _("published, awaiting an answer")
        ANSWERED = "answered", _("answered")
        REJECTED = "rejected", _("not published")

    ALLOWED: dict[str, set[str]] = {
        Status.SUBMITTED: {Status.PUBLISHED, Status.REJECTED},
        Status.PUBLISHED: {Status.ANSWERED},
        Status.ANSWERED: set(),
        Status.REJECTED: set(),
    }
    PUBLIC_STATUSES = (Status.PUBLISHED, Status.ANSWERED)

    conference = models.ForeignKey(
        Conference, verbose_name=_("internet conference"), on_delete=models.PROTECT, related_name="questions"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    asker_name = models.CharField(_("your name"), max_length=200, blank=True)
    contact = models.CharField(_("e-mail or phone for the answer"), max_length=200)
    address_key = models.CharField(_("network address (keyed hash)"), max_length=64, db_index=True)
    text = models.TextField(_("question as sent"))
    public_text = models.TextField(_("question as published"), blank=True)
    rejection_reason = models.CharField(_("reason it was not published"), max_length=300, blank=True)
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["address_key", "created_at"], name="portal_question_address")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status__in=["published", "answered"]) | ~models.Q(public_text=""),
                name="portal_question_published_has_text",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="answered") | ~models.Q(answer=""),
                name="portal_question_answered_has_answer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.conference_id}/{self.pk}"

    def can_publish(self) -> bool:
        return self.Status.PUBLISHED in self.ALLOWED[self.status]

    def can_reject(self) -> bool:
        return self.Status.REJECTED in self.ALLOWED[self.status]

    def can_answer(self) -> bool:
        return self.Status.ANSWERED in self.ALLOWED[self.status]
