"""Forms of the analysis pages; bounds come from the models and the shared year range of the feedback forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ashyq.analysis.models import TopicCluster
from ashyq.orgs.models import Body


class RunForm(forms.Form):
    body = forms.ModelChoiceField(label=_("State body"), queryset=Body.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2024, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Quarter"), coerce=int, choices=[(q, str(q)) for q in range(1, 5)])

    def __init__(self, *args: Any, bodies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies if bodies is not None else Body.objects.none()  # type: ignore[attr-defined]


class TopicNameForm(forms.Form):
    title_kk = forms.CharField(label=_("Topic (Kazakh)"), max_length=300)
    title_ru = forms.CharField(label=_("Topic (Russian)"), max_length=300)


class TopicMergeForm(forms.Form):
    into = forms.ModelChoiceField(label=_("Merge into"), queryset=TopicCluster.objects.none())

    def __init__(self, *args: Any, others: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = others if others is not None else TopicCluster.objects.none()  # type: ignore[attr-defined]


class FindingsForm(forms.Form):
    findings = forms.CharField(
        label=_("Analysis"),
        help_text=_("Prefilled from the texts of the quarter; correct and complete it before saving."),
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=20_000,
    )
