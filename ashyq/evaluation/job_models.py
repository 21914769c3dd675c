"""What every background import of the campaigns and the F evaluations keeps (ARCHITECTURE rule 14): its
state, its rows counted for the progress bar, the rows refused and who uploaded it. Each import adds the record
it belongs to and where its file is kept (``file``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _

from ashyq.core.models import TimeStampedModel


class ImportJobModel(TimeStampedModel):
    """An uploaded file read all or nothing by the task worker (a §10 source, a report table, the §21 survey)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("refused")

    file_name = models.CharField(_("file name"), max_length=255)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    stored_values = models.PositiveIntegerField(_("values stored"), default=0)
    errors = models.JSONField(_("bad rows"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )

    # each import keeps its file in its own folder: ``file = models.FileField(..., upload_to=...)``
    file: FieldFile

    class Meta:
        abstract = True
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
        return self.status in {self.Status.DONE, self.Status.FAILED}
