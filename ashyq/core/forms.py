"""The bounds every form applies (``BoundedForm``), and the forms of the core pages: the audit trail's filter."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ashyq.core import bounds
from ashyq.orgs.models import Body


def _validator(field: forms.Field, name: str) -> Callable[[Any], None] | None:
    """The bounds rule of one form field, or None when its values need none (choices, numbers, files)."""
    check: Callable[[Any, str], Any]
    if isinstance(field, (forms.DateField, forms.DateTimeField, forms.SplitDateTimeField)):
        check = bounds.check_date
    elif isinstance(field, forms.CharField):
        limit = field.max_length or bounds.text_limit()

        def check(value: Any, label: str) -> Any:
            return bounds.check_text(value, label, limit) if isinstance(value, str) else value

    elif isinstance(field, forms.IntegerField) and (name == "year" or name.endswith("_year")):
        check = bounds.check_year
    else:
        return None

    def validate(value: Any) -> None:
        try:
            check(value, str(field.label or name))
        except bounds.OutOfBounds as error:
            raise ValidationError(error.message, code="out_of_bounds") from None

    return validate


class BoundsMixin:
    """Every date, year and text field of the form checked against ``ashyq.core.bounds`` (rule 13),
    fields added in ``__init__`` included: the validators are attached when the form is cleaned."""

    fields: dict[str, forms.Field]

    def full_clean(self) -> None:
        for name, field in self.fields.items():
            if getattr(field, "_ashyq_bounded", False):
                continue
            validator = _validator(field, name)
            if validator is not None:
                field.validators = [*field.validators, validator]
            field._ashyq_bounded = True  # type: ignore[attr-defined]
        super().full_clean()  # type: ignore[misc]


class BoundedForm(BoundsMixin, forms.Form):
    """The base of every form of Ashyq."""


class BoundedModelForm(BoundsMixin, forms.ModelForm):  # type: ignore[type-arg]
    """The base of the admin's forms (``AuditedAdmin.form``) and of any model form."""


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """A service's ``ValidationError`` shown on the form, beside its field when the form has one, else on top, so the
    page comes back with what was typed (ARCHITECTURE rule 12)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


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


class AuditFilterForm(BoundedForm):
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
