"""Pages of the analysis app: thin views — a form, one service, render or redirect (ARCHITECTURE rule 4)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ashyq.analysis import documents, forms, services
from ashyq.analysis.models import QuarterRun
from ashyq.analysis.selectors import cluster_for, clusters_of, runs_list
from ashyq.core.errors import InvalidTransition
from ashyq.core.http import AuthedRequest
from ashyq.core.permissions import body_ids_for, can_change_body_data, is_analyst, is_authorized_staff
from ashyq.feedback.models import QuarterlyAnalysis
from ashyq.orgs.models import Body, Role
from ashyq.reports.http import document_response


def _require_reader(request: AuthedRequest) -> None:
    if not (is_authorized_staff(request.user) or body_ids_for(request.user)):
        raise PermissionDenied


def _bodies(request: AuthedRequest) -> Any:
    """The bodies whose quarters the reader may analyse: an analyst's are all, an officer's their own."""
    bodies = Body.objects.filter(is_active=True, outside_feedback_scope=False)
    if is_analyst(request.user):
        return bodies
    return bodies.filter(pk__in=body_ids_for(request.user, (Role.OFFICER,)))


@login_required
def run_list(request: AuthedRequest) -> HttpResponse:
    """The analyses of quarters, and the form to analyse one (officers of the body, analysts)."""
    _require_reader(request)
    bodies = _bodies(request)
    form = forms.RunForm(request.POST or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        run = services.run_request(
            body=data["body"], year=data["year"], quarter_number=data["quarter"], actor=request.user
        )
        return redirect("analysis:run_detail", pk=run.pk)
    context = {
        "runs": runs_list(user=request.user)[:80],
        "form": form,
        "may_run": bodies.exists(),
    }
    return render(request, "analysis/run_list.html", context, status=400 if form.errors else 200)


def _run_context(request: AuthedRequest, run: QuarterRun, findings_form: Any = None) -> dict[str, Any]:
    may_change = can_change_body_data(request.user, run.body)
    clusters = list(clusters_of(run=run)) if run.status == QuarterRun.Status.DONE else []
    analysis = QuarterlyAnalysis.objects.filter(body=run.body, year=run.year, quarter=run.quarter).first()
    if findings_form is None and may_change and run.status == QuarterRun.Status.DONE:
        initial = analysis.findings if analysis else documents.findings_text(run)
        findings_form = forms.FindingsForm(initial={"findings": initial})
    return {
        "run": run,
        "may_change": may_change,
        "stale": services.run_is_stale(run),
        "channels": documents.channel_rows(run),
        "languages": documents.language_rows(run),
        "kinds": documents.kind_rows(run),
        "groups": run.groups.all()[:20] if run.status == QuarterRun.Status.DONE else [],
        "clusters": clusters,
        "analysis": analysis,
        "findings_form": findings_form
        if analysis is None or analysis.status == QuarterlyAnalysis.Status.DRAFT
        else None,
        "formats": documents.DOCUMENT_FORMATS,
        "document_languages": documents.DOCUMENT_LANGUAGES,
    }


@login_required
def run_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """The analysis of a quarter: its progress while it runs, then the figures, groups and topics."""
    run = get_object_or_404(runs_list(user=request.user), pk=pk)
    if request.htmx and not request.htmx.boosted:  # type: ignore[attr-defined]
        return render(request, "analysis/_progress.html", {"run": run})
    return render(request, "analysis/run_detail.html", _run_context(request, run))


@login_required
@require_POST
def run_again(request: AuthedRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(runs_list(user=request.user), pk=pk)
    services.run_request(body=run.body, year=run.year, quarter_number=run.quarter, actor=request.user)
    return redirect("analysis:run_detail", pk=run.pk)


@login_required
@require_POST
def prefill(request: AuthedRequest, pk: int) -> HttpResponse:
    """The officer's edited findings become the quarter's analysis of 000 §14 (feedback's workflow follows)."""
    run = get_object_or_404(runs_list(user=request.user), pk=pk)
    form = forms.FindingsForm(request.POST)
    if form.is_valid():
        try:
            services.quarterly_analysis_prefill(run=run, findings=form.cleaned_data["findings"], actor=request.user)
        except (InvalidTransition, ValidationError) as error:
            form.add_error(None, getattr(error, "message", None) or " ".join(error.messages))  # type: ignore[union-attr]
        else:
            messages.success(request, _("Saved. Add the recommendations and submit the analysis to the first head."))
            return redirect("feedback:analysis_list")
    return render(request, "analysis/run_detail.html", _run_context(request, run, form), status=400)


@login_required
def run_document(request: AuthedRequest, pk: int, language: str, extension: str) -> HttpResponse:
    run = get_object_or_404(runs_list(user=request.user).filter(status=QuarterRun.Status.DONE), pk=pk)
    if language not in documents.DOCUMENT_LANGUAGES or extension not in documents.DOCUMENT_FORMATS:
        raise Http404
    content, filename = documents.analysis_document(run=run, file_format=extension, language=language)
    return document_response(content, filename=filename)


@login_required
@require_POST
def topic_action(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    """Name (→ the §17 topics list), merge or split a found topic."""
    cluster = cluster_for(user=request.user, pk=pk)
    if cluster.merged_into_id is not None:
        raise Http404
    try:
        if action == "name":
            form: Any = forms.TopicNameForm(request.POST)
            if form.is_valid():
                services.cluster_name(cluster=cluster, actor=request.user, **form.cleaned_data)
        elif action == "merge":
            form = forms.TopicMergeForm(request.POST, others=clusters_of(run=cluster.run).exclude(pk=cluster.pk))
            if form.is_valid():
                services.cluster_merge(cluster=cluster, into=form.cleaned_data["into"], actor=request.user)
        elif action == "split":
            form = None
            services.cluster_split(cluster=cluster, actor=request.user)
        else:
            raise Http404
    except InvalidTransition as error:
        messages.error(request, error.message)
        return redirect("analysis:run_detail", pk=cluster.run_id)
    if form is not None and form.errors:
        context = _run_context(request, cluster.run)
        context.update({"topic_errors": form, "topic_error_pk": cluster.pk})
        return render(request, "analysis/run_detail.html", context, status=400)
    messages.success(request, _("Saved."))
    return redirect(reverse("analysis:run_detail", args=[cluster.run_id]) + "#topics")
