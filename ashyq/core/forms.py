"""Forms of the core pages: the audit trail's filter."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ashyq.orgs.models import Body


class AuditFilterForm(forms.Form):
    body = forms.ModelChoiceField(label=_("State body"), queryset=Body.objects.all(), required=False)
    event_type = forms.CharField(label=_("Event type starts with"), required=False, max_length=80)
    actor = forms.CharField(label=_("User name"), required=False, max_length=150)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data
