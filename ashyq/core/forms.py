"""Forms of the core pages: the audit trail's filter."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ashyq.orgs.models import Body


class IsoDateInput(forms.DateInput):
    """A browser date picker: its ``value`` must be ISO (2026-12-02) whatever the page's language, otherwise the
    browser shows it blank and demands it again (issue 11 item 3). The picker shows it in the reader's locale."""

    input_type = "date"

    def __init__(self, attrs: dict[str, str] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class IsoDateTimeInput(forms.DateTimeInput):
    """A browser date-and-time picker, ``value`` in the only form it reads (2026-12-02T10:30)."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, str] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class AuditFilterForm(forms.Form):
    body = forms.ModelChoiceField(label=_("State body"), queryset=Body.objects.all(), required=False)
    event_type = forms.CharField(label=_("Event type starts with"), required=False, max_length=80)
    actor = forms.CharField(label=_("User name"), required=False, max_length=150)
    since = forms.DateField(label=_("From"), required=False, widget=IsoDateInput())
    until = forms.DateField(label=_("To"), required=False, widget=IsoDateInput())

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data
