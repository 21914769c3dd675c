"""Forms of the meetings pages; each feeds one service (ARCHITECTURE rule 4)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ashyq.core.forms import BoundedForm, IsoDateInput, IsoDateTimeInput
from ashyq.meetings.models import CollectedRequest, Meeting, ProblemIssue
from ashyq.orgs.models import CENTRAL_EXECUTIVE_KINDS, CENTRAL_KINDS, REGIONAL_KINDS, Body

DATE = IsoDateInput()
DATETIME = IsoDateTimeInput()
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
TEXT = forms.Textarea(attrs={"rows": 3})


def _regions() -> Any:
    return Body.objects.filter(kind__in=REGIONAL_KINDS, is_active=True).order_by("name_ru")


class PlanForm(BoundedForm):
    """What is common to a proposal and an unscheduled meeting."""

    body = forms.ModelChoiceField(label=_("Central executive body"), queryset=Body.objects.none())
    head_name = forms.CharField(label=_("Head holding the meeting"), max_length=200)
    topic_kk = forms.CharField(label=_("Topic (Kazakh)"), max_length=300)
    topic_ru = forms.CharField(label=_("Topic (Russian)"), max_length=300)
    planned_start = forms.DateTimeField(
        label=_("Planned date and time"), widget=DATETIME, input_formats=DATETIME_FORMATS
    )
    planned_duration_minutes = forms.IntegerField(label=_("Planned duration of the meeting, minutes"), min_value=1)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    region = forms.ModelChoiceField(label=_("Region (its akimat)"), queryset=Body.objects.none(), required=False)

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]
        self.fields["region"].queryset = _regions()  # type: ignore[attr-defined]


class ProposeForm(PlanForm):
    year = forms.IntegerField(label=_("Year of the schedule"), min_value=2022, max_value=2100)

    field_order = ["body", "year"]


class UnscheduledForm(PlanForm):
    reason = forms.CharField(
        label=_("Forecast or arisen risk of a worsening situation in the supervised sphere"), widget=TEXT
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].required = True


class PrepareForm(BoundedForm):
    planned_start = forms.DateTimeField(
        label=_("Planned date and time"), widget=DATETIME, input_formats=DATETIME_FORMATS
    )
    timing_opinion = forms.CharField(
        label=_("How the population's opinion on the date and time was taken into account"), widget=TEXT
    )
    expected_topics = forms.CharField(
        label=_("Expected topics from the analysis of requests (one a line)"), widget=TEXT, required=False
    )
    announcement_url = forms.URLField(label=_("Link to the announcement"), required=False, assume_scheme="https")


class CollectedRequestForm(BoundedForm):
    channel = forms.ChoiceField(label=_("Channel"), choices=CollectedRequest.Channel.choices)
    received = forms.IntegerField(label=_("Requests and proposals received"), min_value=0)
    summary = forms.CharField(label=_("Summary of the analysis"), widget=TEXT)


class HoldForm(BoundedForm):
    actual_start = forms.DateTimeField(label=_("Actual date and time"), widget=DATETIME, input_formats=DATETIME_FORMATS)
    actual_report_minutes = forms.IntegerField(label=_("Actual time of the report, minutes"), min_value=0)
    events_ended_on = forms.DateField(label=_("Meetings and receptions ended on"), widget=DATE)
    broadcast_url = forms.URLField(label=_("Link to the online broadcast"), required=False, assume_scheme="https")
    commenting_accounts = forms.CharField(
        label=_("Official accounts where the population could comment"), widget=TEXT, required=False
    )
    videoconference = forms.BooleanField(label=_("Videoconference used"), required=False)
    citizens_received = forms.IntegerField(label=_("Citizens received in person"), min_value=0, initial=0)
    ngo_participants = forms.IntegerField(label=_("Participants of the meeting with NGOs"), min_value=0, initial=0)
    ngo_names = forms.CharField(label=_("NGOs at the meeting (one a line)"), widget=TEXT, required=False)
    briefing_url = forms.URLField(label=_("Link to the media briefing"), required=False, assume_scheme="https")
    akimats = forms.ModelMultipleChoiceField(
        label=_("Participating akims (akimats)"), queryset=Body.objects.none(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["akimats"].queryset = Body.objects.exclude(kind__in=CENTRAL_KINDS).order_by("name_ru")  # type: ignore[attr-defined]


class ActionPlanForm(BoundedForm):
    action_kk = forms.CharField(label=_("Action to resolve it (Kazakh)"), widget=TEXT, required=False)
    action_ru = forms.CharField(label=_("Action to resolve it (Russian)"), widget=TEXT, required=False)
    deadline = forms.DateField(label=_("Deadline for resolving it"), widget=DATE, required=False)
    executor_kk = forms.CharField(label=_("Responsible executor (Kazakh)"), max_length=300, required=False)
    executor_ru = forms.CharField(label=_("Responsible executor (Russian)"), max_length=300, required=False)


class IssueForm(ActionPlanForm):
    source = forms.ChoiceField(label=_("Where it was raised"), choices=ProblemIssue.Source.choices)
    ngo = forms.ModelChoiceField(label=_("NGO that raised it"), queryset=Body.objects.none(), required=False)
    rating = forms.ChoiceField(label=_("Rating"), choices=ProblemIssue.Rating.choices)
    text_kk = forms.CharField(label=_("Problem issue (Kazakh)"), widget=TEXT)
    text_ru = forms.CharField(label=_("Problem issue (Russian)"), widget=TEXT)

    field_order = ["source", "ngo", "rating", "text_kk", "text_ru"]

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ngo"].queryset = meeting.ngos.all()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("source") == ProblemIssue.Source.NGO) != bool(data.get("ngo")):
            raise forms.ValidationError(_("Choose the NGO exactly when the issue was raised at the meeting with NGOs."))
        return data


class PlanEntryForm(ActionPlanForm):
    """An action-plan entry: all four parts are required (001 p.3.7)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.fields[name].required = True


class PublishForm(BoundedForm):
    published_on = forms.DateField(label=_("Published on"), widget=DATE)
    url_kk = forms.URLField(label=_("Link to the results and the action plan (Kazakh)"), assume_scheme="https")
    url_ru = forms.URLField(label=_("Link to the results and the action plan (Russian)"), assume_scheme="https")


class ProgressForm(BoundedForm):
    """A quarter's progress: the publication's links and one entry per open issue."""

    year = forms.IntegerField(label=_("Year"), min_value=2022, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Quarter"), choices=[(q, str(q)) for q in range(1, 5)], coerce=int)
    published_on = forms.DateField(label=_("Published on"), widget=DATE)
    url_kk = forms.URLField(label=_("Link to the publication (Kazakh)"), assume_scheme="https")
    url_ru = forms.URLField(label=_("Link to the publication (Russian)"), assume_scheme="https")

    def __init__(self, *args: Any, issues: list[ProblemIssue], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.issues = issues
        for issue in issues:  # numbered within its meeting by selectors.with_follow_up
            number = issue.number  # type: ignore[attr-defined]
            self.fields[f"note_kk_{issue.pk}"] = forms.CharField(
                label=_("Progress on issue %(number)s (Kazakh)") % {"number": number}, widget=TEXT
            )
            self.fields[f"note_ru_{issue.pk}"] = forms.CharField(
                label=_("Progress on issue %(number)s (Russian)") % {"number": number}, widget=TEXT
            )
            self.fields[f"resolved_{issue.pk}"] = forms.BooleanField(
                label=_("Issue %(number)s is resolved") % {"number": number}, required=False
            )


class CloseForm(BoundedForm):
    closed_on = forms.DateField(label=_("Closed on"), widget=DATE, initial=timezone.localdate)


class ScheduleSubmitForm(BoundedForm):
    submitted_on = forms.DateField(label=_("Draft submitted to the Government office on"), widget=DATE)
    reference = forms.CharField(label=_("Outgoing number of the submission"), max_length=100)


class ScheduleApproveForm(BoundedForm):
    approved_on = forms.DateField(label=_("Approved on"), widget=DATE)
    reference = forms.CharField(label=_("Approval reference"), max_length=300)
    url = forms.URLField(label=_("Link to the approved schedule"), required=False, assume_scheme="https")


class RegionalProblemsForm(BoundedForm):
    akimat = forms.ModelChoiceField(label=_("Akimat"), queryset=Body.objects.none())
    recipient = forms.ModelChoiceField(label=_("Competent central executive body"), queryset=Body.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2022, max_value=2100)
    half = forms.TypedChoiceField(label=_("Half-year"), choices=[(1, "I"), (2, "II")], coerce=int)
    texts = forms.CharField(
        label=_("Systemic problems requiring a decision at the central level (one a line)"), widget=TEXT
    )

    def __init__(self, *args: Any, akimats: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["akimat"].queryset = akimats  # type: ignore[attr-defined]
        self.fields["recipient"].queryset = Body.objects.filter(  # type: ignore[attr-defined]
            kind__in=CENTRAL_EXECUTIVE_KINDS, is_active=True
        ).order_by("name_ru")
