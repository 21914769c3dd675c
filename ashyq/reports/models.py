"""A document made by the task worker because it is too large for a web request (issue 11 item 7)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ashyq.core.models import TimeStampedModel


class DocumentJob(TimeStampedModel):
    """One requested document (a report, an export) on its way to a file the requester downloads.

    ``kind`` is the dotted path of the ``DocumentKind`` that counts and writes it (``ashyq.reports.jobs``);
    ``params`` are what that kind needs to find its rows again in the worker (a source's id, a list's filters).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")
        STOPPED = "stopped", _("stopped")

    # RUNNING → QUEUED: its worker died and it runs again; → STOPPED: it died on the last attempt (ADR 0045).
    ALLOWED: dict[str, set[str]] = {
        Status.QUEUED: {Status.RUNNING, Status.STOPPED},
        Status.RUNNING: {Status.DONE, Status.FAILED, Status.QUEUED, Status.STOPPED},
        Status.DONE: set(),
        Status.FAILED: set(),
        Status.STOPPED: set(),
    }

    kind = models.CharField(_("kind of document"), max_length=120)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    file_format = models.CharField(_("format"), max_length=5)
    language = models.CharField(_("language"), max_length=8)
    title = models.CharField(_("title"), max_length=300)
    body = models.ForeignKey(
        "orgs.Body", verbose_name=_("state body"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows written"), default=0)
    file = models.FileField(_("file"), upload_to="reports/documents/%Y/%m/", blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("document being prepared")
        verbose_name_plural = _("documents being prepared")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(100, int(100 * self.processed_rows / self.total_rows)) if self.total_rows else 0

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED, self.Status.STOPPED}

    def can_start(self) -> bool:
        return self.Status.RUNNING in self.ALLOWED[self.status]

    def can_download(self) -> bool:
        return self.status == self.Status.DONE and bool(self.file)
