"""The registry of state bodies' communication channels with the population and its applications (seed 004).

Two lifecycles, each a table of allowed transitions (STYLE "In Ashyq"):

- ``ChannelApplication`` (Annex 1): draft → submitted → under review → accredited | refused (004 §3–6);
- ``Channel``, the registry entry (Annex 2): active → changed … → removed (004 §9–13), changed and
  removed through an ``EntryRequest`` (an Annex 3 application or a free-form termination notice).

Every entry keeps its readable history in ``ChannelEvent``; every write also leaves a core audit event.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ashyq.core.i18n import active_language
from ashyq.core.models import TimeStampedModel
from ashyq.registry.deadlines import Term, term


class Coverage(models.TextChoices):
    """004 Annex 1 item 4: «коммуникациялар арнасын пайдаланушыларды қамту (республикалық, өңірлік)»."""

    REPUBLICAN = "republican", _("republican")
    REGIONAL = "regional", _("regional")


class InteractionFormat(models.TextChoices):
    """004 Annex 1 item 5: «халықпен өзара іс-қимылдың форматы (онлайн, офлайн, гибрид)»."""

    ONLINE = "online", _("online")
    OFFLINE = "offline", _("offline")
    HYBRID = "hybrid", _("hybrid")


class Criterion(models.TextChoices):
    """004 §4: the criteria the authorized body weighs together."""

    NO_DUPLICATION = "no_duplication", _("absence of duplication with the functionality of existing channels")
    REGULATED = "regulated", _("regulation of the channel's working procedure")
    EFFICIENCY = "efficiency", _("expected results and efficiency of the channel's work")


class ChannelApplication(TimeStampedModel):
    """An application for the accreditation of a communication channel (004 §3, Annex 1)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        UNDER_REVIEW = "under_review", _("under review")
        ACCREDITED = "accredited", _("accredited")
        REFUSED = "refused", pgettext_lazy("registry", "refused")

    ALLOWED: dict[str, set[str]] = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.UNDER_REVIEW},
        Status.UNDER_REVIEW: {Status.ACCREDITED, Status.REFUSED},
    }
    PENDING_DECISION = (Status.SUBMITTED, Status.UNDER_REVIEW)

    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("applicant"), on_delete=models.PROTECT, related_name="channel_applications"
    )
    addressee = models.ForeignKey(
        "orgs.Body",
        verbose_name=_("addressee (the authorized body)"),
        on_delete=models.PROTECT,
        related_name="received_channel_applications",
    )
    name_kk = models.CharField(_("channel name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("channel name (Russian)"), max_length=300)
    instruction = models.TextField(
        _("1) instruction of the President, the Presidential Administration, the Prime Minister or the Government"),
        blank=True,
    )
    regulating_act = models.TextField(_("2) normative legal act or document regulating the channel"), blank=True)
    purpose_kk = models.TextField(_("3) functional purpose of the channel (Kazakh)"))
    purpose_ru = models.TextField(_("3) functional purpose of the channel (Russian)"))
    coverage = models.CharField(_("4) coverage of the channel's users"), max_length=12, choices=Coverage.choices)
    interaction_format = models.CharField(
        _("5) format of interaction with the population"), max_length=8, choices=InteractionFormat.choices
    )
    resources = models.TextField(_("6) infrastructure, staff and financial resources"))
    justification = models.TextField(_("7) justification of the channel's necessity"))
    other_information = models.TextField(_("other information"), blank=True)
    signer_name = models.CharField(_("signer (deputy first head)"), max_length=200)
    signer_position = models.CharField(_("signer's position"), max_length=300)

    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("filed by"), on_delete=models.PROTECT, related_name="+"
    )
    received_on = models.DateField(_("received on"), null=True, blank=True)
    decision_due = models.DateField(_("decision due"), null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    refusal_reasons = models.TextField(_("reasons for the refusal"), blank=True)
    notification_due = models.DateField(_("notification due"), null=True, blank=True)
    notified_on = models.DateField(_("applicant notified on"), null=True, blank=True)

    class Meta:
        verbose_name = _("application for accreditation")
        verbose_name_plural = _("applications for accreditation")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "decision_due"])]

    def __str__(self) -> str:
        return f"№ {self.pk} {self.name}"

    @property
    def name(self) -> str:
        return self.name_kk if active_language() == "kk" else self.name_ru

    @property
    def purpose(self) -> str:
        return self.purpose_kk if active_language() == "kk" else self.purpose_ru

    def can_move_to(self, status: str) -> bool:
        return status in self.ALLOWED.get(self.status, set())

    def can_edit(self) -> bool:
        """Only a draft changes; a submitted application is frozen (004 §3)."""
        return self.status == self.Status.DRAFT

    def can_submit(self) -> bool:
        return self.can_move_to(self.Status.SUBMITTED)

    def can_start_review(self) -> bool:
        return self.can_move_to(self.Status.UNDER_REVIEW)

    def can_decide(self) -> bool:
        return self.can_move_to(self.Status.ACCREDITED)

    @property
    def is_decided(self) -> bool:
        return self.status in (self.Status.ACCREDITED, self.Status.REFUSED)

    def findings_in_order(self) -> list[CriterionFinding]:
        """The findings in the order of 004 §4 (1 no duplication, 2 regulated, 3 efficiency)."""
        order = list(Criterion.values)
        return sorted(self.findings.all(), key=lambda finding: order.index(finding.criterion))

    @property
    def decision_term(self) -> Term | None:
        """004 §5: 8 working days from receipt."""
        return term(self.decision_due, self.decided_on)

    @property
    def notification_term(self) -> Term | None:
        """004 §6: 2 working days from the decision."""
        return term(self.notification_due, self.notified_on)


class CriterionFinding(TimeStampedModel):
    """The analyst's finding and reasoning on one 004 §4 criterion of one application."""

    application = models.ForeignKey(
        ChannelApplication, verbose_name=_("application"), on_delete=models.CASCADE, related_name="findings"
    )
    criterion = models.CharField(pgettext_lazy("registry", "criterion"), max_length=20, choices=Criterion.choices)
    met = models.BooleanField(_("the criterion is met"))
    reasoning = models.TextField(_("reasoning"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("finding on a criterion")
        verbose_name_plural = _("findings on criteria")
        ordering = ["application", "criterion"]
        constraints = [
            models.UniqueConstraint(fields=["application", "criterion"], name="registry_finding_one_per_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.criterion} {self.met}"


class Channel(TimeStampedModel):
    """A registry entry: an accredited communication channel (004 §2 p.4, §10, Annex 2)."""

    class Status(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("registry", "active")
        CHANGED = "changed", _("changed")
        REMOVED = "removed", _("removed")

    ALLOWED: dict[str, set[str]] = {
        Status.ACTIVE: {Status.CHANGED, Status.REMOVED},
        Status.CHANGED: {Status.CHANGED, Status.REMOVED},
    }
    # The fields an Annex 3 application may give a new wording to.
    WORDING_FIELDS = ("name_kk", "name_ru", "purpose_kk", "purpose_ru", "coverage", "interaction_format")

    number = models.PositiveIntegerField(_("No."), unique=True)
    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("state body using the channel"), on_delete=models.PROTECT, related_name="channels"
    )
    application = models.OneToOneField(
        ChannelApplication, verbose_name=_("application"), on_delete=models.PROTECT, related_name="channel"
    )
    name_kk = models.CharField(_("channel name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("channel name (Russian)"), max_length=300)
    purpose_kk = models.TextField(_("functional purpose (Kazakh)"))
    purpose_ru = models.TextField(_("functional purpose (Russian)"))
    coverage = models.CharField(_("coverage"), max_length=12, choices=Coverage.choices)
    interaction_format = models.CharField(_("format of interaction"), max_length=8, choices=InteractionFormat.choices)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.ACTIVE)
    entered_on = models.DateField(_("date entered in the registry"))
    removed_on = models.DateField(_("date removed from the registry"), null=True, blank=True)

    class Meta:
        verbose_name = _("communication channel")
        verbose_name_plural = _("communication channels")
        ordering = ["number"]
        indexes = [models.Index(fields=["body", "status"])]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    @property
    def name(self) -> str:
        return self.name_kk if active_language() == "kk" else self.name_ru

    @property
    def purpose(self) -> str:
        return self.purpose_kk if active_language() == "kk" else self.purpose_ru

    def can_move_to(self, status: str) -> bool:
        return status in self.ALLOWED.get(self.status, set())

    def can_change(self) -> bool:
        return self.can_move_to(self.Status.CHANGED)

    def can_remove(self) -> bool:
        return self.can_move_to(self.Status.REMOVED)

    @property
    def is_removed(self) -> bool:
        return self.status == self.Status.REMOVED


class EntryRequest(TimeStampedModel):
    """A change of a registry entry (Annex 3 application, 004 §11) or a termination notice (free form, §12)."""

    class Kind(models.TextChoices):
        CHANGE = "change", _("changes and (or) additions")
        TERMINATION = "termination", _("termination of the channel's work")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("registry", "received")
        ENTERED = "entered", _("entered in the registry")

    ALLOWED: dict[str, set[str]] = {Status.SUBMITTED: {Status.ENTERED}}

    channel = models.ForeignKey(
        Channel, verbose_name=_("registry entry"), on_delete=models.PROTECT, related_name="requests"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    current_wording = models.JSONField(_("current name and content of the entry"), default=dict)
    new_wording = models.JSONField(_("name and content of the entry in the new wording"), default=dict, blank=True)
    justification = models.TextField(_("justification of the changes and (or) additions"), blank=True)
    notice = models.TextField(_("notice of termination"), blank=True)
    terminated_on = models.DateField(_("the channel stopped working on"), null=True, blank=True)
    signer_name = models.CharField(_("signer (deputy first head)"), max_length=200, blank=True)
    signer_position = models.CharField(_("signer's position"), max_length=300, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("filed by"), on_delete=models.PROTECT, related_name="+"
    )
    received_on = models.DateField(_("received on"))
    entry_due = models.DateField(_("to be entered by"))
    entered_on = models.DateField(_("entered on"), null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("registry", "entered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("request to update the registry")
        verbose_name_plural = _("requests to update the registry")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["channel"],
                condition=models.Q(kind="termination", status="submitted"),
                name="registry_one_pending_termination",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.channel}"

    def can_enter(self) -> bool:
        return self.Status.ENTERED in self.ALLOWED.get(self.status, set())

    @property
    def entry_term(self) -> Term | None:
        """004 §13: 3 working days from receipt."""
        return term(self.entry_due, self.entered_on)


class ChannelEvent(models.Model):
    """One line of an entry's readable history, in both languages (Annex 2 columns 4–6)."""

    class Kind(models.TextChoices):
        ENTERED = "entered", _("entered in the registry")
        CHANGED = "changed", _("changes and (or) additions")
        REMOVED = "removed", _("removed from the registry")

    channel = models.ForeignKey(
        Channel, verbose_name=_("registry entry"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    happened_on = models.DateField(_("date"))
    text_kk = models.TextField(_("details (Kazakh)"))
    text_ru = models.TextField(_("details (Russian)"))
    old = models.JSONField(_("before"), null=True, blank=True)
    new = models.JSONField(_("after"), null=True, blank=True)
    request = models.ForeignKey(
        EntryRequest, verbose_name=_("request"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("registry", "entered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("registry entry event")
        verbose_name_plural = _("registry entry events")
        ordering = ["happened_on", "id"]

    def __str__(self) -> str:
        return f"{self.channel_id} {self.kind} {self.happened_on}"

    @property
    def text(self) -> str:
        return self.text_kk if active_language() == "kk" else self.text_ru


def attachment_path(instance: Attachment, filename: str) -> str:
    """A random storage name (never the uploader's); the original name is kept in ``original_name``."""
    today = timezone.localdate()
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"registry/{today:%Y/%m}/{uuid.uuid4().hex}.{suffix}"


class Attachment(TimeStampedModel):
    """A file attached to an application or to a request (Annex 1 and 3 «Өтінімге қоса беріледі»)."""

    application = models.ForeignKey(
        ChannelApplication,
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    request = models.ForeignKey(
        EntryRequest,
        verbose_name=_("request"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size, bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("registry", "uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(application__isnull=False, request__isnull=True)
                | models.Q(application__isnull=True, request__isnull=False),
                name="registry_attachment_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.original_name


class Notice(TimeStampedModel):
    """The in-app notification of an applicant body about the decision on its application (004 §6)."""

    application = models.OneToOneField(
        ChannelApplication, verbose_name=_("application"), on_delete=models.CASCADE, related_name="notice"
    )
    body = models.ForeignKey("orgs.Body", verbose_name=_("state body"), on_delete=models.PROTECT, related_name="+")
    emailed_to = models.JSONField(_("e-mailed to"), default=list)

    class Meta:
        verbose_name = _("notification of the decision")
        verbose_name_plural = _("notifications of decisions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.body_id} · {self.application_id}"
