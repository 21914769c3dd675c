"""Pages of the registry (thin views, ARCHITECTURE rule 4): a selector, one service, render or redirect."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ashyq.core.errors import InvalidTransition
from ashyq.core.forms import add_service_errors
from ashyq.core.http import AuthedRequest
from ashyq.core.i18n import active_language
from ashyq.core.permissions import body_ids_for, is_analyst, is_authorized_staff
from ashyq.orgs.models import Body, Role
from ashyq.registry import exports, selectors
from ashyq.registry.forms import (
    ApplicationForm,
    ChangeRequestForm,
    DecisionForm,
    RegistryFilterForm,
    TerminationForm,
)
from ashyq.registry.models import ChannelApplication, EntryRequest
from ashyq.registry.services.applications import (
    channel_application_attachment_remove,
    channel_application_create,
    channel_application_decide,
    channel_application_review_start,
    channel_application_submit,
    channel_application_update,
)
from ashyq.registry.services.channels import entry_change_file, entry_request_enter, entry_termination_file
from ashyq.reports.http import document_response

REGISTRY_PAGE_SIZE = 50
QUEUE_PAGE_SIZE = 50


def _found(fetch: Callable[[], Any]) -> Any:
    """The selector's object, or 404 when it does not exist or the reader may not see it."""
    try:
        return fetch()
    except ObjectDoesNotExist:
        raise Http404 from None


# --- the public registry (004 §8, Annex 2) ---


def registry_list(request: HttpRequest) -> HttpResponse:
    form = RegistryFilterForm(request.GET or None)
    channels = selectors.registry_entries(**form.filters())
    page = Paginator(channels, REGISTRY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/registry_list.html",
        {"form": form, "page": page, "headers": exports.annex2_headers(), "query": request.GET.urlencode()},
    )


def registry_export(request: HttpRequest, fmt: str) -> HttpResponse:
    channels = selectors.registry_entries(**RegistryFilterForm(request.GET or None).filters())
    name = f"registry-{active_language()}"
    if fmt == "xlsx":
        return document_response(exports.registry_xlsx(channels), filename=f"{name}.xlsx")
    if fmt == "csv":
        return document_response(exports.registry_csv(channels), filename=f"{name}.csv")
    return document_response(exports.registry_pdf(channels), filename=f"{name}.pdf")


def channel_detail(request: HttpRequest, number: int) -> HttpResponse:
    channel = _found(lambda: selectors.registry_entry(number=number))
    is_officer = channel.body_id in body_ids_for(request.user, (Role.OFFICER,))
    return render(request, "registry/channel_detail.html", {"channel": channel, "is_officer": is_officer})


# --- dashboards (issue 6 item 5) ---


@login_required
def dashboard(request: AuthedRequest) -> HttpResponse:
    if not (is_authorized_staff(request.user) or body_ids_for(request.user)):
        raise PermissionDenied
    status = request.GET.get("status", "")
    applications = selectors.applications_queue(user=request.user, status=status)
    page = Paginator(applications, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "status": status,
        "statuses": ChannelApplication.Status.choices,
        "requests": selectors.requests_queue(user=request.user, status=EntryRequest.Status.SUBMITTED),
        "channels": selectors.body_channels(user=request.user),
        "notices": selectors.body_notices(user=request.user)[:20],
        "can_file": bool(body_ids_for(request.user, (Role.OFFICER,))),
    }
    return render(request, "registry/dashboard.html", context)


# --- applications (004 §3–6, Annex 1) ---


def _officer_bodies(request: AuthedRequest) -> list[Body]:
    return list(Body.objects.filter(pk__in=body_ids_for(request.user, (Role.OFFICER,))).order_by("name_ru"))


@login_required
def application_new(request: AuthedRequest) -> HttpResponse:
    bodies = _officer_bodies(request)
    if not bodies:
        raise PermissionDenied(_("Only an officer of a state body may file an application."))
    chosen = next((body for body in bodies if str(body.pk) == request.POST.get("body")), bodies[0])
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = channel_application_create(
                body=chosen, data=form.cleaned_data, uploads=form.cleaned_data["attachments"], actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The draft application has been saved."))
            return redirect("registry:application_detail", pk=application.pk)
    return render(request, "registry/application_form.html", {"form": form, "bodies": bodies, "chosen": chosen})


@login_required
def application_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    application = _found(lambda: selectors.application_detail(user=request.user, pk=pk))
    if application.body_id not in body_ids_for(request.user, (Role.OFFICER,)):
        # Only the applicant body's officers edit a draft: the page is refused before anything is typed into it.
        raise PermissionDenied(_("Only an officer of the applicant body may do this."))
    form = ApplicationForm(request.POST or None, request.FILES or None, instance=application)
    if request.method == "POST" and form.is_valid():
        try:
            channel_application_update(
                application=application, data=form.cleaned_data, uploads=form.cleaned_data["attachments"],
                actor=request.user,
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        except InvalidTransition as error:
            messages.error(request, error.message)
            return redirect("registry:application_detail", pk=pk)
        else:
            messages.success(request, _("The draft application has been saved."))
            return redirect("registry:application_detail", pk=pk)
    return render(request, "registry/application_form.html", {"form": form, "application": application})


@login_required
def application_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    application = _found(lambda: selectors.application_detail(user=request.user, pk=pk))
    return _render_application(request, application, DecisionForm())


def _render_application(request: AuthedRequest, application: ChannelApplication, form: DecisionForm) -> HttpResponse:
    analyst = is_analyst(request.user)
    context = {
        "application": application,
        "items": exports.application_items(application),
        "is_officer": application.body_id in body_ids_for(request.user, (Role.OFFICER,)),
        "is_analyst": analyst,
        "similar": selectors.similar_channels(application=application) if analyst else [],
        "form": form,
    }
    return render(request, "registry/application_detail.html", context)


def _transition(request: AuthedRequest, pk: int, service: Callable[..., Any], done: str) -> HttpResponse:
    application = _found(lambda: selectors.application_detail(user=request.user, pk=pk))
    try:
        service(application=application, actor=request.user)
    except InvalidTransition as error:
        messages.error(request, error.message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("registry:application_detail", pk=pk)


@require_POST
@login_required
def application_submit(request: AuthedRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, channel_application_submit, _("The application has been submitted."))


@require_POST
@login_required
def application_review(request: AuthedRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, channel_application_review_start, _("The application has been taken into review."))


@require_POST
@login_required
def application_decide(request: AuthedRequest, pk: int) -> HttpResponse:
    application = _found(lambda: selectors.application_detail(user=request.user, pk=pk))
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            channel_application_decide(
                application=application, decision=form.cleaned_data["decision"], findings=form.findings(),
                reasons=form.cleaned_data["refusal_reasons"], actor=request.user,
            )  # fmt: skip
        except InvalidTransition as error:
            messages.error(request, error.message)
            return redirect("registry:application_detail", pk=pk)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The decision has been recorded; the applicant will be notified."))
            return redirect("registry:application_detail", pk=pk)
    return _render_application(request, application, form)


@login_required
def application_document(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    application = _found(lambda: selectors.application_detail(user=request.user, pk=pk))
    name = f"application-{application.pk}-{active_language()}"
    if fmt == "docx":
        return document_response(exports.application_docx(application), filename=f"{name}.docx")
    return document_response(exports.application_pdf(application), filename=f"{name}.pdf")


@login_required
def decision_letter(request: AuthedRequest, pk: int) -> HttpResponse:
    application = _found(lambda: selectors.application_detail(user=request.user, pk=pk))
    if not application.is_decided:
        raise Http404
    return document_response(exports.decision_letter_pdf(application), filename=f"decision-{application.pk}.pdf")


@require_POST
@login_required
def attachment_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    attachment = _found(lambda: selectors.attachment_for(user=request.user, pk=pk))
    try:
        application = channel_application_attachment_remove(attachment=attachment, actor=request.user)
    except InvalidTransition as error:
        messages.error(request, error.message)
        return redirect("registry:dashboard")
    messages.success(
        request, _("The file %(name)s has been removed from the draft.") % {"name": attachment.original_name}
    )
    return redirect("registry:application_edit", pk=application.pk)


@login_required
def attachment_download(request: AuthedRequest, pk: int) -> FileResponse:
    attachment = _found(lambda: selectors.attachment_for(user=request.user, pk=pk))
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)


# --- keeping the registry (004 §9–13, Annex 3) ---


def _officers_channel(request: AuthedRequest, number: int) -> Any:
    channel = _found(lambda: selectors.registry_entry(number=number))
    if channel.body_id not in body_ids_for(request.user, (Role.OFFICER,)):
        raise PermissionDenied(_("Only an officer of the applicant body may do this."))
    return channel


@login_required
def change_new(request: AuthedRequest, number: int) -> HttpResponse:
    channel = _officers_channel(request, number)
    initial = {name: getattr(channel, name) for name in channel.WORDING_FIELDS}
    form = ChangeRequestForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        return _file(request, form, channel, lambda: entry_change_file(
            channel=channel, new_wording=form.new_wording(), justification=data["justification"],
            signer_name=data["signer_name"], signer_position=data["signer_position"], uploads=data["attachments"],
            actor=request.user,
        ))  # fmt: skip
    return render(request, "registry/request_form.html", {"form": form, "channel": channel, "kind": "change"})


@login_required
def termination_new(request: AuthedRequest, number: int) -> HttpResponse:
    channel = _officers_channel(request, number)
    form = TerminationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        return _file(request, form, channel, lambda: entry_termination_file(
            channel=channel, notice=data["notice"], terminated_on=data["terminated_on"],
            uploads=data["attachments"], actor=request.user,
        ))  # fmt: skip
    return render(request, "registry/request_form.html", {"form": form, "channel": channel, "kind": "termination"})


def _file(request: AuthedRequest, form: Any, channel: Any, call: Callable[[], EntryRequest]) -> HttpResponse:
    try:
        filed = call()
    except InvalidTransition as error:
        form.add_error(None, error.message)
    except ValidationError as error:
        add_service_errors(form, error)
    else:
        messages.success(request, _("The request has been sent to the authorized body."))
        return redirect("registry:request_detail", pk=filed.pk)
    kind = "change" if isinstance(form, ChangeRequestForm) else "termination"
    return render(request, "registry/request_form.html", {"form": form, "channel": channel, "kind": kind})


@login_required
def request_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    entry_request = _found(lambda: selectors.request_detail(user=request.user, pk=pk))
    context = {
        "entry_request": entry_request,
        "is_analyst": is_analyst(request.user),
        "current": exports.wording_rows(entry_request.current_wording),
        "new": exports.wording_rows(entry_request.new_wording),
    }
    return render(request, "registry/request_detail.html", context)


@require_POST
@login_required
def request_enter(request: AuthedRequest, pk: int) -> HttpResponse:
    entry_request = _found(lambda: selectors.request_detail(user=request.user, pk=pk))
    try:
        entry_request_enter(request=entry_request, actor=request.user)
    except InvalidTransition as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The registry has been updated."))
    return redirect("registry:request_detail", pk=pk)


@login_required
def request_document(request: AuthedRequest, pk: int) -> HttpResponse:
    entry_request = _found(lambda: selectors.request_detail(user=request.user, pk=pk))
    return document_response(exports.change_request_pdf(entry_request), filename=f"request-{entry_request.pk}.pdf")
