"""Campaign pages: the analyst's dashboard, the body's page (report, requests, provisional score)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from ashyq.core.errors import InvalidTransition
from ashyq.core.forms import add_service_errors
from ashyq.core.permissions import body_ids_for, has_role, is_analyst, is_authorized_staff, require_analyst
from ashyq.evaluation import report_view, selectors
from ashyq.evaluation.forms import (
    CampaignForm,
    DeliveryForm,
    EnrolForm,
    EvidenceForm,
    RequestForm,
    TemplateUploadForm,
    UploadForm,
    ValueForm,
)
from ashyq.evaluation.models import (
    Campaign,
    DocumentRequest,
    Enrolment,
    Evidence,
    ReportImport,
    ScoringRun,
    SourceImport,
)
from ashyq.evaluation.pinned import pinned_version
from ashyq.evaluation.report_template import template_workbook
from ashyq.evaluation.services.campaigns import (
    campaign_close_collection,
    campaign_create,
    campaign_deliver,
    campaign_enrol,
    campaign_open,
    campaign_reopen_verification,
)
from ashyq.evaluation.services.conclusions import can_see_conclusion, conclusion_approve, conclusion_deliver
from ashyq.evaluation.services.imports import source_import_create
from ashyq.evaluation.services.prefill import report_prefill
from ashyq.evaluation.services.report_imports import report_import_create
from ashyq.evaluation.services.reports import (
    enrolment_slot,
    evidence_add,
    evidence_remove,
    fact_record,
    report_sign_off,
    report_submit,
)
from ashyq.evaluation.services.scoring import provisional_score, scoring_run_request
from ashyq.evaluation.services.verification import document_upload, request_answer, request_create, verification_record
from ashyq.orgs.models import CENTRAL_KINDS, Body, Role
from ashyq.reports.http import document_response
from ashyq.reports.xlsx import csv_table, xlsx_table

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The conclusion's documents offered on the body's page: language, format and the button's label.
CONCLUSION_DOCUMENTS = (
    ("kk", "pdf", "PDF (қаз.)"),
    ("ru", "pdf", "PDF (рус.)"),
    ("kk", "docx", "DOCX (қаз.)"),
    ("ru", "docx", "DOCX (рус.)"),
)


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    staff = is_authorized_staff(request.user)
    context = {
        "campaigns": selectors.campaigns_for_user(request.user) if staff else [],
        "is_staff": staff,
        "can_create": is_analyst(request.user),
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
        "can_prefill": (enrolment.body_id in own or is_analyst(request.user))
        and enrolment.campaign.can_edit_reports()
        and enrolment.can_edit_report(),
        "can_approve": has_role(request.user, {Role.AUTHORIZED_HEAD})
        and enrolment.campaign.status == Campaign.Status.SCORED
        and enrolment.can_approve_conclusion(),
        "can_deliver": is_analyst(request.user) and enrolment.can_deliver_conclusion(),
        "sees_conclusion": can_see_conclusion(request.user, enrolment),
        "conclusion_documents": CONCLUSION_DOCUMENTS,
        "can_write_recommendations": is_analyst(request.user)
        and enrolment.conclusion_status == Enrolment.ConclusionStatus.NONE,
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
def enrolment_prefill(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = _enrolment(request, pk)
    try:
        result = report_prefill(enrolment=enrolment, actor=request.user)
    except InvalidTransition as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Prefilled from Ashyq: %(values)s values and %(evidence)s lines of evidence.")
            % {"values": len(result.values), "evidence": len(result.evidence)},
        )
    return redirect("evaluation:enrolment", pk)


@login_required
@require_POST
def enrolment_sign_off(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, report_sign_off, _("The report was signed off."))


# ------------------------------------------------------------------------------------ the analyst's steps


@login_required
def campaign_new(request: HttpRequest) -> HttpResponse:
    require_analyst(request.user)
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = campaign_create(**form.cleaned_data, actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The campaign is created. Enrol the bodies next."))
            return redirect("evaluation:enrol", campaign.pk)
    status = 400 if request.method == "POST" else 200
    heading = _("New openness assessment campaign")
    return render(request, "evaluation/form.html", {"form": form, "heading": heading}, status=status)


@login_required
def campaign_enrol_page(request: HttpRequest, pk: int) -> HttpResponse:
    require_analyst(request.user)
    campaign = get_object_or_404(Campaign, pk=pk)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        bodies = list(data["bodies"])
        candidates = Body.objects.filter(is_active=True, is_authorized_body=False)
        if data["central"]:
            bodies += list(candidates.filter(kind__in=CENTRAL_KINDS))
        if data["local"]:
            bodies += list(candidates.exclude(kind__in=CENTRAL_KINDS))
        try:
            created = campaign_enrol(campaign=campaign, bodies=bodies, actor=request.user)
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
            return redirect("evaluation:dashboard", campaign.pk)
    status = 400 if request.method == "POST" else 200
    heading = _("Enrol bodies in %(campaign)s") % {"campaign": campaign.name}
    return render(request, "evaluation/form.html", {"form": form, "heading": heading}, status=status)


TRANSITIONS: dict[str, tuple[Callable[..., Campaign], StrOrPromise]] = {
    "open": (campaign_open, gettext_lazy("The campaign collects reports.")),
    "close": (campaign_close_collection, gettext_lazy("The reports are closed; verification begins.")),
    "reopen": (campaign_reopen_verification, gettext_lazy("Verification is open again.")),
    "deliver": (campaign_deliver, gettext_lazy("The campaign's conclusions are delivered; its scores are frozen.")),
}


@login_required
@require_POST
def campaign_transition(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    if verb not in TRANSITIONS:
        raise Http404
    campaign = get_object_or_404(selectors.campaigns_for_user(request.user), pk=pk)
    action, done = TRANSITIONS[verb]
    try:
        action(campaign=campaign, actor=request.user)
    except InvalidTransition as error:
        messages.error(request, error.message)
    else:
        messages.success(request, str(done))
    return redirect("evaluation:dashboard", pk)


# ------------------------------------------------------------------------------ the report and verification


def _enrolment(request: HttpRequest, pk: int) -> Enrolment:
    try:
        return selectors.enrolment_for_user(request.user, pk)
    except Enrolment.DoesNotExist:
        raise Http404 from None


def _editing(request: HttpRequest, enrolment: Enrolment) -> str:
    """Which form the reader gets on each row: the body's officer reports, the analyst verifies."""
    if enrolment.body_id in body_ids_for(request.user, (Role.OFFICER,)):
        return "report" if enrolment.campaign.can_edit_reports() and enrolment.can_edit_report() else ""
    if is_analyst(request.user) and enrolment.campaign.status in {Campaign.Status.VERIFYING, Campaign.Status.SCORED}:
        return "verify"
    return ""


def _table_page(
    request: HttpRequest, enrolment: Enrolment, table: str, bound: tuple[str, str, forms.Form] | None = None
) -> HttpResponse:
    tables = report_view.table_numbers(enrolment)
    names = dict(tables)
    if table not in names:
        raise Http404
    editing = _editing(request, enrolment)
    version = pinned_version(enrolment.campaign.methodology)
    context = {
        "enrolment": enrolment,
        "campaign": enrolment.campaign,
        "table": table,
        "table_name": names[table],
        "tables": tables,
        "indicators": report_view.table_view(enrolment, table, editing, bound),
        "editing": editing,
        "version": version,
        "can_add_evidence": editing == "report",
        "can_request": is_analyst(request.user) and enrolment.campaign.can_verify(),
        "evidence_form": EvidenceForm(),
        "request_form": RequestForm(),
    }
    return render(request, "evaluation/table.html", context, status=400 if bound else 200)


@login_required
def report_table(request: HttpRequest, pk: int, table: str) -> HttpResponse:
    return _table_page(request, _enrolment(request, pk), table)


@login_required
@require_POST
def report_value(request: HttpRequest, pk: int, indicator: str, language: str) -> HttpResponse:
    """Save one row (htmx: only the row comes back; without JavaScript the table page)."""
    enrolment = _enrolment(request, pk)
    lang = report_view.PARAM_LANGUAGE.get(language)
    if lang is None:
        raise Http404
    editing = _editing(request, enrolment)
    if not editing:
        raise PermissionDenied(_("You cannot change this report now."))
    try:
        slot = enrolment_slot(enrolment, indicator, lang)
    except ValidationError:
        raise Http404 from None
    form = report_view.row_form(enrolment, slot, editing, None, request.POST)
    assert form is not None
    if form.is_valid():
        assert isinstance(form, ValueForm)
        try:
            if editing == "verify":
                verification_record(
                    enrolment=enrolment,
                    indicator=indicator,
                    language=lang,
                    raw=form.raw_value(),
                    reason=form.cleaned_data.get("reason", ""),
                    actor=request.user,
                )
            else:
                fact_record(
                    enrolment=enrolment, indicator=indicator, language=lang, raw=form.raw_value(), actor=request.user
                )
        except ValidationError as error:
            add_service_errors(form, error)
        except InvalidTransition as error:
            form.add_error(None, error.message)
    table = report_view.table_of(enrolment, indicator)
    if form.errors:
        if request.htmx:  # type: ignore[attr-defined]
            return _row_response(request, enrolment, table, indicator, lang, (indicator, lang, form), status=400)
        return _table_page(request, enrolment, table, (indicator, lang, form))
    if request.htmx:  # type: ignore[attr-defined]
        return _row_response(request, enrolment, table, indicator, lang, None, saved=True)
    messages.success(request, _("Saved."))
    return redirect(f"{reverse('evaluation:table', args=[pk, table])}#indicator-{indicator}")


def _row_response(
    request: HttpRequest,
    enrolment: Enrolment,
    table: str,
    indicator: str,
    language: str,
    bound: tuple[str, str, forms.Form] | None,
    *,
    status: int = 200,
    saved: bool = False,
) -> HttpResponse:
    editing = _editing(request, enrolment)
    view = next(v for v in report_view.table_view(enrolment, table, editing, bound) if v.id == indicator)
    row = next(r for r in view.rows if r.slot.language == language)
    context = {
        "enrolment": enrolment,
        "row": row,
        "indicator": view,
        "saved": saved,
        "version": pinned_version(enrolment.campaign.methodology),
    }
    return render(request, "evaluation/_row.html", context, status=status)


def _uploading(request: HttpRequest, pk: int, table: str) -> tuple[Enrolment, str]:
    """The body's own officer, while its report is being filled in, and a table it reports; else 404."""
    try:
        enrolment = _enrolment(request, pk)
    except PermissionDenied:
        raise Http404 from None
    names = dict(report_view.table_numbers(enrolment))
    if _editing(request, enrolment) != "report" or table not in names:
        raise Http404
    return enrolment, names[table]


@login_required
def table_template(request: HttpRequest, pk: int, table: str) -> HttpResponse:
    """The table's XLSX template with what the body holds written in (issue 14 item 2)."""
    enrolment, name = _uploading(request, pk, table)
    content = template_workbook(enrolment, table, name)
    return document_response(content, filename=f"report-{enrolment.pk}-table-{table}.xlsx")


@login_required
def table_upload(request: HttpRequest, pk: int, table: str) -> HttpResponse:
    """Upload the filled-in template; the task worker checks and stores it, all rows or none."""
    enrolment, name = _uploading(request, pk, table)
    form = TemplateUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = report_import_create(
                enrolment=enrolment,
                table=table,
                file=form.cleaned_data["file"],
                marking=form.cleaned_data["marking"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except InvalidTransition as error:
            form.add_error(None, error.message)
        else:
            return redirect("evaluation:report_import", job.pk)
    context = {
        "enrolment": enrolment,
        "campaign": enrolment.campaign,
        "table": table,
        "table_name": name,
        "form": form,
        "jobs": enrolment.report_imports.filter(table=table)[:10],
    }
    return render(request, "evaluation/report_upload.html", context, status=400 if form.errors else 200)


@login_required
def report_import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An uploaded table: its progress, then what was stored or every bad row (the body's officer only)."""
    job = get_object_or_404(ReportImport.objects.select_related("enrolment__campaign", "enrolment__body"), pk=pk)
    if job.enrolment.body_id not in body_ids_for(request.user, (Role.OFFICER,)):
        raise Http404
    template = "evaluation/_report_import_progress.html" if request.htmx else "evaluation/report_import.html"  # type: ignore[attr-defined]
    return render(request, template, {"job": job, "enrolment": job.enrolment})


@login_required
@require_POST
def evidence_new(request: HttpRequest, pk: int, indicator: str) -> HttpResponse:
    enrolment = _enrolment(request, pk)
    if _editing(request, enrolment) != "report":
        raise PermissionDenied(_("You cannot change this report now."))
    table = report_view.table_of(enrolment, indicator)
    form = EvidenceForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        fields = {key: value for key, value in data.items() if key not in {"language", "kind"}}
        fields = {key: value for key, value in fields.items() if value not in (None, "")}
        try:
            evidence_add(
                enrolment=enrolment,
                indicator=indicator,
                language=data["language"],
                kind=data["kind"],
                fields=fields,
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except InvalidTransition as error:
            form.add_error(None, error.message)
    if form.errors:
        context = {"enrolment": enrolment, "form": form, "heading": _("Add evidence"), "indicator": indicator}
        return render(request, "evaluation/form.html", context, status=400)
    messages.success(request, _("The evidence is added."))
    return redirect(f"{reverse('evaluation:table', args=[pk, table])}#indicator-{indicator}")


@login_required
@require_POST
def evidence_delete(request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    enrolment = _enrolment(request, pk)
    evidence = get_object_or_404(Evidence, pk=evidence_pk, enrolment=enrolment)
    try:
        evidence_remove(evidence=evidence, actor=request.user)
    except InvalidTransition as error:
        messages.error(request, error.message)
    table = report_view.table_of(enrolment, evidence.indicator)
    return redirect(f"{reverse('evaluation:table', args=[pk, table])}#indicator-{evidence.indicator}")


@login_required
@require_POST
def request_new(request: HttpRequest, pk: int, indicator: str) -> HttpResponse:
    enrolment = _enrolment(request, pk)
    form = RequestForm(request.POST)
    if form.is_valid():
        try:
            request_create(enrolment=enrolment, indicator=indicator, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except InvalidTransition as error:
            form.add_error(None, error.message)
    if form.errors:
        context = {"enrolment": enrolment, "form": form, "heading": _("Request confirming documents")}
        return render(request, "evaluation/form.html", context, status=400)
    messages.success(request, _("The documents are requested."))
    return redirect(
        f"{reverse('evaluation:table', args=[pk, report_view.table_of(enrolment, indicator)])}#indicator-{indicator}"
    )


@login_required
def request_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A request for documents: the body uploads files and sends its answer (002 §16)."""
    document_request = get_object_or_404(
        DocumentRequest.objects.select_related("enrolment__body", "enrolment__campaign"), pk=pk
    )
    enrolment = _enrolment(request, document_request.enrolment_id)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and "answer" in request.POST:
        try:
            request_answer(request=document_request, actor=request.user)
        except ValidationError as error:
            form = UploadForm()
            add_service_errors(form, error)
        except InvalidTransition as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The answer is sent."))
            return redirect("evaluation:enrolment", enrolment.pk)
    elif request.method == "POST" and form.is_valid():
        try:
            document_upload(
                request=document_request,
                file=form.cleaned_data["file"],
                marking=form.cleaned_data["marking"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except InvalidTransition as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The document is uploaded."))
            return redirect("evaluation:request", pk)
    context = {
        "enrolment": enrolment,
        "item": document_request,
        "form": form,
        "can_answer": document_request.can_answer()
        and enrolment.body_id in body_ids_for(request.user, (Role.OFFICER, Role.FIRST_HEAD)),
        "today": timezone.localdate(),
    }
    return render(request, "evaluation/request.html", context, status=400 if form.errors else 200)


# ----------------------------------------------------------------------------------- ranking and conclusions


@login_required
def ranking(request: HttpRequest, pk: int) -> HttpResponse:
    if not is_authorized_staff(request.user):
        raise PermissionDenied(_("Only the authorized body sees a campaign's ranking before publication."))
    campaign = get_object_or_404(Campaign, pk=pk)
    groups = selectors.campaign_ranking(campaign)
    context = {"campaign": campaign, "central": groups["central"], "local": groups["local"]}
    return render(request, "evaluation/ranking.html", context)


def _ranking_table(campaign: Campaign) -> tuple[list[str], list[list[object]]]:
    headers = [
        str(_("Group")),
        str(_("Place")),
        str(_("State body")),
        str(_("Total by criteria")),
        str(_("Penalty deduction")),
        str(_("Final score with penalty")),
    ]
    rows: list[list[object]] = []
    for kind, label in Enrolment.Kind.choices:
        for row in selectors.campaign_ranking(campaign)[kind]:
            enrolment = row.enrolment
            rows.append(
                [
                    str(label),
                    row.place,
                    enrolment.body.name,
                    selectors.display_points(enrolment.total),
                    selectors.display_points(enrolment.penalty),
                    selectors.display_points(enrolment.final),
                ]
            )
    return headers, rows


@login_required
def ranking_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    if not is_authorized_staff(request.user):
        raise PermissionDenied(_("Only the authorized body sees a campaign's ranking before publication."))
    campaign = get_object_or_404(Campaign, pk=pk)
    headers, rows = _ranking_table(campaign)
    if fmt == "csv":
        content = csv_table(headers=headers, rows=rows)
    else:
        content = xlsx_table(title=str(_("Ranking")), headers=headers, rows=rows, heading=campaign.name)
    return document_response(content, filename=f"ranking-{campaign.pk}.{fmt}")


@login_required
@require_POST
def conclusion_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, conclusion_approve, _("The conclusion is approved."))


@login_required
def conclusion_deliver_view(request: HttpRequest, pk: int) -> HttpResponse:
    require_analyst(request.user)
    enrolment = _enrolment(request, pk)
    form = DeliveryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            conclusion_deliver(enrolment=enrolment, received_on=form.cleaned_data["received_on"], actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        except InvalidTransition as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The delivery is recorded and the body is notified."))
            return redirect("evaluation:enrolment", pk)
    heading = _("Record the delivery of the conclusion")
    return render(
        request, "evaluation/form.html", {"form": form, "heading": heading}, status=400 if form.errors else 200
    )


# ------------------------------------------------------------------------------------- §10 data-source imports


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV or XLSX file"))


@login_required
def campaign_imports(request: HttpRequest, pk: int) -> HttpResponse:
    require_analyst(request.user)
    campaign = get_object_or_404(Campaign, pk=pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = source_import_create(campaign=campaign, file=form.cleaned_data["file"], actor=request.user)
        except InvalidTransition as error:
            form.add_error(None, error.message)
        else:
            return redirect("evaluation:import", job.pk)
    context = {"campaign": campaign, "form": form, "jobs": campaign.imports.all()[:20]}
    return render(request, "evaluation/imports.html", context, status=400 if form.errors else 200)


@login_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_analyst(request.user)
    job = get_object_or_404(SourceImport.objects.select_related("campaign"), pk=pk)
    template = "evaluation/_import_progress.html" if request.htmx else "evaluation/import.html"  # type: ignore[attr-defined]
    return render(request, template, {"job": job, "campaign": job.campaign})
