"""The Annex 8 conclusion on the pages: the analyst writes the conclusions and recommendations, everybody who
may see the body's conclusion asks for it as PDF or DOCX in Kazakh or Russian; the task worker makes it, its
page shows the progress and then the download (issue 14 item 7)."""

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
from ashyq.core.permissions import is_analyst
from ashyq.evaluation import selectors
from ashyq.evaluation.conclusion import recommendations_prefill
from ashyq.evaluation.conclusion_documents import CONCLUSION_FORMATS
from ashyq.evaluation.conclusions_read import enrolment_score
from ashyq.evaluation.models import Enrolment
from ashyq.evaluation.pinned import pinned_version
from ashyq.evaluation.services.conclusions import (
    can_see_conclusion,
    conclusion_document_request,
    conclusion_recommendations_save,
    current_document,
)
from ashyq.reports.http import document_response


def _enrolment(request: HttpRequest, pk: int) -> Enrolment:
    try:
        return selectors.enrolment_for_user(request.user, pk)
    except Enrolment.DoesNotExist:
        raise Http404 from None


def _visible(request: HttpRequest, pk: int, language: str, extension: str) -> Enrolment:
    """The body's conclusion for whoever may see it: the authorized body's staff once scored, the body's people
    once delivered; another body's people find nothing."""
    try:
        enrolment = _enrolment(request, pk)
    except PermissionDenied:
        raise Http404 from None
    if language not in {"kk", "ru"} or extension not in CONCLUSION_FORMATS:
        raise Http404
    if not can_see_conclusion(request.user, enrolment):
        raise Http404
    return enrolment


@login_required
def conclusion_document(request: HttpRequest, pk: int, language: str, extension: str) -> HttpResponse:
    """The kept document of the conclusion as it stands; while it is not made yet, its page."""
    enrolment = _visible(request, pk, language, extension)
    document = current_document(enrolment, language, extension)
    if document is None or document.status != document.Status.DONE:
        return redirect("evaluation:conclusion_job", pk, language, extension)
    with document.file.open("rb") as handle:
        content = handle.read()
    return document_response(content, filename=f"conclusion-{enrolment.pk}-{language}.{extension}")


@login_required
def conclusion_job(request: HttpRequest, pk: int, language: str, extension: str) -> HttpResponse:
    """Ask the task worker for the document (POST), follow its progress, then download it."""
    enrolment = _visible(request, pk, language, extension)
    if request.method == "POST":
        conclusion_document_request(enrolment=enrolment, language=language, file_format=extension, actor=request.user)
        return redirect("evaluation:conclusion_job", pk, language, extension)
    document = current_document(enrolment, language, extension)
    context = {"enrolment": enrolment, "document": document, "language": language, "extension": extension}
    template = "evaluation/_conclusion_progress.html" if request.htmx else "evaluation/conclusion_job.html"  # type: ignore[attr-defined]
    return render(request, template, context)


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
