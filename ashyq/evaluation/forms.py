"""Forms of the campaign pages; each feeds one service. A form with errors comes back bound."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ashyq.core.forms import IsoDateInput
from ashyq.evaluation.facts import Slot
from ashyq.evaluation.models import Evidence
from ashyq.evaluation.services.verification import Marking
from ashyq.evaluation.values import MAX_COUNT, value_fields
from ashyq.methodology.models import MethodologyKind, MethodologyVersion
from ashyq.methodology.versions import OpennessVersion
from ashyq.orgs.models import Body

DATE = IsoDateInput()
TEXT = forms.Textarea(attrs={"rows": 3})


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    period_start = forms.DateField(label=_("Reporting period from"), widget=DATE)
    period_end = forms.DateField(label=_("Reporting period to"), widget=DATE)
    methodology = forms.ModelChoiceField(
        label=_("Methodology version"),
        queryset=MethodologyVersion.objects.filter(kind=MethodologyKind.OPENNESS),
        empty_label=None,
    )
    # the version by its official title and the day it took effect, never its file code
    methodology.label_from_instance = lambda obj: f"{obj.title} ({obj.effective_from:%d.%m.%Y})"  # type: ignore[method-assign]
    report_due = forms.DateField(label=_("Reports due on"), widget=DATE)


class EnrolForm(forms.Form):
    central = forms.BooleanField(label=_("Every active central state body"), required=False)
    local = forms.BooleanField(label=_("Every active local executive body"), required=False)
    bodies = forms.ModelMultipleChoiceField(
        label=_("Or choose bodies"),
        queryset=Body.objects.filter(is_active=True, is_authorized_body=False).order_by("name_ru"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("central") or data.get("local") or data.get("bodies")):
            raise forms.ValidationError(_("Choose the bodies to enrol."))
        return data


class ValueForm(forms.Form):
    """One value of the report (an indicator in a language), its fields built from its rule."""

    def __init__(self, *args: Any, slot: Slot, version: OpennessVersion, reason: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.slot = slot
        for field in value_fields(slot):
            if field.type == "flag":
                self.fields[field.name] = forms.TypedChoiceField(
                    label=field.label,
                    choices=[("true", _("yes")), ("false", _("no"))],
                    coerce=lambda value: value == "true",
                    widget=forms.RadioSelect,
                )
            elif field.type == "events":
                for level in version.indicators[slot.indicator].levels:
                    self.fields[f"events_{level.key}"] = forms.IntegerField(
                        label=level.names.ru,
                        min_value=0,
                        max_value=1000,
                        required=False,
                        help_text=_("number of events of this publicity category"),
                    )
            elif field.type == "whole":
                self.fields[field.name] = forms.IntegerField(label=field.label, min_value=0, max_value=MAX_COUNT)
            else:
                self.fields[field.name] = forms.DecimalField(
                    label=field.label,
                    min_value=0,
                    max_value=field.maximum,
                    max_digits=9,
                    decimal_places=4,
                    localize=True,
                )
        if reason:
            self.fields["reason"] = forms.CharField(
                label=_("Reason (required where it differs from the body's report)"),
                widget=TEXT,
                required=False,
                max_length=4000,
            )

    def raw_value(self) -> dict[str, Any]:
        """The cleaned fields as the service's raw value."""
        data = self.cleaned_data
        raw: dict[str, Any] = {}
        for field in value_fields(self.slot):
            if field.type == "events":
                events: list[str] = []
                for name, count in data.items():
                    if name.startswith("events_") and count:
                        events += [name.removeprefix("events_")] * int(count)
                raw["events"] = events
            else:
                raw[field.name] = data[field.name]
        return raw


def initial_of(slot: Slot, value: dict[str, Any] | None) -> dict[str, Any]:
    """A stored value as the form's initial data."""
    if not value:
        return {}
    initial: dict[str, Any] = {
        key: ("true" if item else "false") if isinstance(item, bool) else item
        for key, item in value.items()
        if key != "events"
    }
    for key in value.get("events", []):
        initial[f"events_{key}"] = int(initial.get(f"events_{key}", 0)) + 1
    return initial


class EvidenceForm(forms.ModelForm[Evidence]):
    url = forms.URLField(label=_("link"), max_length=1000, required=False, assume_scheme="https")

    class Meta:
        model = Evidence
        fields = [
            "language",
            "kind",
            "title",
            "url",
            "published_on",
            "reference_date",
            "count",
            "category",
            "incoming_number",
            "incoming_date",
            "outgoing_number",
            "outgoing_date",
        ]
        widgets = {
            "published_on": DATE,
            "reference_date": DATE,
            "incoming_date": DATE,
            "outgoing_date": DATE,
        }


class RequestForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("both languages")), ("kk", _("Kazakh")), ("ru", _("Russian"))],
        required=False,
    )
    text = forms.CharField(label=_("Which documents are requested"), widget=TEXT, max_length=4000)
    due_on = forms.DateField(label=_("Due on"), widget=DATE)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Document"))
    marking = forms.ChoiceField(
        label=_("Is the document marked secret or “restricted distribution”?"),
        choices=[
            (Marking.NONE, _("No, it carries no such marking")),
            (Marking.SECRET, _("Yes, it is secret")),
            (Marking.RESTRICTED, _("Yes, it is marked “restricted distribution”")),
        ],
        widget=forms.RadioSelect,
    )


class DeliveryForm(forms.Form):
    received_on = forms.DateField(label=_("Date the body received the conclusion"), widget=DATE)


class TemplateUploadForm(UploadForm):
    """A table of the report uploaded as its filled-in XLSX template (issue 14 item 2)."""

    file = forms.FileField(label=_("The table's template, filled in (XLSX)"))
