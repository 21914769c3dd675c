"""Meetings of heads of central executive bodies with the population (seed 001; Government resolution No. 12).

The annual schedule (001 p.2), each meeting from proposal to the closed action plan (001 p.3), the problem
issues with their action-plan entries and quarterly progress (001 p.3.7), and the akimats' half-yearly
systemic problems (001 p.4.3). The evidence for 002 Annex 10 table 6 item 4 is read from these rows.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ashyq.core.i18n import in_language
from ashyq.core.models import TimeStampedModel
from ashyq.meetings import deadlines


class Schedule(TimeStampedModel):
    """The schedule of meetings for one calendar year (001 p.2: «кесте» / «график»)."""

    class Status(models.TextChoices):
        COLLECTING = "collecting", _("collecting proposals")
        SUBMITTED = "submitted", _("draft submitted to the Government office")
        APPROVED = "approved", _("approved by the Government")

    ALLOWED = {Status.COLLECTING: {Status.SUBMITTED}, Status.SUBMITTED: {Status.APPROVED}, Status.APPROVED: set()}

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.COLLECTING)
    submitted_on = models.DateField(_("draft submitted to the Government office on"), null=True, blank=True)
    submission_reference = models.CharField(_("outgoing number of the submission"), max_length=100, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approval_reference = models.CharField(_("approval reference"), max_length=300, blank=True)
    approval_url = models.URLField(_("link to the approved schedule"), blank=True)

    class Meta:
        verbose_name = _("schedule of meetings")
        verbose_name_plural = _("schedules of meetings")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(_("Schedule of meetings for %(year)s") % {"year": self.year})

    def can_submit(self) -> bool:
        return self.Status.SUBMITTED in self.ALLOWED[self.Status(self.status)]

    def can_approve(self) -> bool:
        return self.Status.APPROVED in self.ALLOWED[self.Status(self.status)]

    @property
    def proposals_due(self) -> datetime.date:
        return deadlines.proposals_due(self.year)

    @property
    def submission_due(self) -> datetime.date:
        return deadlines.submission_due(self.year)

    @property
    def approval_due(self) -> datetime.date:
        return deadlines.approval_due(self.year)

    @property
    def submission_late(self) -> bool:
        return deadlines.is_late(done_on=self.submitted_on, due=self.submission_due)

    @property
    def approval_late(self) -> bool:
        return deadlines.is_late(done_on=self.approved_on, due=self.approval_due)


class Meeting(TimeStampedModel):
    """One meeting of a head of a central executive body with the population (001 p.3)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        IN_DRAFT = "in_draft", _("in the draft schedule")
        APPROVED = "approved", _("approved (planned)")
        HELD = "held", pgettext_lazy("meeting", "held")
        RESULTS_PUBLISHED = "results_published", _("results and action plan published")
        CLOSED = "closed", _("closed")

    ALLOWED = {
        Status.PROPOSED: {Status.IN_DRAFT},
        Status.IN_DRAFT: {Status.APPROVED, Status.PROPOSED},
        Status.APPROVED: {Status.HELD},
        Status.HELD: {Status.RESULTS_PUBLISHED},
        Status.RESULTS_PUBLISHED: {Status.CLOSED},
        Status.CLOSED: set(),
    }
    PUBLIC_STATUSES = (Status.APPROVED, Status.HELD, Status.RESULTS_PUBLISHED, Status.CLOSED)

    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("central executive body"), on_delete=models.PROTECT, related_name="meetings"
    )
    schedule = models.ForeignKey(
        Schedule, verbose_name=_("schedule of meetings"), on_delete=models.PROTECT, related_name="meetings"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    is_unscheduled = models.BooleanField(_("outside the schedule (001 p.3.1)"), default=False)
    unscheduled_reason = models.TextField(
        _("forecast or arisen risk (reason for a meeting outside the schedule)"), blank=True
    )
    region = models.ForeignKey(
        "orgs.Body",
        verbose_name=_("region (its akimat)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_meetings",
    )
    head_name = models.CharField(_("head holding the meeting"), max_length=200)
    topic_kk = models.CharField(_("topic (Kazakh)"), max_length=300)
    topic_ru = models.CharField(_("topic (Russian)"), max_length=300)
    place = models.CharField(_("place"), max_length=300, blank=True)
    planned_start = models.DateTimeField(_("planned date and time"))
    planned_duration_minutes = models.PositiveIntegerField(_("planned duration of the meeting, minutes"))
    planned_report_minutes = models.PositiveIntegerField(
        _("planned time of the report, minutes"), null=True, blank=True
    )
    approved_start = models.DateTimeField(_("date and time in the approved schedule"), null=True, blank=True)
    proposed_on = models.DateField(_("proposal sent on"))
    # Before the meeting (001 p.3.5)
    timing_opinion = models.TextField(
        _("how the population's opinion on the date and time was taken into account"), blank=True
    )
    expected_topics = models.TextField(_("expected topics from the analysis of requests (one a line)"), blank=True)
    announcement_url = models.URLField(_("link to the announcement"), blank=True)
    # The meeting (001 p.3.2–3.6)
    actual_start = models.DateTimeField(_("actual date and time"), null=True, blank=True)
    actual_report_minutes = models.PositiveIntegerField(_("actual time of the report, minutes"), null=True, blank=True)
    broadcast_url = models.URLField(_("link to the online broadcast"), blank=True)
    commenting_accounts = models.TextField(_("official accounts where the population could comment"), blank=True)
    videoconference = models.BooleanField(_("videoconference used"), default=False)
    citizens_received = models.PositiveIntegerField(_("citizens received in person"), default=0)
    ngo_participants = models.PositiveIntegerField(_("participants of the meeting with NGOs"), default=0)
    briefing_url = models.URLField(_("link to the media briefing"), blank=True)
    akimats = models.ManyToManyField(
        "orgs.Body", verbose_name=_("participating akims (akimats)"), blank=True, related_name="attended_meetings"
    )
    events_ended_on = models.DateField(_("meetings and receptions ended on"), null=True, blank=True)
    # After the meeting (001 p.3.7)
    results_published_on = models.DateField(_("results published on"), null=True, blank=True)
    results_url_kk = models.URLField(_("link to the results and the action plan (Kazakh)"), blank=True)
    results_url_ru = models.URLField(_("link to the results and the action plan (Russian)"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting with the population")
        verbose_name_plural = _("meetings with the population")
        ordering = ["planned_start", "id"]
        indexes = [models.Index(fields=["body", "schedule", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_unscheduled=False) | ~models.Q(unscheduled_reason=""),
                name="meeting_unscheduled_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{date_format(timezone.localtime(self.planned_start), 'SHORT_DATE_FORMAT')} {self.topic}"

    @property
    def topic(self) -> str:
        return in_language(self.topic_kk, self.topic_ru)

    def _allows(self, target: Meeting.Status) -> bool:
        return target in self.ALLOWED[self.Status(self.status)]

    def can_include_in_draft(self) -> bool:
        return self._allows(self.Status.IN_DRAFT)

    def can_exclude_from_draft(self) -> bool:
        return self.status == self.Status.IN_DRAFT

    def can_prepare(self) -> bool:
        return self.status in (self.Status.PROPOSED, self.Status.IN_DRAFT, self.Status.APPROVED)

    def can_hold(self) -> bool:
        return self._allows(self.Status.HELD)

    def can_record_issues(self) -> bool:
        return self.status == self.Status.HELD

    def can_publish_results(self) -> bool:
        return self._allows(self.Status.RESULTS_PUBLISHED)

    def can_report_progress(self) -> bool:
        return self.status == self.Status.RESULTS_PUBLISHED

    def can_close(self) -> bool:
        return self._allows(self.Status.CLOSED)

    @property
    def report_limit_minutes(self) -> int:
        """001 p.3.3: the report takes no more than a quarter of the planned time."""
        return self.planned_duration_minutes // 4

    @property
    def report_too_long(self) -> bool:
        return self.actual_report_minutes is not None and self.actual_report_minutes * 4 > self.planned_duration_minutes

    @property
    def results_due(self) -> datetime.date | None:
        return deadlines.results_due(self.events_ended_on) if self.events_ended_on else None

    @property
    def results_overdue(self) -> bool:
        due = self.results_due
        return due is not None and deadlines.is_late(done_on=self.results_published_on, due=due)


class CollectedRequest(TimeStampedModel):
    """Requests and proposals collected before a meeting, by channel (001 p.3.5)."""

    class Channel(models.TextChoices):
        OFFICIAL_SITE = "official_site", _("official internet resources")
        BLOG_PLATFORM = "blog_platform", _("blog platform of heads of central executive bodies")
        OTHER = "other", _("other forms of communication")
        AKIM_MEETINGS = "akim_meetings", _("results of akims' meetings with the population")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="requests")
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    received = models.PositiveIntegerField(_("requests and proposals received"))
    summary = models.TextField(_("summary of the analysis"))

    class Meta:
        verbose_name = _("collected requests")
        verbose_name_plural = _("collected requests")
        ordering = ["meeting", "channel", "id"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()}: {self.received}"


class Ngo(TimeStampedModel):
    """A non-commercial organisation at the meeting with NGOs (001 p.3.6; 002 Annex 9 table 5 item 4.4)."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="ngos")
    name = models.CharField(_("name of the NGO"), max_length=300)

    class Meta:
        verbose_name = _("non-governmental organisation")
        verbose_name_plural = _("non-governmental organisations")
        ordering = ["meeting", "name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "name"], name="meetings_ngo_unique_per_meeting")]

    def __str__(self) -> str:
        return self.name


class ProblemIssue(TimeStampedModel):
    """A problem issue raised at a meeting, with its action-plan entry (001 p.3.7)."""

    class Source(models.TextChoices):
        MEETING = "meeting", _("the meeting (questions and answers)")
        RECEPTION = "reception", _("personal reception of citizens")
        NGO = "ngo", _("the meeting with NGOs")
        COMMENTS = "comments", _("comments on the broadcast")

    class Rating(models.TextChoices):
        PERSONAL = "personal", _("personal")
        SYSTEMIC = "systemic", _("systemic")

    class Status(models.TextChoices):
        OPEN = "open", _("being resolved")
        RESOLVED = "resolved", _("resolved")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="issues")
    source = models.CharField(_("where it was raised"), max_length=12, choices=Source.choices)
    ngo = models.ForeignKey(
        Ngo,
        verbose_name=_("NGO that raised it"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issues",
    )
    rating = models.CharField(_("rating"), max_length=10, choices=Rating.choices)
    text_kk = models.TextField(_("problem issue (Kazakh)"))
    text_ru = models.TextField(_("problem issue (Russian)"))
    action_kk = models.TextField(_("action to resolve it (Kazakh)"), blank=True)
    action_ru = models.TextField(_("action to resolve it (Russian)"), blank=True)
    deadline = models.DateField(_("deadline for resolving it"), null=True, blank=True)
    executor_kk = models.CharField(_("responsible executor (Kazakh)"), max_length=300, blank=True)
    executor_ru = models.CharField(_("responsible executor (Russian)"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)

    class Meta:
        verbose_name = _("problem issue")
        verbose_name_plural = _("problem issues")
        ordering = ["meeting", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(source="ngo", ngo__isnull=False)
                | (~models.Q(source="ngo") & models.Q(ngo__isnull=True)),
                name="meetings_issue_ngo_iff_ngo_source",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def text(self) -> str:
        return in_language(self.text_kk, self.text_ru)

    @property
    def action(self) -> str:
        return in_language(self.action_kk, self.action_ru)

    @property
    def has_plan(self) -> bool:
        """An action-plan entry needs an action, a concrete deadline and a responsible executor (001 p.3.7)."""
        return bool(self.action_kk and self.action_ru and self.deadline and self.executor_kk and self.executor_ru)

    @property
    def executor(self) -> str:
        return in_language(self.executor_kk, self.executor_ru)

    def is_overdue(self, today: datetime.date) -> bool:
        return self.status == self.Status.OPEN and self.deadline is not None and self.deadline < today


class ProgressReport(TimeStampedModel):
    """A quarter's published information on the progress of resolving the issues (001 p.3.7)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="progress_reports"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), choices=[(q, str(q)) for q in range(1, 5)])
    published_on = models.DateField(_("published on"))
    url_kk = models.URLField(_("link to the publication (Kazakh)"))
    url_ru = models.URLField(_("link to the publication (Russian)"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["meeting", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "year", "quarter"], name="meetings_one_progress_per_quarter")
        ]

    def __str__(self) -> str:
        return f"{self.year} Q{self.quarter}"


class IssueProgress(TimeStampedModel):
    """One issue's state as a quarterly report published it."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("progress report"), on_delete=models.CASCADE, related_name="entries"
    )
    issue = models.ForeignKey(
        ProblemIssue, verbose_name=_("problem issue"), on_delete=models.CASCADE, related_name="progress"
    )
    note_kk = models.TextField(_("progress (Kazakh)"))
    note_ru = models.TextField(_("progress (Russian)"))
    resolved = models.BooleanField(_("resolved"), default=False)

    class Meta:
        verbose_name = _("progress on an issue")
        verbose_name_plural = _("progress on issues")
        ordering = ["report", "issue"]
        constraints = [models.UniqueConstraint(fields=["report", "issue"], name="meetings_one_entry_per_issue")]

    def __str__(self) -> str:
        return self.note

    @property
    def note(self) -> str:
        return in_language(self.note_kk, self.note_ru)


class RegionalProblem(TimeStampedModel):
    """A region's systemic problem an akimat sends to a central executive body once a half-year (001 p.4.3)."""

    akimat = models.ForeignKey(
        "orgs.Body", verbose_name=_("akimat"), on_delete=models.PROTECT, related_name="sent_regional_problems"
    )
    recipient = models.ForeignKey(
        "orgs.Body",
        verbose_name=_("competent central executive body"),
        on_delete=models.PROTECT,
        related_name="received_regional_problems",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    half = models.PositiveSmallIntegerField(_("half-year"), choices=[(1, "I"), (2, "II")])
    text = models.TextField(_("systemic problem requiring a decision at the central level"))
    sent_on = models.DateField(_("sent on"))

    class Meta:
        verbose_name = _("systemic problem of a region")
        verbose_name_plural = _("systemic problems of regions")
        ordering = ["-year", "-half", "akimat", "id"]
        indexes = [models.Index(fields=["recipient", "year", "half"])]

    def __str__(self) -> str:
        return self.text[:80]
