"""Pages of the evaluation of feedback (000 chapter 3; issue 14 item 10): the analyst's evaluations, requests,
survey import and table of F; the body's submission of the four parts of §20. Thin: services write, selectors
read with the body scope."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from ashyq.core.errors import InvalidTransition
from ashyq.core.forms import add_service_errors
from ashyq.core.i18n import shown_decimal
from ashyq.core.permissions import body_ids_for, is_analyst, is_authorized_staff, require_analyst
from ashyq.evaluation import feedback_selectors as selectors
from ashyq.evaluation.feedback_forms import (
    FeedbackEnrolForm,
    FeedbackEvaluationForm,
    SatisfactionImportForm,
    SubmissionCountsForm,
    SubmissionLinkForm,
    feedback_bodies,
)
from ashyq.evaluation.feedback_models import FeedbackEvaluation, FeedbackSubmission, SatisfactionImport
from ashyq.evaluation.services.feedback_evaluations import (
    COUNT_FIELDS,
    OFFICER,
    feedback_evaluation_close,
    feedback_evaluation_create,
    feedback_evaluation_enrol,
    feedback_evaluation_publish,
    feedback_evaluation_reopen,
    feedback_evaluation_request,
    feedback_submission_link_add,
    feedback_submission_link_remove,
    feedback_submission_prefill,
    feedback_submission_submit,
    feedback_submission_update,
)
from ashyq.evaluation.services.satisfaction_imports import satisfaction_import_create
from ashyq.orgs.models import Role
from ashyq.reports.http import document_response

EXPORT_FORMATS = {"csv", "xlsx"}


@login_required
def evaluation_list(request: HttpRequest) -> HttpResponse:
    """The authorized body's evaluations; a body's people their own body's submissions."""
    staff = is_authorized_staff(request.user)
    context = {
        "evaluations": selectors.evaluations_for_user(request.user) if staff else [],
        "is_staff": staff,
        "can_create": is_analyst(request.user),
        "submissions": [] if staff else selectors.submissions_for_user(request.user),
        "today": timezone.localdate(),
    }
    return render(request, "evaluation/feedback_list.html", context)


@login_required
def evaluation_new(request: HttpRequest) -> HttpResponse:
    require_analyst(request.user)
    form = FeedbackEvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation = feedback_evaluation_create(**form.cleaned_data, actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The evaluation is prepared. Enrol the bodies next."))
            return redirect("evaluation:feedback_enrol", evaluation.pk)
    heading = _("New evaluation of feedback")
    return render(
        request, "evaluation/form.html", {"form": form, "heading": heading}, status=400 if form.errors else 200
    )


@login_required
def evaluation_enrol(request: HttpRequest, pk: int) -> HttpResponse:
    require_analyst(request.user)
    evaluation = selectors.evaluation_for_staff(request.user, pk)
    form = FeedbackEnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        bodies = list(form.cleaned_data["bodies"])
        if form.cleaned_data["every"]:
            bodies += list(feedback_bodies().order_by("name_ru"))
        try:
            created = feedback_evaluation_enrol(evaluation=evaluation, bodies=bodies, actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        except InvalidTransition as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                ngettext("%(count)d body enrolled.", "%(count)d bodies enrolled.", len(created))
                % {"count": len(created)},
            )
            return redirect("evaluation:feedback_evaluation", evaluation.pk)
    heading = _("Enrol bodies in %(evaluation)s") % {"evaluation": evaluation.name}
    return render(
        request, "evaluation/form.html", {"form": form, "heading": heading}, status=400 if form.errors else 200
    )


def _rows_and_sort(request: HttpRequest, evaluation: FeedbackEvaluation) -> tuple[list[selectors.Row], str]:
    return selectors.evaluation_rows(evaluation, timezone.localdate(), request.GET.get("sort", ""))


@login_required
def evaluation_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Every enrolled body: state, counts, F (rounded once), band, late; sortable; the analyst's actions."""
    evaluation = selectors.evaluation_for_staff(request.user, pk)
    rows, sort = _rows_and_sort(request, evaluation)
    context = {
        "evaluation": evaluation,
        "rows": rows,
        "sort": sort,
        "sorts": {key: (f"-{key}" if sort == key else key) for key in selectors.SORTS},
        "can_act": is_analyst(request.user),
        "submitted": sum(1 for row in rows if row.submission.status == FeedbackSubmission.Status.SUBMITTED),
        "late": sum(1 for row in rows if row.late),
    }
    return render(request, "evaluation/feedback_evaluation.html", context)


@login_required
def evaluation_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_FORMATS:
        raise Http404
    evaluation = selectors.evaluation_for_staff(request.user, pk)
    rows, _sort = _rows_and_sort(request, evaluation)
    content = selectors.evaluation_export(rows, file_format=fmt, heading=evaluation.name)
    return document_response(content, filename=f"indicator-f-{evaluation.pk}.{fmt}")


TRANSITIONS: dict[str, tuple[Callable[..., FeedbackEvaluation], object]] = {
    "request": (feedback_evaluation_request, gettext_lazy("The request is sent to the bodies.")),
    "close": (feedback_evaluation_close, gettext_lazy("The submissions are closed.")),
    "reopen": (feedback_evaluation_reopen, gettext_lazy("The submissions are open again.")),
    "publish": (feedback_evaluation_publish, gettext_lazy("The evaluation is published; it is frozen from now on.")),
}


@login_required
@require_POST
def evaluation_transition(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    if verb not in TRANSITIONS:
        raise Http404
    evaluation = selectors.evaluation_for_staff(request.user, pk)
    action, done = TRANSITIONS[verb]
    try:
        action(evaluation=evaluation, actor=request.user)
    except InvalidTransition as error:
        messages.error(request, error.message)
    else:
        messages.success(request, str(done))
    return redirect("evaluation:feedback_evaluation", pk)


@login_required
def satisfaction_imports(request: HttpRequest, pk: int) -> HttpResponse:
    """The §21 survey of the population's satisfaction: upload and the list of imports."""
    require_analyst(request.user)
    evaluation = selectors.evaluation_for_staff(request.user, pk)
    form = SatisfactionImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = satisfaction_import_create(evaluation=evaluation, file=form.cleaned_data["file"], actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        except InvalidTransition as error:
            form.add_error(None, error.message)
        else:
            return redirect("evaluation:feedback_satisfaction_import", job.pk)
    context = {"evaluation": evaluation, "form": form, "jobs": evaluation.satisfaction_imports.all()[:20]}
    return render(request, "evaluation/feedback_satisfaction.html", context, status=400 if form.errors else 200)


@login_required
def satisfaction_import(request: HttpRequest, pk: int) -> HttpResponse:
    require_analyst(request.user)
    job = get_object_or_404(SatisfactionImport.objects.select_related("evaluation"), pk=pk)
    htmx = bool(getattr(request, "htmx", False))
    template = "evaluation/_feedback_import_progress.html" if htmx else "evaluation/feedback_import.html"
    return render(request, template, {"job": job, "evaluation": job.evaluation})


# ---------------------------------------------------------------------------------- the body's submission


def _submission_page(
    request: HttpRequest,
    submission: FeedbackSubmission,
    counts_form: SubmissionCountsForm | None = None,
    link_form: SubmissionLinkForm | None = None,
) -> HttpResponse:
    own = submission.body_id in body_ids_for(request.user, (Role.OFFICER,))
    initial = {name: getattr(submission, name) for name in COUNT_FIELDS}
    sources = {
        name: _("entered by the officer")
        if submission.counts_source.get(name) == OFFICER
        else _("from Ashyq's records")
        for name in COUNT_FIELDS
        if name in submission.counts_source
    }
    context = {
        "submission": submission,
        "evaluation": submission.evaluation,
        "can_edit": own and submission.can_edit(),
        "counts_form": counts_form or SubmissionCountsForm(initial=initial),
        "link_form": link_form or SubmissionLinkForm(),
        "count_rows": [
            (field, getattr(submission, field.name), sources.get(field.name, ""))
            for field in (counts_form or SubmissionCountsForm(initial=initial))
        ],
        "late": submission.late(timezone.localdate()),
        "band": selectors.band_name(submission),
        "explanation": selectors.explanation_text(submission),
        "shown": shown_decimal(submission.f_display) if submission.f_display else "",
        "is_staff": is_authorized_staff(request.user),
    }
    status = 400 if (counts_form is not None and counts_form.errors) or (link_form and link_form.errors) else 200
    return render(request, "evaluation/feedback_submission.html", context, status=status)


@login_required
def submission_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The body's submission: the four parts of §20, where each count came from, F once submitted; the officer
    corrects the counts here (POST)."""
    submission = selectors.submission_for_user(request.user, pk)
    if request.method != "POST":
        return _submission_page(request, submission)
    form = SubmissionCountsForm(request.POST)
    if form.is_valid():
        try:
            feedback_submission_update(submission=submission, counts=form.cleaned_data, actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        except InvalidTransition as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("evaluation:feedback_submission", pk)
    return _submission_page(request, submission, counts_form=form)


@login_required
@require_POST
def submission_link_add(request: HttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_for_user(request.user, pk)
    form = SubmissionLinkForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            feedback_submission_link_add(
                submission=submission,
                part=data["part"],
                title=data["title"],
                url=data["url"],
                day=data["day"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except InvalidTransition as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The link is added."))
            return redirect("evaluation:feedback_submission", pk)
    return _submission_page(request, submission, link_form=form)


@login_required
@require_POST
def submission_link_remove(request: HttpRequest, pk: int, part: str, index: int) -> HttpResponse:
    submission = selectors.submission_for_user(request.user, pk)
    try:
        feedback_submission_link_remove(submission=submission, part=part, index=index, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except InvalidTransition as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The link is removed."))
    return redirect("evaluation:feedback_submission", pk)


def _act(request: HttpRequest, pk: int, action: Callable[..., FeedbackSubmission], done: str) -> HttpResponse:
    submission = selectors.submission_for_user(request.user, pk)
    try:
        action(submission=submission, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except InvalidTransition as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("evaluation:feedback_submission", pk)


@login_required
@require_POST
def submission_prefill(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, feedback_submission_prefill, _("Filled in again from Ashyq's records."))


@login_required
@require_POST
def submission_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, feedback_submission_submit, _("The submission is sent to the authorized body."))
