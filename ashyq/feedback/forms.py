"""Forms of the feedback pages; each feeds one service (ARCHITECTURE rule 4)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ashyq.core.forms import BoundedForm, IsoDateInput, IsoDateTimeInput
from ashyq.feedback.importing.reading import ENCODINGS
from ashyq.feedback.models import (
    Channel,
    FollowUp,
    ImportJob,
    ItemKind,
    ItemLanguage,
    ItemStatus,
    OutreachMaterial,
    Recommendation,
    ResultUse,
    SourceKind,
)
from ashyq.feedback.selectors import ItemFilters
from ashyq.orgs.models import Body

DATE = IsoDateInput()


def _blank(choices: Any) -> list[tuple[str, Any]]:
    return [("", _("all")), *choices]


class ItemFilterForm(BoundedForm):
    """Filters of the items list (issue 5 item 10)."""

    body = forms.ModelChoiceField(label=_("State body"), queryset=Body.objects.none(), required=False)
    source = forms.IntegerField(label=_("Source number"), required=False, min_value=1)
    channel = forms.ChoiceField(label=_("Channel"), choices=_blank(Channel.choices), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=_blank(ItemKind.choices), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=_blank(ItemStatus.choices), required=False)
    language = forms.ChoiceField(label=_("Language of the text"), choices=_blank(ItemLanguage.choices), required=False)
    since = forms.DateField(label=_("Received from"), required=False, widget=DATE)
    until = forms.DateField(label=_("Received until"), required=False, widget=DATE)
    q = forms.CharField(label=_("Text, author or id"), required=False, max_length=100)
    outside_period = forms.BooleanField(label=_("Outside the discussion period"), required=False)
    awaiting_reference = forms.BooleanField(label=_("Accepted on the portal, reference missing"), required=False)

    def __init__(self, *args: Any, bodies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies if bodies is not None else Body.objects.none()  # type: ignore[attr-defined]

    def filters(self) -> ItemFilters:
        if not self.is_valid():
            return ItemFilters()
        data = self.cleaned_data
        return ItemFilters(
            body_id=data["body"].pk if data["body"] else None,
            source_id=data["source"],
            channel=data["channel"],
            kind=data["kind"],
            status=data["status"],
            language=data["language"],
            since=data["since"],
            until=data["until"],
            text=data["q"].strip(),
            outside_period=data["outside_period"],
            awaiting_reference=data["awaiting_reference"],
        )


class SourceForm(BoundedForm):
    body = forms.ModelChoiceField(label=_("State body"), queryset=Body.objects.none())
    kind = forms.ChoiceField(label=_("Kind of source"), choices=SourceKind.choices)
    title_kk = forms.CharField(label=_("Title (Kazakh)"), max_length=500)
    title_ru = forms.CharField(label=_("Title (Russian)"), max_length=500)
    url = forms.URLField(label=_("Link on the portal"), required=False, max_length=500, assume_scheme="https")
    external_id = forms.CharField(label=_("Id on the portal"), required=False, max_length=64)
    period_start = forms.DateField(label=_("Discussion period: start"), widget=DATE)
    period_end = forms.DateField(label=_("Discussion period: end"), widget=DATE)

    def __init__(self, *args: Any, bodies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies if bodies is not None else Body.objects.none()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            self.add_error("period_end", _("The period ends before it starts."))
        return data


class NoticeForm(BoundedForm):
    url = forms.URLField(label=_("Link to the information notice"), max_length=500, assume_scheme="https")
    published_on = forms.DateField(label=_("Published on"), widget=DATE)


class CouncilForm(BoundedForm):
    meeting_date = forms.DateField(label=_("Public council meeting date"), widget=DATE)
    decision = forms.CharField(label=_("Decision of the public council"), widget=forms.Textarea(attrs={"rows": 3}))


class ResultsForm(BoundedForm):
    results_use = forms.ChoiceField(label=_("Where the results were used"), choices=ResultUse.choices)
    note = forms.CharField(
        label=_("How the results were used"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    participants = forms.IntegerField(label=_("Participants"), required=False, min_value=0)


class MaterialForm(BoundedForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=OutreachMaterial.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    url = forms.URLField(label=_("Link"), max_length=500, assume_scheme="https")
    held_on = forms.DateField(label=_("Held or published on"), widget=DATE)


class ItemCreateForm(BoundedForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=ItemKind.choices)
    author = forms.CharField(label=_("Author"), required=False, max_length=300)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}))
    clause = forms.CharField(label=_("Article or clause of the draft"), required=False, max_length=300)
    received_at = forms.DateTimeField(label=_("Received at"), widget=IsoDateTimeInput())


# The encodings by the names people see in their editors and Excel's "Save as" dialog.
ENCODING_NAMES = {"auto": _("detect"), "utf-8": "UTF-8", "cp1251": "Windows-1251"}


class ImportForm(BoundedForm):
    file = forms.FileField(label=_("File (CSV or XLSX)"))
    format = forms.ChoiceField(label=_("Format"), choices=ImportJob.Format.choices)
    encoding = forms.ChoiceField(
        label=_("Encoding of a CSV file"),
        choices=[(value, ENCODING_NAMES.get(value, value)) for value in ENCODINGS],
    )


class AcceptForm(BoundedForm):
    reference = forms.CharField(
        label=_(
            "Reference: the clause of the legal act in force, the approved budget programme or another "
            "confirming document"
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RejectForm(BoundedForm):
    reason = forms.CharField(label=_("Reason for rejection"), widget=forms.Textarea(attrs={"rows": 2}))


class AnswerForm(BoundedForm):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}))
    answered_on = forms.DateField(label=_("Answered on"), widget=DATE, initial=lambda: timezone.localdate())


class FollowUpForm(BoundedForm):
    follow_up = forms.ChoiceField(label=_("Taken into"), choices=FollowUp.choices)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PeriodForm(BoundedForm):
    """A year, or a quarter of it."""

    year = forms.IntegerField(
        label=_("Year"), min_value=2024, max_value=2100, initial=lambda: timezone.localdate().year
    )
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", _("the whole year")), *[(q, str(q)) for q in range(1, 5)]],
    )


class FindingForm(BoundedForm):
    body = forms.ModelChoiceField(label=_("State body"), queryset=Body.objects.filter(outside_feedback_scope=False))
    reason = forms.CharField(label=_("What was not openly accessible"), widget=forms.Textarea(attrs={"rows": 2}))


class AnalysisForm(BoundedForm):
    body = forms.ModelChoiceField(label=_("State body"), queryset=Body.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2024, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Quarter"), coerce=int, choices=[(q, str(q)) for q in range(1, 5)])
    appeals_count = forms.IntegerField(label=_("Appeals analysed"), min_value=0)
    social_comments_count = forms.IntegerField(label=_("Social-media comments analysed"), min_value=0)
    findings = forms.CharField(label=_("Analysis"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, bodies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies if bodies is not None else Body.objects.none()  # type: ignore[attr-defined]


class RecommendationForm(BoundedForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=Recommendation.Kind.choices)
    text = forms.CharField(label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 2}))
    unit = forms.CharField(label=_("Structural unit"), max_length=300)


class DecisionForm(BoundedForm):
    decision = forms.CharField(label=_("Decision of the first head"), widget=forms.Textarea(attrs={"rows": 3}))


class DoneForm(BoundedForm):
    done_on = forms.DateField(label=_("Done on"), widget=DATE, initial=lambda: timezone.localdate())
    note = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 2}))


class TopicForm(BoundedForm):
    body = forms.ModelChoiceField(label=_("State body"), queryset=Body.objects.none())
    title_kk = forms.CharField(label=_("Topic (Kazakh)"), max_length=300)
    title_ru = forms.CharField(label=_("Topic (Russian)"), max_length=300)
    raised_in = forms.CharField(
        label=_("Where the problem was raised"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, bodies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies if bodies is not None else Body.objects.none()  # type: ignore[attr-defined]


class ProjectForm(BoundedForm):
    body = forms.ModelChoiceField(label=_("State body"), queryset=Body.objects.none())
    title_kk = forms.CharField(label=_("Title (Kazakh)"), max_length=500)
    title_ru = forms.CharField(label=_("Title (Russian)"), max_length=500)
    start_year = forms.IntegerField(label=_("First year"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=_("Last year"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, bodies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies if bodies is not None else Body.objects.none()  # type: ignore[attr-defined]


class PublicationForm(BoundedForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", _("annual final information")), *[(q, str(q)) for q in range(1, 5)]],
    )
    url = forms.URLField(label=_("Link where it was published"), max_length=500, assume_scheme="https")
    published_on = forms.DateField(label=_("Published on"), widget=DATE)
