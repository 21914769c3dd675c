"""Openness assessment campaigns stored in Ashyq (seed 002; issue 14).

A :class:`Campaign` pins a methodology version and a reporting period; each enrolled body has an
:class:`Enrolment` carrying its Annex 9 report's state, its scores and its conclusion's state. The body's
report is stored per indicator and language as :class:`ReportFact` rows (the value in the engine's own input
shape, docs/methodology.md) with :class:`Evidence` rows; the analyst's :class:`Verification` replaces a claim
(§16); :class:`DocumentRequest` asks for confirming documents. Scoring stores :class:`IndicatorPoints` and
:class:`CriterionPoints` per body: the engine's result, never a second computation.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ashyq.core.models import TimeStampedModel
from ashyq.evaluation.job_models import ImportJobModel
from ashyq.methodology.models import MethodologyVersion
from ashyq.orgs.models import Body

LANGUAGE_CHOICES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("", _("both languages"))]


class Campaign(TimeStampedModel):
    """One openness assessment for a reporting period with a pinned methodology version (002 §10–16)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        COLLECTING = "collecting", _("collecting reports")
        VERIFYING = "verifying", _("verifying")
        SCORED = "scored", _("scored")
        DELIVERED = "delivered", _("conclusions delivered")
        SENT = "sent", _("final conclusion sent to the Agency")

    ALLOWED: dict[str, set[str]] = {
        Status.DRAFT: {Status.COLLECTING},
        Status.COLLECTING: {Status.VERIFYING},
        Status.VERIFYING: {Status.SCORED},
        Status.SCORED: {Status.VERIFYING, Status.DELIVERED},
        Status.DELIVERED: {Status.SENT},
        Status.SENT: set(),
    }

    name = models.CharField(_("name"), max_length=200)
    period_start = models.DateField(_("reporting period from"))
    period_end = models.DateField(_("reporting period to"))
    methodology = models.ForeignKey(
        MethodologyVersion, verbose_name=_("methodology version"), on_delete=models.PROTECT, related_name="+"
    )
    report_due = models.DateField(_("reports due on"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    scored_at = models.DateTimeField(_("scored at"), null=True, blank=True)
    current_run = models.ForeignKey(
        "ScoringRun", verbose_name=_("scores of"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("assessment campaign")
        verbose_name_plural = _("assessment campaigns")
        ordering = ["-period_end", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")), name="campaign_period_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def _allows(self, status: str) -> bool:
        return status in self.ALLOWED[self.status]

    def can_open(self) -> bool:
        return self._allows(self.Status.COLLECTING)

    def can_close_collection(self) -> bool:
        return self._allows(self.Status.VERIFYING) and self.status == self.Status.COLLECTING

    def can_record_scores(self) -> bool:
        return self._allows(self.Status.SCORED)

    def can_reopen_verification(self) -> bool:
        return self._allows(self.Status.VERIFYING) and self.status == self.Status.SCORED

    def can_deliver(self) -> bool:
        return self._allows(self.Status.DELIVERED)

    def can_enrol(self) -> bool:
        return self.status in {self.Status.DRAFT, self.Status.COLLECTING}

    def can_score(self) -> bool:
        """Scores are (re)computed while verifying or once scored; never after delivery (issue 14 item 1)."""
        return self.status in {self.Status.VERIFYING, self.Status.SCORED}

    def can_verify(self) -> bool:
        return self.status in {self.Status.COLLECTING, self.Status.VERIFYING, self.Status.SCORED}

    def can_edit_reports(self) -> bool:
        return self.status == self.Status.COLLECTING

    def can_rescore(self) -> bool:
        """After delivery scores change only through the objection procedure (002 §113; issue 10 item 4)."""
        return self.status == self.Status.DELIVERED

    def can_send_to_agency(self) -> bool:
        return self._allows(self.Status.SENT)

    @property
    def frozen(self) -> bool:
        return self.status in {self.Status.DELIVERED, self.Status.SENT}


class Enrolment(TimeStampedModel):
    """A body assessed in a campaign: its group, exemptions, report, scores and conclusion."""

    class Kind(models.TextChoices):
        CENTRAL = "central", _("central state body")
        LOCAL = "local", _("local executive body")

    class ReportStatus(models.TextChoices):
        DRAFT = "draft", _("being filled in")
        SUBMITTED = "submitted", _("submitted")
        SIGNED_OFF = "signed_off", _("signed off by the first head")

    REPORT_ALLOWED: dict[str, set[str]] = {
        ReportStatus.DRAFT: {ReportStatus.SUBMITTED},
        ReportStatus.SUBMITTED: {ReportStatus.SIGNED_OFF, ReportStatus.DRAFT},
        ReportStatus.SIGNED_OFF: set(),
    }

    class ConclusionStatus(models.TextChoices):
        NONE = "none", _("not approved")
        APPROVED = "approved", _("approved by the head of the authorized body")
        DELIVERED = "delivered", _("delivered")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="enrolments"
    )
    body = models.ForeignKey(Body, verbose_name=_("state body"), on_delete=models.PROTECT, related_name="enrolments")
    kind = models.CharField(_("group"), max_length=10, choices=Kind.choices)
    exemptions = models.JSONField(_("exemptions"), default=list, blank=True)
    subordinate_organisations = models.PositiveIntegerField(_("subordinate organisations"), default=0)
    report_status = models.CharField(
        _("report"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    total = models.DecimalField(_("total by criteria"), max_digits=20, decimal_places=10, null=True, blank=True)
    penalty = models.DecimalField(_("penalty deduction"), max_digits=20, decimal_places=10, null=True, blank=True)
    final = models.DecimalField(_("final score with penalty"), max_digits=20, decimal_places=10, null=True, blank=True)
    explanation = models.JSONField(_("explanation"), default=dict, blank=True)
    scored_at = models.DateTimeField(_("scored at"), null=True, blank=True)
    conclusion_status = models.CharField(
        _("conclusion"), max_length=10, choices=ConclusionStatus.choices, default=ConclusionStatus.NONE
    )
    conclusion_approved_at = models.DateTimeField(_("conclusion approved at"), null=True, blank=True)
    conclusion_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recommendations_kk = models.TextField(_("conclusions and recommendations (Kazakh)"), blank=True, max_length=20000)
    recommendations_ru = models.TextField(_("conclusions and recommendations (Russian)"), blank=True, max_length=20000)
    conclusion_received_on = models.DateField(_("conclusion received on"), null=True, blank=True)
    objection_due = models.DateField(_("objections due on (§109)"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolled body")
        verbose_name_plural = _("enrolled bodies")
        ordering = ["campaign", "kind", "body__name_ru"]
        constraints = [models.UniqueConstraint(fields=["campaign", "body"], name="enrolment_unique_body")]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.body}"

    def can_submit(self) -> bool:
        return self.ReportStatus.SUBMITTED in self.REPORT_ALLOWED[self.report_status]

    def can_sign_off(self) -> bool:
        return self.ReportStatus.SIGNED_OFF in self.REPORT_ALLOWED[self.report_status]

    def can_return(self) -> bool:
        return self.report_status == self.ReportStatus.SUBMITTED

    def can_edit_report(self) -> bool:
        return self.report_status == self.ReportStatus.DRAFT

    def can_approve_conclusion(self) -> bool:
        return self.conclusion_status == self.ConclusionStatus.NONE and self.final is not None

    def can_deliver_conclusion(self) -> bool:
        return self.conclusion_status == self.ConclusionStatus.APPROVED

    def late(self, today: datetime.date) -> bool:
        """A report submitted after the due date, or still not submitted after it (issue 14 item 2)."""
        if self.submitted_at is not None:
            return self.submitted_at.date() > self.campaign.report_due
        return today > self.campaign.report_due


class Source(models.TextChoices):
    """Where a value came from (issue 14 item 3)."""

    REPORT = "report", _("the body's report")
    PREFILL = "prefill", _("prefilled from Ashyq")
    IMPORT = "import", _("imported")
    ANALYST = "analyst", _("analyst's entry")


class ReportFact(TimeStampedModel):
    """The facts claimed for one indicator in one language ("" for a value common to both languages).

    ``value`` is the indicator's part of the engine's input (docs/methodology.md), e.g. ``{"met": true}``,
    ``{"attainment": "0.9"}``, ``{"received": 8, "answered": 8, "late": 1}``, ``{"satisfied_percent": "62.5"}``.
    """

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolled body"), on_delete=models.CASCADE, related_name="facts"
    )
    indicator = models.CharField(_("indicator"), max_length=20)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES, blank=True)
    value = models.JSONField(_("value"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.REPORT)
    source_file = models.CharField(_("import file"), max_length=255, blank=True)
    source_row = models.PositiveIntegerField(_("row"), null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("reported fact")
        verbose_name_plural = _("reported facts")
        ordering = ["enrolment", "indicator", "language"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "indicator", "language"], name="report_fact_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.language}".strip()


class Evidence(TimeStampedModel):
    """One line of Annex 9's "reporting data" column: a link, document, event, request, post, meeting…"""

    class Kind(models.TextChoices):
        LINK = "link", _("link")
        DOCUMENT = "document", _("document")
        EVENT = "event", _("event")
        MEDIA_REQUEST = "media_request", _("media request")
        BLOG_POST = "blog_post", _("blog post")
        OPEN_SESSION = "open_session", _("open session")
        MEETING = "meeting", _("meeting")
        SURVEY = "survey", _("internet conference or survey")
        SUBORDINATE = "subordinate", _("subordinate organisation")

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolled body"), on_delete=models.CASCADE, related_name="evidence"
    )
    indicator = models.CharField(_("indicator"), max_length=20)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=500, blank=True)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    reference_date = models.DateField(
        _("date the term runs from"),
        null=True,
        blank=True,
        help_text=_("The report formed, the audit results received, or the public council's meeting."),
    )
    count = models.PositiveIntegerField(_("number"), null=True, blank=True)
    category = models.CharField(_("publicity category"), max_length=40, blank=True)
    incoming_number = models.CharField(_("incoming number"), max_length=100, blank=True)
    incoming_date = models.DateField(_("incoming date"), null=True, blank=True)
    outgoing_number = models.CharField(_("outgoing number"), max_length=100, blank=True)
    outgoing_date = models.DateField(_("outgoing date"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.REPORT)
    source_file = models.CharField(_("import file"), max_length=255, blank=True)
    source_row = models.PositiveIntegerField(_("row"), null=True, blank=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["enrolment", "indicator", "language", "id"]
        indexes = [models.Index(fields=["enrolment", "indicator"], name="evidence_enrolment_indicator")]

    def __str__(self) -> str:
        return self.title or self.url or self.get_kind_display()


class Verification(TimeStampedModel):
    """The analyst's finding on one indicator and language (002 §16): it replaces the body's claim."""

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolled body"), on_delete=models.CASCADE, related_name="verifications"
    )
    indicator = models.CharField(_("indicator"), max_length=20)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES, blank=True)
    value = models.JSONField(_("value"))
    reason = models.TextField(_("reason"), blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("verified by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("verification")
        verbose_name_plural = _("verifications")
        ordering = ["enrolment", "indicator", "language"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "indicator", "language"], name="verification_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.language}".strip()


class DocumentRequest(TimeStampedModel):
    """The assessing body's request for electronic copies of confirming documents (002 §16)."""

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolled body"), on_delete=models.CASCADE, related_name="requests"
    )
    indicator = models.CharField(_("indicator"), max_length=20)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES, blank=True)
    text = models.TextField(_("what is requested"))
    due_on = models.DateField(_("due on"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("document request")
        verbose_name_plural = _("document requests")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.text[:80]

    def can_answer(self) -> bool:
        return self.answered_at is None

    def overdue(self, today: datetime.date) -> bool:
        return self.answered_at is None and today > self.due_on


class RequestedDocument(TimeStampedModel):
    """A file the body uploaded in answer to a request; never one marked secret or restricted (002 §16)."""

    request = models.ForeignKey(
        DocumentRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="documents"
    )
    file = models.FileField(_("file"), upload_to="evaluation/documents/%Y/%m/")
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


class CriterionPoints(models.Model):
    """A stored criterion result of one body (002 Annex 8's rows)."""

    run = models.ForeignKey("ScoringRun", on_delete=models.CASCADE, related_name="+")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="criteria")
    number = models.PositiveSmallIntegerField(_("criterion"))
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2)
    penalty = models.BooleanField(_("penalty criterion"), default=False)
    points_kk = models.DecimalField(_("points in Kazakh"), max_digits=20, decimal_places=10)
    points_ru = models.DecimalField(_("points in Russian"), max_digits=20, decimal_places=10)
    total = models.DecimalField(_("total"), max_digits=20, decimal_places=10)
    explanation = models.JSONField(_("explanation"), default=dict)

    class Meta:
        ordering = ["enrolment", "number"]
        constraints = [models.UniqueConstraint(fields=["run", "enrolment", "number"], name="criterion_points_unique")]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.number}"


class IndicatorPoints(models.Model):
    """A stored indicator result of one body: points per language (none for criterion 6's multiplier C), the
    engine's inputs and explanation."""

    run = models.ForeignKey("ScoringRun", on_delete=models.CASCADE, related_name="+")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="indicator_points")
    criterion = models.PositiveSmallIntegerField(_("criterion"))
    indicator = models.CharField(_("indicator"), max_length=20)
    treatment = models.CharField(_("treatment"), max_length=20)
    points_kk = models.DecimalField(_("points in Kazakh"), max_digits=20, decimal_places=10, null=True, blank=True)
    points_ru = models.DecimalField(_("points in Russian"), max_digits=20, decimal_places=10, null=True, blank=True)
    inputs = models.JSONField(_("inputs"), default=dict)
    explanation = models.JSONField(_("explanation"), default=dict)

    class Meta:
        ordering = ["enrolment", "criterion", "id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "enrolment", "indicator"], name="indicator_points_unique")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.indicator}"

    def points(self, language: str) -> Decimal | None:
        return self.points_kk if language == "kk" else self.points_ru


class ScoringRun(TimeStampedModel):
    """One background scoring of a whole campaign as one group; the page polls its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("refused")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="scoring_runs")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    total_bodies = models.PositiveIntegerField(_("bodies"), default=0)
    stored_bodies = models.PositiveIntegerField(_("bodies stored"), default=0)
    error = models.TextField(_("why it was refused"), blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.stored_bodies / self.total_bodies) if self.total_bodies else 0

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}


class SourceImport(ImportJobModel):
    """A §10 data-source file imported into a campaign: all rows or none, each value keeping its file and row."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="imports")
    file = models.FileField(_("file"), upload_to="evaluation/imports/%Y/%m/")


class ConclusionDocument(TimeStampedModel):
    """One body's Annex 8 conclusion in one language and format, made by the task worker (issue 14 item 7).

    The file is kept while its ``fingerprint`` (what the document is made from: the scores, the facts'
    latest change, the recommendations, the approval) is the conclusion's current one; a request after the
    conclusion has changed makes it again."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting for the worker")
        RUNNING = "running", _("being made")
        DONE = "done", _("ready")
        FAILED = "failed", _("stopped")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="conclusion_documents")
    language = models.CharField(_("language"), max_length=2, choices=[("kk", _("Kazakh")), ("ru", _("Russian"))])
    file_format = models.CharField(_("format"), max_length=4, choices=[("pdf", "PDF"), ("docx", "DOCX")])
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    fingerprint = models.CharField(_("made from"), max_length=64)
    file = models.FileField(_("file"), upload_to="evaluation/conclusions/%Y/%m/", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["enrolment", "language", "file_format"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "language", "file_format"], name="conclusion_document_unique_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.language}.{self.file_format}"

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}


class ReportImport(ImportJobModel):
    """One table of a body's Annex 9 report uploaded as its XLSX template (issue 14 item 2): checked whole,
    stored all or nothing through the report's services, every value and line of evidence keeping its row."""

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolled body"), on_delete=models.CASCADE, related_name="report_imports"
    )
    table = models.CharField(_("table"), max_length=10)
    file = models.FileField(_("file"), upload_to="evaluation/report-imports/%Y/%m/")
    language = models.CharField(_("language"), max_length=8)
    stored_evidence = models.PositiveIntegerField(_("lines of evidence stored"), default=0)
    removed_evidence = models.PositiveIntegerField(_("lines of evidence removed"), default=0)


# The evaluation of feedback (000 chapter 3), objections, the commission and the Agency (002 §109–119) live in
# their own modules of this app.
from ashyq.evaluation.feedback_models import FeedbackEvaluation, FeedbackSubmission, SatisfactionImport  # noqa: E402
from ashyq.evaluation.objection_models import (  # noqa: E402
    AgencySubmission,
    Commission,
    CommissionMember,
    ConclusionResponse,
    DisagreementRow,
    ObjectionDocument,
    Rescoring,
    TermReminder,
)

__all__ = [
    "AgencySubmission",
    "Campaign",
    "Commission",
    "CommissionMember",
    "ConclusionDocument",
    "ConclusionResponse",
    "CriterionPoints",
    "DisagreementRow",
    "DocumentRequest",
    "Enrolment",
    "Evidence",
    "FeedbackEvaluation",
    "FeedbackSubmission",
    "IndicatorPoints",
    "ObjectionDocument",
    "ReportFact",
    "ReportImport",
    "RequestedDocument",
    "Rescoring",
    "SatisfactionImport",
    "ScoringRun",
    "Source",
    "SourceImport",
    "TermReminder",
    "Verification",
]
