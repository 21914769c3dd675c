"""Forms of the objection procedure (002 §109–119): what each page asks, checked before the services run."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ashyq.core.forms import IsoDateInput
from ashyq.core.i18n import in_language
from ashyq.evaluation.facts import Slot
from ashyq.evaluation.models import CommissionMember, ConclusionResponse, DisagreementRow, Enrolment
from ashyq.evaluation.services.verification import Marking
from ashyq.evaluation.values import value_fields
from ashyq.methodology.versions import OpennessVersion

YES_NO = [("yes", _("yes")), ("no", _("no"))]
MAX_TEXT = 5000


class FigureForm(forms.Form):
    """The fields of one indicator's value (``ashyq.evaluation.values``), named as the engine's input."""

    def __init__(self, *args: Any, slot: Slot, version: OpennessVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.slot, self.version = slot, version
        for field in value_fields(slot):
            if field.type == "flag":
                self.fields[field.name] = forms.ChoiceField(label=field.label, choices=YES_NO, widget=forms.RadioSelect)
            elif field.type == "whole":
                self.fields[field.name] = forms.IntegerField(label=field.label, min_value=0, max_value=1_000_000)
            elif field.type == "decimal":
                self.fields[field.name] = forms.DecimalField(
                    label=field.label, min_value=0, max_value=field.maximum, max_digits=9, decimal_places=4
                )
            else:
                for level in version.indicators[slot.indicator].levels:
                    self.fields[f"events__{level.key}"] = forms.IntegerField(
                        label=_("events: %(category)s") % {"category": in_language(level.names.kk, level.names.ru)},
                        min_value=0,
                        max_value=1000,
                        initial=0,
                    )

    def figure(self) -> dict[str, Any]:
        """The cleaned fields in the value's shape, for ``value_clean``."""
        data = self.cleaned_data
        figure: dict[str, Any] = {}
        for field in value_fields(self.slot):
            if field.type == "flag":
                figure[field.name] = data[field.name] == "yes"
            elif field.type == "events":
                figure[field.name] = [
                    level.key
                    for level in self.version.indicators[self.slot.indicator].levels
                    for _ in range(data.get(f"events__{level.key}") or 0)
                ]
            else:
                figure[field.name] = data[field.name]
        return figure


class RowForm(FigureForm):
    justification = forms.CharField(
        label=_("Justification"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why the assessed figure is wrong, with the confirming documents you attach."),
    )


class DecisionForm(FigureForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(value, label) for value, label in DisagreementRow.Decision.choices if value != "pending"],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reasons of the decision"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name not in {"decision", "reason"}:
                field.required = False
                field.help_text = _("Only for a partly upheld row: the figure the commission sets.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == DisagreementRow.Decision.PARTLY:
            missing = [
                name for name in self.fields if name not in {"decision", "reason"} and data.get(name) in (None, "")
            ]
            for name in missing:
                self.add_error(name, _("Give the figure the commission sets."))
        return data


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("Confirming document"))
    marking = forms.ChoiceField(
        label=_("Does the document carry a secrecy marking?"),
        choices=[
            (Marking.NONE, _("no marking")),
            (Marking.SECRET, _("secret")),
            (Marking.RESTRICTED, _("“restricted distribution”")),
        ],
        widget=forms.RadioSelect,
        initial=Marking.NONE,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3}))


class CommissionForm(forms.Form):
    meeting_on = forms.DateField(label=_("Meeting date"), widget=IsoDateInput())
    agenda = forms.ModelMultipleChoiceField(
        label=_("Objections on the agenda"),
        queryset=ConclusionResponse.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, responses: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agenda = self.fields["agenda"]
        assert isinstance(agenda, forms.ModelMultipleChoiceField)
        agenda.queryset = responses
        agenda.label_from_instance = lambda obj: str(obj.enrolment.body)  # type: ignore[method-assign]


class SeatForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("Person"), queryset=get_user_model().objects.order_by("username"), required=False
    )
    capacity = forms.ChoiceField(label=_("Capacity"), choices=CommissionMember.Capacity.choices, required=False)
    position = forms.ChoiceField(
        label=_("Position"), choices=CommissionMember.Position.choices, initial=CommissionMember.Position.MEMBER
    )


SeatFormSet = forms.formset_factory(SeatForm, extra=7, max_num=30)


class PresentForm(forms.Form):
    present = forms.MultipleChoiceField(label=_("Members present"), widget=forms.CheckboxSelectMultiple, choices=())

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["present"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(str(member.user_id), f"{member} · {member.get_position_display()}") for member in members]


class SentForm(forms.Form):
    sent_on = forms.DateField(label=_("Date sent to the Agency"), widget=IsoDateInput())


class CorrectionForm(forms.Form):
    """A correction of results already sent to the Agency: a new version, never an edit (issue 10 item 5)."""

    enrolment = forms.ModelChoiceField(label=_("State body"), queryset=Enrolment.objects.none())
    final = forms.DecimalField(
        label=_("Corrected final score with penalty"), min_value=0, max_value=100, max_digits=9, decimal_places=4
    )
    reason = forms.CharField(
        label=_("Reason of the correction"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )
    sent_on = forms.DateField(label=_("Date sent to the Agency"), widget=IsoDateInput())

    def __init__(self, *args: Any, enrolments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["enrolment"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = enrolments
        field.label_from_instance = lambda obj: str(obj.body)  # type: ignore[method-assign]
