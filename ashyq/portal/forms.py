"""Forms of the portal's pages; a form with errors is shown again, bound, with an error summary (STYLE)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ashyq.feedback.models import Topic
from ashyq.orgs.models import Body
from ashyq.portal import deadlines
from ashyq.portal.models import Periodicity
from ashyq.portal.selectors import ReportState

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
PHONE = re.compile(r"\+?[0-9 ()\-]+")
QUESTION_MAX_LENGTH = 2000
ANSWER_MAX_LENGTH = 10000
SEARCH_MAX_LENGTH = 200
TEXTAREA = forms.Textarea(attrs={"rows": 4, "cols": 80})


def _choose_from(field: forms.Field, bodies: Any) -> None:
    """The bodies the reader acts for, named in the page's language."""
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = bodies
    field.label_from_instance = lambda body: body.name  # type: ignore[method-assign,assignment]


class RegisterFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Reporting year"), required=False, min_value=2000, max_value=2100)
    level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=[("", _("all levels")), *[(level.code, level.label) for level in deadlines.LEVELS]],
    )
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", _("any")), *ReportState.LABELS.items()])
    q = forms.CharField(label=_("State body"), required=False, max_length=SEARCH_MAX_LENGTH)

    def filters(self, default_year: int) -> dict[str, Any]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "year": data.get("year") or default_year,
            "level": data.get("level", ""),
            "state": data.get("state", ""),
            "search": data.get("q", ""),
        }


class ReportUploadForm(forms.Form):
    body = forms.ModelChoiceField(label=_("State body"), queryset=Body.objects.none())
    year = forms.IntegerField(label=_("Reporting year"), min_value=2000, max_value=2100)
    file = forms.FileField(label=_("Report (PDF)"), help_text=_("A PDF document."))
    no_restricted_information = forms.BooleanField(
        label=_(
            "The report holds no information with restricted access: no state secrets, no personal data, "
            "nothing marked «For official use» (003 §7)."
        ),
        required=False,
    )

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose_from(self.fields["body"], bodies)


class ConferenceForm(forms.Form):
    body = forms.ModelChoiceField(label=_("State body"), queryset=Body.objects.none())
    topic_kk = forms.CharField(label=_("Topic (Kazakh)"), max_length=500)
    topic_ru = forms.CharField(label=_("Topic (Russian)"), max_length=500)
    description_kk = forms.CharField(label=_("Description (Kazakh)"), required=False, widget=TEXTAREA, max_length=4000)
    description_ru = forms.CharField(label=_("Description (Russian)"), required=False, widget=TEXTAREA, max_length=4000)
    opens_on = forms.DateField(label=_("Questions are taken from"), widget=forms.DateInput(attrs={"type": "date"}))
    held_on = forms.DateField(label=_("Date of the conference"), widget=forms.DateInput(attrs={"type": "date"}))
    periodicity = forms.ChoiceField(label=_("Periodicity"), choices=Periodicity.choices)
    topic = forms.ModelChoiceField(label=_("Problem topic (000 §17)"), queryset=Topic.objects.none(), required=False)

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose_from(self.fields["body"], bodies)
        topic = self.fields["topic"]
        assert isinstance(topic, forms.ModelChoiceField)
        topic.queryset = Topic.objects.filter(body__in=bodies)


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Your question"), widget=TEXTAREA, max_length=QUESTION_MAX_LENGTH)
    asker_name = forms.CharField(
        label=_("Your name (optional)"), required=False, max_length=200, help_text=_("It is never published.")
    )
    contact = forms.CharField(
        label=_("E-mail or phone for the answer"),
        max_length=200,
        help_text=_("It is never published; only the body's officer sees it."),
    )

    def clean_contact(self) -> str:
        """An e-mail address or a phone number, so the body can send the answer."""
        contact: str = self.cleaned_data["contact"].strip()
        digits = sum(character.isdigit() for character in contact)
        if not (EMAIL.fullmatch(contact) or (digits >= 10 and PHONE.fullmatch(contact))):
            raise ValidationError(_("Give an e-mail address or a phone number."))
        return contact


class PublishForm(forms.Form):
    public_text = forms.CharField(
        label=_("Text to publish"),
        widget=TEXTAREA,
        max_length=QUESTION_MAX_LENGTH,
        help_text=_("Remove names, addresses, phone numbers and any other personal data."),
    )


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason it is not published"), max_length=300)


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=TEXTAREA, max_length=ANSWER_MAX_LENGTH)


class DraftSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search drafts and remarks"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        help_text=_("A few words of your remark or of the draft's title."),
    )
