"""Feedback on the state's projects and initiatives from every channel of 000 §3, and what became of it.

A ``Source`` is what a body put up for discussion or analysed (a draft NPA, a draft budget programme, a
quarter's appeals, an internet conference…); an ``Item`` is one remark/proposal or comment received on it,
tracked through its state machine to its outcome. The counts of 000 §20 and F (§22) come from the items.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ashyq.core.i18n import in_language
from ashyq.core.models import TimeStampedModel


class Channel(models.TextChoices):
    """The five ways of 000 §3."""

    NPA_PORTAL = "npa_portal", _("open NPA portal monitoring (000 §3 p.1)")
    BUDGET_PORTAL = "budget_portal", _("open budgets portal monitoring (000 §3 p.2)")
    APPEALS_SOCIAL = "appeals_social", _("analysis of appeals and social-media comments (000 §3 p.3)")
    DIALOGUE_PORTAL = "dialogue_portal", _("internet conferences and surveys on the open dialogue portal (000 §3 p.5)")


class SourceKind(models.TextChoices):
    DRAFT_NPA = "draft_npa", _("draft normative legal act")
    DRAFT_BUDGET_PROGRAMME = "draft_budget_programme", _("draft budget programme")
    BUDGET_PROGRAMME_REPORT = "budget_programme_report", _("report on the implementation of a budget programme")
    APPEALS_QUARTER = "appeals_quarter", _("appeals of individuals and legal entities in a quarter")
    SOCIAL_MEDIA_QUARTER = "social_media_quarter", _("comments on the official social-media accounts in a quarter")
    INTERNET_CONFERENCE = "internet_conference", _("internet conference")
    SURVEY = "survey", _("survey")


CHANNEL_OF_KIND = {
    SourceKind.DRAFT_NPA: Channel.NPA_PORTAL,
    SourceKind.DRAFT_BUDGET_PROGRAMME: Channel.BUDGET_PORTAL,
    SourceKind.BUDGET_PROGRAMME_REPORT: Channel.BUDGET_PORTAL,
    SourceKind.APPEALS_QUARTER: Channel.APPEALS_SOCIAL,
    SourceKind.SOCIAL_MEDIA_QUARTER: Channel.APPEALS_SOCIAL,
    SourceKind.INTERNET_CONFERENCE: Channel.DIALOGUE_PORTAL,
    SourceKind.SURVEY: Channel.DIALOGUE_PORTAL,
}
DISCUSSION_KINDS = frozenset(
    {SourceKind.DRAFT_NPA, SourceKind.DRAFT_BUDGET_PROGRAMME, SourceKind.BUDGET_PROGRAMME_REPORT}
)
BUDGET_KINDS = frozenset({SourceKind.DRAFT_BUDGET_PROGRAMME, SourceKind.BUDGET_PROGRAMME_REPORT})
DIALOGUE_KINDS = frozenset({SourceKind.INTERNET_CONFERENCE, SourceKind.SURVEY})


class ResultUse(models.TextChoices):
    """Where the results of a conference or survey were used (000 §19)."""

    RULE_MAKING = "rule_making", _("rule-making")
    LAW_ENFORCEMENT_REVIEW = "law_enforcement_review", _("review of law-enforcement practice")
    PLANNING_DOCUMENTS = "planning_documents", _("documents of the state planning system")
    BUDGET_PROGRAMMES = "budget_programmes", _("budget programmes")


class Topic(TimeStampedModel):
    """A problem topic raised in appeals, for conferences and surveys (000 §17)."""

    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("state body"), on_delete=models.PROTECT, related_name="feedback_topics"
    )
    title_kk = models.CharField(_("topic (Kazakh)"), max_length=300)
    title_ru = models.CharField(_("topic (Russian)"), max_length=300)
    raised_in = models.TextField(_("where the problem was raised (appeals)"), blank=True)

    class Meta:
        verbose_name = _("problem topic")
        verbose_name_plural = _("problem topics")
        ordering = ["title_ru"]

    def __str__(self) -> str:
        return in_language(self.title_kk, self.title_ru)


class Source(TimeStampedModel):
    """What feedback was collected on: a discussion on a portal, a quarter's appeals, a conference (000 §3–19)."""

    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("state body"), on_delete=models.PROTECT, related_name="feedback_sources"
    )
    kind = models.CharField(_("kind of source"), max_length=30, choices=SourceKind.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, editable=False)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=500)
    title_ru = models.CharField(_("title (Russian)"), max_length=500)
    url = models.URLField(_("link on the portal"), max_length=500, blank=True)
    external_id = models.CharField(_("id on the portal"), max_length=64, blank=True)
    period_start = models.DateField(_("discussion period: start"))
    period_end = models.DateField(_("discussion period: end"))
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("problem topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sources",
    )
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    results_use = models.CharField(
        _("where the results were used (000 §19)"), max_length=30, choices=ResultUse.choices, blank=True
    )
    results_use_note = models.TextField(_("how the results were used"), blank=True)
    council_date = models.DateField(_("public council meeting date (000 §12)"), null=True, blank=True)
    council_decision = models.TextField(_("public council decision"), blank=True)

    class Meta:
        verbose_name = _("feedback source")
        verbose_name_plural = _("feedback sources")
        ordering = ["-period_start", "-id"]
        indexes = [models.Index(fields=["body", "kind", "period_start"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")), name="source_period"),
            models.UniqueConstraint(
                fields=["body", "kind", "external_id"],
                condition=~models.Q(external_id=""),
                name="source_unique_external_id",
            ),
        ]

    def __str__(self) -> str:
        return in_language(self.title_kk, self.title_ru)

    def contains(self, day: datetime.date) -> bool:
        """Whether a day falls in the discussion period (000 §5, §10)."""
        return self.period_start <= day <= self.period_end

    @property
    def is_discussion(self) -> bool:
        return self.kind in DISCUSSION_KINDS

    @property
    def goes_to_public_council(self) -> bool:
        """A budget source's outcome goes to the body's public council (000 §12): the report on the public
        discussion of a draft budget programme, or the report on a budget programme's implementation."""
        return self.kind in BUDGET_KINDS


class InformationNotice(TimeStampedModel):
    """An information notice on the dates of a public discussion (000 §5, §10)."""

    source = models.ForeignKey(
        Source, verbose_name=_("feedback source"), on_delete=models.CASCADE, related_name="notices"
    )
    url = models.URLField(_("link"), max_length=500)
    published_on = models.DateField(_("published on"))

    class Meta:
        verbose_name = _("information notice")
        verbose_name_plural = _("information notices")
        ordering = ["published_on", "id"]

    def __str__(self) -> str:
        return f"{date_format(self.published_on, 'SHORT_DATE_FORMAT')} {self.url}"


class ItemKind(models.TextChoices):
    REMARK = "remark", _("remark or proposal")
    COMMENT = "comment", _("comment without concrete remarks or proposals")


class ItemStatus(models.TextChoices):
    RECEIVED = "received", _("received")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")
    UNANSWERED = "unanswered", _("unanswered")
    ANSWERED = "answered", _("answered")


class ItemLanguage(models.TextChoices):
    """The language of an item's text, found by the analysis (issue 12; ``ashyq.analysis.language``)."""

    KAZAKH = "kk", _("Kazakh")
    RUSSIAN = "ru", _("Russian")
    MIXED = "mixed", _("Kazakh and Russian mixed")
    OTHER = "other", _("another language")


class FollowUp(models.TextChoices):
    """Where an accepted proposal was taken (000 §8, §13)."""

    RULE_MAKING_PLAN = "rule_making_plan", _("the body's plan of drafting normative legal acts")
    LAW_DRAFTING_PLAN = "law_drafting_plan", _("the Government's law-drafting plan")
    BUDGET_ADJUSTMENT = "budget_adjustment", _("adjustment or refinement of the approved budget programme")
    NEXT_BUDGET = "next_budget", _("the budget for the next three-year period")


class Item(TimeStampedModel):
    """One remark/proposal or comment and its outcome.

    Remarks/proposals: received → accepted (only with a reference, 000 §20 p.1) | rejected (with a reason).
    Comments (000 §2 p.8): unanswered → answered. A received remark may be reclassified as a comment.
    """

    ALLOWED: dict[str, set[str]] = {
        ItemStatus.RECEIVED: {ItemStatus.ACCEPTED, ItemStatus.REJECTED, ItemStatus.UNANSWERED},
        ItemStatus.UNANSWERED: {ItemStatus.ANSWERED},
        ItemStatus.ACCEPTED: set(),
        ItemStatus.REJECTED: set(),
        ItemStatus.ANSWERED: set(),
    }

    source = models.ForeignKey(
        Source, verbose_name=_("feedback source"), on_delete=models.PROTECT, related_name="items"
    )
    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("state body"), on_delete=models.PROTECT, related_name="feedback_items"
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices)
    status = models.CharField(_("status"), max_length=12, choices=ItemStatus.choices)
    external_id = models.CharField(_("id on the portal or in the file"), max_length=64, blank=True)
    author = models.CharField(_("author"), max_length=300, blank=True)
    text = models.TextField(_("text"))
    clause = models.CharField(_("article or clause of the draft it refers to"), max_length=300, blank=True)
    received_at = models.DateTimeField(_("received at"))
    outside_period = models.BooleanField(_("received outside the discussion period"), default=False)
    portal_status = models.CharField(_("status shown on the portal"), max_length=40, blank=True)
    reference = models.TextField(
        _("reference: the clause of the legal act in force, the approved budget programme or another document"),
        blank=True,
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    answer_text = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    follow_up = models.CharField(_("taken into"), max_length=20, choices=FollowUp.choices, blank=True)
    follow_up_note = models.TextField(_("follow-up note"), blank=True)
    language = models.CharField(
        _("language of the text"),
        max_length=5,
        choices=ItemLanguage.choices,
        blank=True,
        default="",
        db_default="",
        editable=False,
    )

    class Meta:
        verbose_name = _("feedback item")
        verbose_name_plural = _("feedback items")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["body", "received_at"], name="feedback_item_body_received"),
            models.Index(fields=["body", "status", "received_at"], name="feedback_item_body_status"),
            models.Index(fields=["received_at", "id"], name="feedback_item_received_id"),
            models.Index(fields=["source", "received_at"], name="feedback_item_source_rcv"),
            models.Index(fields=["body", "language", "received_at"], name="feedback_item_body_language"),
            # the open data's Last-Modified reads Max(updated_at) (portal.opendata; 003 §7 datasets)
            models.Index(fields=["updated_at"], name="feedback_item_updated"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], condition=~models.Q(external_id=""), name="item_unique_external_id"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="accepted") | ~models.Q(reference=""), name="item_accepted_has_reference"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(rejection_reason=""), name="item_rejected_has_reason"
            ),
        ]

    def __str__(self) -> str:
        label = self.external_id or str(self.pk)
        return f"{self.get_kind_display()} {label}"

    def _can(self, target: str) -> bool:
        return target in self.ALLOWED[self.status]

    def can_accept(self) -> bool:
        return self.kind == ItemKind.REMARK and self._can(ItemStatus.ACCEPTED)

    def can_reject(self) -> bool:
        return self.kind == ItemKind.REMARK and self._can(ItemStatus.REJECTED)

    def can_answer(self) -> bool:
        return self.kind == ItemKind.COMMENT and self._can(ItemStatus.ANSWERED)

    def can_reclassify(self) -> bool:
        return self.kind == ItemKind.REMARK and self._can(ItemStatus.UNANSWERED)

    def can_mark_follow_up(self) -> bool:
        return self.status == ItemStatus.ACCEPTED


class OutreachMaterial(TimeStampedModel):
    """A live broadcast, briefing or mass-media publication (000 §6, §20 p.4)."""

    class Kind(models.TextChoices):
        BROADCAST = "broadcast", _("live broadcast")
        BRIEFING = "briefing", _("briefing")
        PUBLICATION = "publication", _("mass-media publication")

    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("state body"), on_delete=models.PROTECT, related_name="feedback_materials"
    )
    source = models.ForeignKey(
        Source,
        verbose_name=_("feedback source"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="materials",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), max_length=500)
    held_on = models.DateField(_("held or published on"))

    class Meta:
        verbose_name = _("outreach material")
        verbose_name_plural = _("outreach materials")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class NotAccessibleFinding(TimeStampedModel):
    """The analyst's finding that the drafts, reports or results were not openly accessible (000 §23)."""

    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("state body"), on_delete=models.PROTECT, related_name="feedback_findings"
    )
    period_start = models.DateField(_("period: start"))
    period_end = models.DateField(_("period: end"))
    reason = models.TextField(_("reason"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("set by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("finding: not openly accessible")
        verbose_name_plural = _("findings: not openly accessible")
        constraints = [
            models.UniqueConstraint(fields=["body", "period_start", "period_end"], name="finding_unique_period")
        ]

    def __str__(self) -> str:
        return f"{self.body_id} {self.period_start.isoformat()}–{self.period_end.isoformat()}"


class ImportJob(TimeStampedModel):
    """One uploaded file on its way into a source's items: all rows or none (issue 5 item 3)."""

    class Format(models.TextChoices):
        TEMPLATE = "template", _("Ashyq template (CSV or XLSX)")
        NPA_PORTAL = "npa_portal", _("open NPA portal comments (CSV or XLSX)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("refused")
        STOPPED = "stopped", _("stopped")

    # RUNNING → QUEUED: its worker died and it runs again; → STOPPED: it died on the last attempt (ADR 0045).
    ALLOWED: dict[str, set[str]] = {
        Status.QUEUED: {Status.RUNNING, Status.FAILED, Status.STOPPED},
        Status.RUNNING: {Status.DONE, Status.FAILED, Status.QUEUED, Status.STOPPED},
        Status.DONE: set(),
        Status.FAILED: set(),
        Status.STOPPED: {Status.QUEUED},
    }

    source = models.ForeignKey(
        Source, verbose_name=_("feedback source"), on_delete=models.PROTECT, related_name="imports"
    )
    file = models.FileField(_("file"), upload_to="feedback/imports/%Y/%m/")
    file_name = models.CharField(_("file name"), max_length=255)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    encoding = models.CharField(_("encoding"), max_length=10, default="auto")
    language = models.CharField(_("language of the messages"), max_length=8, default="kk")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    created_count = models.PositiveIntegerField(_("items created"), default=0)
    unchanged_count = models.PositiveIntegerField(_("rows already imported"), default=0)
    outside_period_count = models.PositiveIntegerField(_("items outside the discussion period"), default=0)
    errors = models.JSONField(_("bad rows"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED, self.Status.STOPPED}

    def can_start(self) -> bool:
        return self.Status.RUNNING in self.ALLOWED[self.status]

    def can_start_again(self) -> bool:
        """Only an import whose worker died can be started again: a refused file would be refused again."""
        return self.status == self.Status.STOPPED and self.Status.QUEUED in self.ALLOWED[self.status]


class QuarterlyAnalysis(TimeStampedModel):
    """The quarter's analysis of appeals and social-media comments with recommendations (000 §14–15)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("being prepared")
        SUBMITTED = "submitted", _("submitted to the first head")
        DECIDED = "decided", _("considered by the first head")

    ALLOWED: dict[str, set[str]] = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.DECIDED},
        Status.DECIDED: set(),
    }

    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("state body"), on_delete=models.PROTECT, related_name="feedback_analyses"
    )
    year = models.PositiveIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), choices=[(q, str(q)) for q in range(1, 5)])
    appeals_count = models.PositiveIntegerField(_("appeals analysed"), default=0)
    social_comments_count = models.PositiveIntegerField(_("social-media comments analysed"), default=0)
    findings = models.TextField(_("analysis"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision = models.TextField(_("decision of the first head"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("first head"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("quarterly analysis of public reaction")
        verbose_name_plural = _("quarterly analyses of public reaction")
        ordering = ["-year", "-quarter"]
        constraints = [models.UniqueConstraint(fields=["body", "year", "quarter"], name="analysis_unique_quarter")]

    def __str__(self) -> str:
        return f"{self.year} Q{self.quarter}"

    def can_submit(self) -> bool:
        return self.Status.SUBMITTED in self.ALLOWED[self.status]

    def can_decide(self) -> bool:
        return self.Status.DECIDED in self.ALLOWED[self.status]


class Recommendation(TimeStampedModel):
    """A recommendation to start a new project or correct a running one, assigned to a unit (000 §14–15)."""

    class Kind(models.TextChoices):
        NEW_PROJECT = "new_project", _("implement a new project or initiative")
        CORRECTION = "correction", _("correct a running project or initiative")

    class Status(models.TextChoices):
        OPEN = "open", _("in progress")
        DONE = "done", _("done")

    ALLOWED: dict[str, set[str]] = {Status.OPEN: {Status.DONE}, Status.DONE: set()}

    analysis = models.ForeignKey(
        QuarterlyAnalysis,
        verbose_name=_("quarterly analysis"),
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("recommendation"))
    unit = models.CharField(_("structural unit"), max_length=300)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_note = models.TextField(_("what was done"), blank=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text[:80]

    def can_complete(self) -> bool:
        return self.Status.DONE in self.ALLOWED[self.status]


class Project(TimeStampedModel):
    """A state project or initiative whose interim and final results the body publishes (000 §16)."""

    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("state body"), on_delete=models.PROTECT, related_name="feedback_projects"
    )
    title_kk = models.CharField(_("title (Kazakh)"), max_length=500)
    title_ru = models.CharField(_("title (Russian)"), max_length=500)
    start_year = models.PositiveIntegerField(_("first year"))
    end_year = models.PositiveIntegerField(_("last year"))

    class Meta:
        verbose_name = _("project or initiative")
        verbose_name_plural = _("projects and initiatives")
        ordering = ["title_ru"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_year__gte=models.F("start_year")), name="project_years")
        ]

    def __str__(self) -> str:
        return in_language(self.title_kk, self.title_ru)


class ProjectPublication(TimeStampedModel):
    """Quarterly interim or annual final information published on the official internet resource (000 §16)."""

    project = models.ForeignKey(
        Project, verbose_name=_("project or initiative"), on_delete=models.CASCADE, related_name="publications"
    )
    year = models.PositiveIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter (empty: the annual final information)"),
        null=True,
        blank=True,
        choices=[(q, str(q)) for q in range(1, 5)],
    )
    url = models.URLField(_("link where it was published"), max_length=500)
    published_on = models.DateField(_("published on"))

    class Meta:
        verbose_name = _("published result")
        verbose_name_plural = _("published results")
        ordering = ["year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "quarter"],
                condition=models.Q(quarter__isnull=False),
                name="publication_unique_quarter",
            ),
            models.UniqueConstraint(
                fields=["project", "year"], condition=models.Q(quarter__isnull=True), name="publication_unique_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} Q{self.quarter}" if self.quarter else str(self.year)
