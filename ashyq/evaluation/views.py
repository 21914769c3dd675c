"""Campaign pages: the analyst's dashboard, the body's page (report, requests, provisional score)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ashyq.core.errors import InvalidTransition
from ashyq.core.permissions import body_ids_for, is_analyst, is_authorized_staff, require_analyst
from ashyq.evaluation import selectors
from ashyq.evaluation.models import Enrolment, ScoringRun
from ashyq.evaluation.services.reports import report_sign_off, report_submit
from ashyq.evaluation.services.scoring import provisional_score, scoring_run_request
from ashyq.orgs.models import Role


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    staff = is_authorized_staff(request.user)
    context = {
        "campaigns": selectors.campaigns_for_user(request.user) if staff else [],
        "is_staff": staff,
        "enrolments": Enrolment.objects.filter(body_id__in=body_ids_for(request.user)).select_related(
            "campaign", "body"
        ),
    }
    return render(request, "evaluation/campaign_list.html", context)


@login_required
def campaign_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    if not is_authorized_staff(request.user):
        raise PermissionDenied(_("Only the authorized body sees a campaign's dashboard."))
    campaign = get_object_or_404(selectors.campaigns_for_user(request.user), pk=pk)
    dashboard = selectors.campaign_dashboard(campaign, timezone.localdate())
    run = campaign.scoring_runs.first()
    context = {"campaign": campaign, "dashboard": dashboard, "run": run, "can_score": is_analyst(request.user)}
    return render(request, "evaluation/dashboard.html", context)


@login_required
@require_POST
def campaign_score(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(selectors.campaigns_for_user(request.user), pk=pk)
    try:
        run = scoring_run_request(campaign=campaign, actor=request.user)
    except InvalidTransition as error:
        messages.error(request, error.message)
        return redirect("evaluation:dashboard", pk)
    return redirect("evaluation:scoring_progress", run.pk)


@login_required
def scoring_progress(request: HttpRequest, pk: int) -> HttpResponse:
    require_analyst(request.user)
    run = get_object_or_404(ScoringRun.objects.select_related("campaign"), pk=pk)
    template = "evaluation/_progress.html" if request.htmx else "evaluation/progress.html"  # type: ignore[attr-defined]
    return render(request, template, {"run": run, "campaign": run.campaign})


@login_required
def enrolment_page(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        enrolment = selectors.enrolment_for_user(request.user, pk)
    except Enrolment.DoesNotExist:
        raise Http404 from None
    provisional = provisional_score(enrolment)
    own = body_ids_for(request.user, (Role.OFFICER,))
    heads = body_ids_for(request.user, (Role.FIRST_HEAD,))
    context = {
        "enrolment": enrolment,
        "campaign": enrolment.campaign,
        "provisional": provisional,
        "tables": selectors.report_tasks(enrolment, provisional),
        "requests": selectors.requests_of(enrolment),
        "late": enrolment.late(timezone.localdate()),
        "can_submit": enrolment.body_id in own and enrolment.can_submit() and enrolment.campaign.can_edit_reports(),
        "can_sign_off": enrolment.body_id in heads and enrolment.can_sign_off(),
    }
    return render(request, "evaluation/enrolment.html", context)


def _act(request: HttpRequest, pk: int, action: Callable[..., Enrolment], done: str) -> HttpResponse:
    try:
        enrolment = selectors.enrolment_for_user(request.user, pk)
    except Enrolment.DoesNotExist:
        raise Http404 from None
    try:
        action(enrolment=enrolment, actor=request.user)
    except InvalidTransition as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("evaluation:enrolment", pk)


@login_required
@require_POST
def enrolment_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, report_submit, _("The report was submitted to the first head."))


@login_required
@require_POST
def enrolment_sign_off(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, report_sign_off, _("The report was signed off."))
