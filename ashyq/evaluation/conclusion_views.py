"""The Annex 8 conclusion on the pages: the analyst writes the conclusions and recommendations, everybody who
may see the body's conclusion downloads it as PDF or DOCX in Kazakh or Russian (issue 14 item 7)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ashyq.core.errors import InvalidTransition
from ashyq.core.forms import BoundedForm
from ashyq.core.permissions import is_analyst, is_authorized_staff
from ashyq.evaluation import selectors
from ashyq.evaluation.conclusion import recommendations_prefill
from ashyq.evaluation.conclusion_documents import CONCLUSION_FORMATS, conclusion_file
from ashyq.evaluation.conclusions_read import enrolment_conclusion, enrolment_score
from ashyq.evaluation.models import Enrolment
from ashyq.evaluation.pinned import pinned_version
from ashyq.evaluation.services.conclusions import conclusion_recommendations_save
from ashyq.reports.http import document_response


def _enrolment(request: HttpRequest, pk: int) -> Enrolment:
    try:
        return selectors.enrolment_for_user(request.user, pk)
    except Enrolment.DoesNotExist:
        raise Http404 from None


@login_required
def conclusion_document(request: HttpRequest, pk: int, language: str, extension: str) -> HttpResponse:
    """The body's conclusion: the authorized body's staff once scored, the body's people once delivered."""
    enrolment = _enrolment(request, pk)
    if language not in {"kk", "ru"} or extension not in CONCLUSION_FORMATS or enrolment.final is None:
        raise Http404
    if not is_authorized_staff(request.user) and enrolment.conclusion_status != Enrolment.ConclusionStatus.DELIVERED:
        raise Http404
    content, filename = conclusion_file(enrolment_conclusion(enrolment, language), extension)  # type: ignore[arg-type]
    return document_response(content, filename=filename)


class RecommendationsForm(BoundedForm):
    kk = forms.CharField(
        label=gettext_lazy("Conclusions and recommendations in Kazakh"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20000,
        required=False,
    )
    ru = forms.CharField(
        label=gettext_lazy("Conclusions and recommendations in Russian"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20000,
        required=False,
    )


@login_required
def conclusion_recommendations(request: HttpRequest, pk: int) -> HttpResponse:
    """The analyst edits the conclusions and recommendations, prefilled from the points the body lost."""
    enrolment = _enrolment(request, pk)
    if not is_analyst(request.user):
        raise PermissionDenied(_("Only an analyst of the authorized body may do this."))
    if enrolment.final is None:
        raise Http404
    if request.method == "POST":
        form = RecommendationsForm(request.POST)
    else:
        version, score = pinned_version(enrolment.campaign.methodology), enrolment_score(enrolment)
        form = RecommendationsForm(
            initial={
                "kk": enrolment.recommendations_kk or recommendations_prefill(version, score, "kk"),
                "ru": enrolment.recommendations_ru or recommendations_prefill(version, score, "ru"),
            }
        )
    if form.is_valid():
        try:
            conclusion_recommendations_save(
                enrolment=enrolment, kk=form.cleaned_data["kk"], ru=form.cleaned_data["ru"], actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        except InvalidTransition as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The conclusions and recommendations are saved."))
            return redirect("evaluation:enrolment", pk)
    return render(request, "evaluation/recommendations.html", {"enrolment": enrolment, "form": form})
