"""Forms of the evaluation of feedback (000 chapter 3); each feeds one service and comes back bound on errors."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ashyq.core.forms import BoundedForm, IsoDateInput
from ashyq.evaluation.values import MAX_COUNT
from ashyq.orgs.models import Body

DATE = IsoDateInput()


class FeedbackEvaluationForm(BoundedForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    period_start = forms.DateField(label=_("Period from"), widget=DATE)
    period_end = forms.DateField(label=_("Period to"), widget=DATE)
    due_on = forms.DateField(
        label=_("Submissions due on"),
        widget=DATE,
        help_text=_("A due date on a day off moves to the next working day."),
    )


def feedback_bodies() -> Any:
    """The bodies the feedback rules apply to (000 §1): active, not the authorized body, not outside the scope."""
    return Body.objects.filter(is_active=True, is_authorized_body=False, outside_feedback_scope=False)


class FeedbackEnrolForm(BoundedForm):
    every = forms.BooleanField(label=_("Every state body the feedback rules apply to"), required=False)
    bodies = forms.ModelMultipleChoiceField(
        label=_("Or choose bodies"),
        queryset=feedback_bodies().order_by("name_ru"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("every") or data.get("bodies")):
            raise forms.ValidationError(_("Choose the bodies to enrol."))
        return data


def _count(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, max_value=MAX_COUNT)


class SubmissionCountsForm(BoundedForm):
    """000 §20 p.1–2: remarks and proposals, comments."""

    remarks_received = _count(_("Remarks and proposals received (C)"))
    remarks_accepted = _count(_("accepted (B)"))
    remarks_rejected = _count(_("rejected"))
    comments_received = _count(_("Comments received (G)"))
    comments_answered = _count(_("answered (E)"))
    comments_unanswered = _count(_("unanswered"))


class SubmissionLinkForm(BoundedForm):
    """000 §20 p.3–4: a link to an internet conference or survey, or a confirming material."""

    part = forms.ChoiceField(
        label=_("Part"),
        choices=[
            ("conference_links", _("Internet conferences and surveys on the open dialogue portal")),
            ("materials", _("Live broadcasts, briefings, mass-media publications")),
        ],
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    url = forms.URLField(label=_("Link"), max_length=500, assume_scheme="https")
    day = forms.DateField(label=_("Held or published on"), widget=DATE, required=False)


class SatisfactionImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))
