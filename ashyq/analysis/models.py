"""The stored results of the analysis of a body's quarter (issue 12; 000 §14–15, §17).

One ``QuarterRun`` per body and quarter: run in the task worker, re-run when new items arrive; its results
(counts per channel, language and kind, against the previous quarter), its near-duplicate groups and its
topics. Texts stored here are already redacted (``ashyq.analysis.personal_data``): they are shown to the
officer, printed in the analysis and may be shown to the first head.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ashyq.core.models import TimeStampedModel


class QuarterRun(TimeStampedModel):
    """The analysis of one body's quarter: queued → running → done | failed; queued again to re-run."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting for the worker")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    ALLOWED: dict[str, set[str]] = {
        Status.QUEUED: {Status.RUNNING},
        Status.RUNNING: {Status.DONE, Status.FAILED},
        Status.DONE: {Status.QUEUED},
        Status.FAILED: {Status.QUEUED},
    }

    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("state body"), on_delete=models.PROTECT, related_name="analysis_runs"
    )
    year = models.PositiveIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), choices=[(q, str(q)) for q in range(1, 5)])
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(_("texts to analyse"), default=0)
    processed = models.PositiveIntegerField(_("texts analysed"), default=0)
    items_seen = models.PositiveIntegerField(_("items when the analysis ran"), default=0)
    items_changed_at = models.DateTimeField(_("latest item change when the analysis ran"), null=True, blank=True)
    results = models.JSONField(_("results"), default=dict, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("analysis of a quarter")
        verbose_name_plural = _("analyses of quarters")
        ordering = ["-year", "-quarter", "body__name_ru"]
        constraints = [models.UniqueConstraint(fields=["body", "year", "quarter"], name="analysis_run_unique_quarter")]

    def __str__(self) -> str:
        return f"{self.body} {self.year} Q{self.quarter}"

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def percent(self) -> int:
        return 100 if self.status == self.Status.DONE else (100 * self.processed // self.total if self.total else 0)

    def can_start(self) -> bool:
        return self.Status.RUNNING in self.ALLOWED[self.status]

    def can_requeue(self) -> bool:
        return self.Status.QUEUED in self.ALLOWED[self.status]


class DuplicateGroup(models.Model):
    """Near-identical texts of the quarter (two or more), with the burst that may make them a campaign."""

    run = models.ForeignKey(QuarterRun, verbose_name=_("analysis"), on_delete=models.CASCADE, related_name="groups")
    size = models.PositiveIntegerField(_("texts"))
    representative = models.TextField(_("representative text"))
    first_at = models.DateTimeField(_("first received"))
    last_at = models.DateTimeField(_("last received"))
    is_campaign = models.BooleanField(_("mass campaign"), default=False)
    burst_count = models.PositiveIntegerField(_("texts in the densest burst"))
    burst_start = models.DateTimeField(_("burst from"))
    burst_end = models.DateTimeField(_("burst until"))
    item_ids = models.JSONField(_("items"), default=list)

    class Meta:
        verbose_name = _("group of near-identical texts")
        verbose_name_plural = _("groups of near-identical texts")
        ordering = ["-size", "first_at"]

    def __str__(self) -> str:
        return self.representative[:80]


class TopicCluster(models.Model):
    """A topic found in the quarter's texts; the officer names it (it joins the §17 list), merges, splits it."""

    run = models.ForeignKey(QuarterRun, verbose_name=_("analysis"), on_delete=models.CASCADE, related_name="topics")
    size = models.PositiveIntegerField(_("texts"))
    terms = models.JSONField(_("frequent words"), default=list)
    examples = models.JSONField(_("example texts"), default=list)
    item_ids = models.JSONField(_("items"), default=list)
    topic = models.ForeignKey(
        "feedback.Topic",
        verbose_name=_("problem topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clusters",
    )
    merged_into = models.ForeignKey(
        "self", verbose_name=_("merged into"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("topic found in the texts")
        verbose_name_plural = _("topics found in the texts")
        ordering = ["-size", "pk"]

    def __str__(self) -> str:
        return str(self.topic) if self.topic_id else ", ".join(self.terms[:3])
