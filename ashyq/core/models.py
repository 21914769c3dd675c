"""Shared base model, the append-only audit trail and the working-day calendar's overrides."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Every Ashyq table knows when a row was created and last changed."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """One write, as it happened: who, for which body, what, before/after, when.

    Rows are only ever inserted (``ashyq.core.audit.audit_record``); database triggers created by
    migration 0002 refuse UPDATE and DELETE on both PostgreSQL and SQLite, and the admin is read-only.
    ``event_type`` is a namespaced, stable name such as ``orgs.body.created``.
    """

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField(_("who (as recorded)"), max_length=150)
    body = models.ForeignKey(
        "orgs.Body",
        verbose_name=_("state body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    event_type = models.CharField(_("what"), max_length=80, db_index=True)
    target_type = models.CharField(_("object type"), max_length=80)
    target_id = models.CharField(_("object id"), max_length=64)
    target_repr = models.CharField(_("object"), max_length=300)
    old = models.JSONField(_("before"), null=True, blank=True)
    new = models.JSONField(_("after"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["body", "-created_at"]), models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.event_type} {self.target_repr}"


class CalendarOverride(TimeStampedModel):
    """A day whose status the Government set differently from what the ``holidays`` library knows.

    SPEC §7 "working days": the authorized body keeps these for years the library does not yet know.
    A transfer of a day off is two rows: the weekend day made ``working`` and the weekday made ``day_off``.
    """

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("a day made a public holiday")
        DAY_OFF = "day_off", _("a day off transferred to this day")
        WORKING = "working", _("a weekend day made a working day")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    reason_kk = models.CharField(_("reason (Kazakh)"), max_length=200)
    reason_ru = models.CharField(_("reason (Russian)"), max_length=200)
    reason_en = models.CharField(_("reason (English)"), max_length=200, blank=True)
    basis = models.CharField(_("legal basis"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_kind_display()}"

    @property
    def is_working(self) -> bool:
        return self.kind == self.Kind.WORKING
