"""Forms of the registry pages: Annex 1, the decision, Annex 3, the termination notice, the registry filter."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ashyq.core.forms import BoundedForm, BoundsMixin, IsoDateInput
from ashyq.orgs.models import Body
from ashyq.registry.attachments import validate_attachments
from ashyq.registry.models import Channel, ChannelApplication, Coverage, Criterion, InteractionFormat
from ashyq.registry.services.applications import APPLICATION_FIELDS

TEXTAREA = forms.Textarea(attrs={"rows": 3, "cols": 80})


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files at once, each checked for type and size (``attachments.validate_attachments``)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Attached to the application"))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        cleaned = [super(AttachmentsField, self).clean(item, initial) for item in files]
        validate_attachments(cleaned)
        return cleaned


class ApplicationForm(BoundsMixin, forms.ModelForm[ChannelApplication]):
    """Annex 1: the applicant fills items 1–7, other information and the signer; the "if any" items are optional."""

    attachments = AttachmentsField()

    class Meta:
        model = ChannelApplication
        fields = APPLICATION_FIELDS
        widgets = {
            name: TEXTAREA
            for name in (
                "instruction", "regulating_act", "purpose_kk", "purpose_ru", "resources", "justification",
                "other_information",
            )
        }  # fmt: skip


class DecisionForm(BoundedForm):
    """The three criteria of 004 §4, each with a finding and reasoning, then the decision of §5."""

    FINDINGS = [("met", _("met")), ("not_met", _("not met"))]
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            (ChannelApplication.Status.ACCREDITED, _("accredit the channel and enter it in the Registry")),
            (ChannelApplication.Status.REFUSED, _("refuse to accredit the channel")),
        ],
    )
    refusal_reasons = forms.CharField(label=_("Reasons for the refusal"), required=False, widget=TEXTAREA)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        criteria: dict[str, forms.Field] = {}
        for criterion in Criterion:
            criteria[f"{criterion.value}_finding"] = forms.ChoiceField(
                label=criterion.label, choices=self.FINDINGS, widget=forms.RadioSelect
            )
            criteria[f"{criterion.value}_reasoning"] = forms.CharField(label=_("Reasoning"), widget=TEXTAREA)
        self.fields = {**criteria, **self.fields}

    def criterion_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"{c.value}_finding"], self[f"{c.value}_reasoning"]) for c in Criterion]

    def findings(self) -> dict[str, tuple[bool, str]]:
        data = self.cleaned_data
        return {c.value: (data[f"{c.value}_finding"] == "met", data[f"{c.value}_reasoning"]) for c in Criterion}


class ChangeRequestForm(BoundedForm):
    """Annex 3: the entry in its new wording, the justification, files, the signer."""

    name_kk = forms.CharField(label=_("channel name (Kazakh)"), max_length=300)
    name_ru = forms.CharField(label=_("channel name (Russian)"), max_length=300)
    purpose_kk = forms.CharField(label=_("functional purpose (Kazakh)"), widget=TEXTAREA)
    purpose_ru = forms.CharField(label=_("functional purpose (Russian)"), widget=TEXTAREA)
    coverage = forms.ChoiceField(label=_("coverage"), choices=Coverage.choices)
    interaction_format = forms.ChoiceField(label=_("format of interaction"), choices=InteractionFormat.choices)
    justification = forms.CharField(
        label=_("Justification of the declared changes and (or) additions"), widget=TEXTAREA
    )
    signer_name = forms.CharField(label=_("signer (deputy first head)"), max_length=200)
    signer_position = forms.CharField(label=_("signer's position"), max_length=300)
    attachments = AttachmentsField()

    def new_wording(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in Channel.WORDING_FIELDS}


class TerminationForm(BoundedForm):
    """004 §12: a notice in free form that the channel stopped working."""

    terminated_on = forms.DateField(label=_("The channel stopped working on"), widget=IsoDateInput())
    notice = forms.CharField(label=_("Notice"), widget=forms.Textarea(attrs={"rows": 6, "cols": 80}))
    attachments = AttachmentsField()


class RegistryFilterForm(BoundedForm):
    """Search and filters of the public registry (issue 6 item 4)."""

    STATUSES = [("", _("all entries")), ("active", _("in force")), ("removed", _("removed"))]
    q = forms.CharField(label=_("Name or purpose contains"), required=False, max_length=100)
    body = forms.ModelChoiceField(
        label=_("State body"), required=False, queryset=Body.objects.filter(channels__isnull=False).distinct()
    )
    coverage = forms.ChoiceField(label=_("Coverage"), required=False, choices=[("", _("all")), *Coverage.choices])
    interaction_format = forms.ChoiceField(
        label=pgettext_lazy("registry", "Format"), required=False, choices=[("", _("all")), *InteractionFormat.choices]
    )
    status = forms.ChoiceField(label=_("Entries"), required=False, choices=STATUSES)

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "search": data["q"].strip(),
            "body_id": data["body"].pk if data["body"] else None,
            "coverage": data["coverage"],
            "interaction_format": data["interaction_format"],
            "status": data["status"],
        }
