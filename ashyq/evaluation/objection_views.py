"""Pages of the objection procedure (002 §109–119): the body's answer, the analyst's overview and the Agency,
the commission, and the running terms. Each page shows only the actions its reader may take; a form with
errors comes back bound with an error summary."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ashyq.core.calendar import working_days_between
from ashyq.core.errors import InvalidTransition
from ashyq.core.forms import add_service_errors
from ashyq.core.permissions import body_ids_for, is_analyst, is_authorized_staff
from ashyq.evaluation import selectors
from ashyq.evaluation.deadlines import running_terms
from ashyq.evaluation.facts import Slot, required_slots
from ashyq.evaluation.labels import indicator_name
from ashyq.evaluation.models import (
    Campaign,
    Commission,
    ConclusionResponse,
    DisagreementRow,
    Enrolment,
)
from ashyq.evaluation.objection_documents import minutes_docx, minutes_pdf, summary_xlsx
from ashyq.evaluation.objection_forms import (
    CommissionForm,
    CorrectionForm,
    DecisionForm,
    DocumentForm,
    PresentForm,
    ReasonForm,
    RowForm,
    SeatFormSet,
    SentForm,
)
from ashyq.evaluation.pinned import pinned_version
from ashyq.evaluation.services.agency import agency_correct, agency_due, agency_send, open_items
from ashyq.evaluation.services.commissions import Seat, commission_form, commission_hold, is_member, row_decide
from ashyq.evaluation.services.objections import (
    in_term,
    objection_accept_late,
    objection_document_add,
    objection_file,
    objection_row_remove,
    objection_row_save,
    response_agree,
    slot_points,
)
from ashyq.evaluation.services.rescoring import moved
from ashyq.methodology.versions import OpennessVersion
from ashyq.orgs.models import Role
from ashyq.reports.http import document_response


def _answer_enrolment(request: HttpRequest, pk: int) -> Enrolment:
    try:
        enrolment = selectors.enrolment_for_user(request.user, pk)
    except Enrolment.DoesNotExist:
        raise Http404 from None
    if enrolment.conclusion_status != Enrolment.ConclusionStatus.DELIVERED:
        raise Http404
    return enrolment


def _slot(enrolment: Enrolment, version: OpennessVersion, key: str) -> Slot | None:
    indicator, _sep, language = key.partition(":")
    for slot in required_slots(version, enrolment.kind, enrolment.exemptions):
        if slot.indicator == indicator and slot.language == language:
            return slot
    return None


@login_required
def answer_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The body's answer to its conclusion: agree, or prepare and send the disagreement table (§109, §112)."""
    enrolment = _answer_enrolment(request, pk)
    version = pinned_version(enrolment.campaign.methodology)
    own = enrolment.body_id in body_ids_for(request.user, (Role.OFFICER, Role.FIRST_HEAD))
    response: ConclusionResponse | None = ConclusionResponse.objects.filter(enrolment=enrolment).first()
    today = timezone.localdate()
    editable = (
        own
        and in_term(enrolment, response, today)
        and enrolment.campaign.status != Campaign.Status.SENT
        and (response is None or response.can_edit())
    )
    slot_key = request.POST.get("slot") or request.GET.get("slot", "")
    slot = _slot(enrolment, version, slot_key) if slot_key else None
    row_form = document_form = None
    if editable and slot is not None:
        row_form = RowForm(request.POST or None, slot=slot, version=version, prefix="row")
    if editable:
        document_form = DocumentForm(request.POST or None, request.FILES or None, prefix="doc")
    if request.method == "POST":
        if not editable:
            raise PermissionDenied(_("This answer can no longer change."))
        action = request.POST.get("action")
        try:
            if action == "agree" and (response is None or not response.rows.exists()):
                response_agree(enrolment=enrolment, actor=request.user)
                messages.success(request, _("The notice of agreement was sent."))
                return redirect("evaluation:answer", pk)
            if action == "row" and row_form is not None and row_form.is_valid():
                assert slot is not None
                objection_row_save(
                    enrolment=enrolment,
                    indicator=slot.indicator,
                    language=slot.language,
                    claimed=row_form.figure(),
                    justification=row_form.cleaned_data["justification"],
                    actor=request.user,
                )
                return redirect("evaluation:answer", pk)
            if action == "remove":
                row = get_object_or_404(DisagreementRow, pk=request.POST.get("row"), response__enrolment=enrolment)
                objection_row_remove(row=row, actor=request.user)
                return redirect("evaluation:answer", pk)
            if action == "document" and document_form is not None and document_form.is_valid():
                objection_document_add(
                    enrolment=enrolment,
                    file=document_form.cleaned_data["file"],
                    marking=document_form.cleaned_data["marking"],
                    actor=request.user,
                )
                return redirect("evaluation:answer", pk)
            if action == "file":
                objection_file(enrolment=enrolment, actor=request.user)
                messages.success(request, _("The objections were sent to the authorized body."))
                return redirect("evaluation:answer", pk)
        except ValidationError as error:
            target = {"row": row_form, "document": document_form}.get(action or "")
            if target is not None:
                add_service_errors(target, error)
            else:
                messages.error(request, " ".join(error.messages))
        except InvalidTransition as error:
            messages.error(request, error.message)
    rows = list(response.rows.all()) if response is not None else []
    points = slot_points(enrolment)
    choices = []
    for candidate in required_slots(version, enrolment.kind, enrolment.exemptions):
        earned = points.get((candidate.indicator, candidate.language), Decimal(0))
        choices.append(
            (
                f"{candidate.indicator}:{candidate.language}",
                indicator_name(version, candidate.indicator, candidate.language),
                earned,
            )
        )
    context = {
        "enrolment": enrolment,
        "campaign": enrolment.campaign,
        "response": response,
        "rows": [(row, indicator_name(version, row.indicator, row.language)) for row in rows],
        "documents": list(response.documents.all()) if response is not None else [],
        "editable": editable,
        "can_agree": editable and not rows,
        "days_left": working_days_between(today, enrolment.objection_due) if enrolment.objection_due else None,
        "slot_choices": choices,
        "slot_key": slot_key if slot else "",
        "slot_name": indicator_name(version, slot.indicator, slot.language) if slot else "",
        "row_form": row_form,
        "document_form": document_form,
    }
    return render(request, "evaluation/answer.html", context)


def _staff_campaign(request: HttpRequest, pk: int) -> Campaign:
    if not is_authorized_staff(request.user):
        raise PermissionDenied(_("Only the authorized body sees the objections of a campaign."))
    return get_object_or_404(Campaign.objects.select_related("methodology"), pk=pk)


@dataclass(frozen=True)
class AnswerLine:
    enrolment: Enrolment
    response: ConclusionResponse | None
    days_left: int | None


@login_required
def objections_overview(request: HttpRequest, pk: int) -> HttpResponse:
    """The analyst's view: every body's answer, late filings, commissions, and the sending to the Agency."""
    campaign = _staff_campaign(request, pk)
    today = timezone.localdate()
    analyst = is_analyst(request.user)
    late_form = ReasonForm(request.POST or None, prefix="late") if analyst else None
    sent_form = SentForm(request.POST or None, prefix="sent", initial={"sent_on": today}) if analyst else None
    enrolments = campaign.enrolments.select_related("body")
    correction_form = (
        CorrectionForm(request.POST or None, prefix="fix", enrolments=enrolments, initial={"sent_on": today})
        if analyst and campaign.status == Campaign.Status.SENT
        else None
    )
    if request.method == "POST":
        if not analyst:
            raise PermissionDenied(_("Only an analyst of the authorized body may do this."))
        action = request.POST.get("action")
        try:
            if action == "accept_late" and late_form is not None and late_form.is_valid():
                enrolment = get_object_or_404(campaign.enrolments, pk=request.POST.get("enrolment"))
                objection_accept_late(enrolment=enrolment, reason=late_form.cleaned_data["reason"], actor=request.user)
                messages.success(request, _("The late objections of %(body)s are accepted.") % {"body": enrolment.body})
                return redirect("evaluation:objections", pk)
            if action == "correct" and correction_form is not None and correction_form.is_valid():
                data = correction_form.cleaned_data
                agency_correct(
                    campaign=campaign,
                    finals={data["enrolment"].body_id: data["final"]},
                    reason=data["reason"],
                    sent_on=data["sent_on"],
                    actor=request.user,
                )
                messages.success(request, _("The correction is recorded as a new version sent to the Agency."))
                return redirect("evaluation:objections", pk)
            if action == "send" and sent_form is not None and sent_form.is_valid():
                agency_send(campaign=campaign, sent_on=sent_form.cleaned_data["sent_on"], actor=request.user)
                messages.success(request, _("The final conclusion is recorded as sent to the Agency."))
                return redirect("evaluation:objections", pk)
        except ValidationError as error:
            target = {"accept_late": late_form, "correct": correction_form}.get(action or "", sent_form)
            assert target is not None
            add_service_errors(target, error)
        except InvalidTransition as error:
            messages.error(request, error.message)
    lines = []
    for enrolment in campaign.enrolments.select_related("body", "response"):
        response = getattr(enrolment, "response", None)
        left = None
        if enrolment.objection_due is not None and (response is None or not response.filed):
            left = working_days_between(today, enrolment.objection_due)
        lines.append(AnswerLine(enrolment, response, left))
    context = {
        "campaign": campaign,
        "lines": lines,
        "commissions": campaign.commissions.all(),
        "submissions": campaign.submissions.all(),
        "open_items": open_items(campaign) if campaign.status == Campaign.Status.DELIVERED else [],
        "agency_due": agency_due(campaign),
        "analyst": analyst,
        "late_form": late_form,
        "sent_form": sent_form if campaign.can_send_to_agency() else None,
        "correction_form": correction_form,
        "can_form_commission": analyst and campaign.status == Campaign.Status.DELIVERED,
    }
    return render(request, "evaluation/objections.html", context)


@login_required
def agency_summary(request: HttpRequest, pk: int, version: int) -> HttpResponse:
    """The summary of all bodies' final scores as sent to the Agency (XLSX), one version."""
    campaign = _staff_campaign(request, pk)
    submission = get_object_or_404(campaign.submissions, version=version)
    return document_response(summary_xlsx(submission), filename=f"openness-{campaign.pk}-v{version}.xlsx")


@login_required
def commission_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Form a special commission (002 §113): the objections it hears, the meeting date, the members."""
    campaign = _staff_campaign(request, pk)
    if not is_analyst(request.user):
        raise PermissionDenied(_("Only an analyst of the authorized body may do this."))
    heard = Commission.agenda.through.objects.filter(commission__campaign=campaign).values("conclusionresponse_id")
    responses = (
        ConclusionResponse.objects.filter(
            enrolment__campaign=campaign, kind=ConclusionResponse.Kind.OBJECTION, status=ConclusionResponse.Status.FILED
        )
        .exclude(pk__in=heard)
        .select_related("enrolment__body")
    )
    form = CommissionForm(request.POST or None, responses=responses)
    seats = SeatFormSet(request.POST or None, prefix="seat")
    if request.method == "POST" and form.is_valid() and seats.is_valid():
        chosen = [
            Seat(seat["user"].pk, seat["capacity"], seat["position"])
            for seat in seats.cleaned_data
            if seat.get("user") is not None
        ]
        try:
            commission = commission_form(
                campaign=campaign,
                agenda=list(form.cleaned_data["agenda"]),
                meeting_on=form.cleaned_data["meeting_on"],
                seats=chosen,
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except InvalidTransition as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The special commission is formed."))
            return redirect("evaluation:commission", commission.pk)
    return render(request, "evaluation/commission_new.html", {"campaign": campaign, "form": form, "seats": seats})


def _commission_for(request: HttpRequest, pk: int) -> Commission:
    commission = get_object_or_404(Commission.objects.select_related("campaign__methodology"), pk=pk)
    if not (is_authorized_staff(request.user) or is_member(commission, request.user)):
        raise Http404
    return commission


@login_required
def commission_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The commission: members, the disagreement rows with their decisions, the meeting, the rescoring."""
    commission = _commission_for(request, pk)
    version = pinned_version(commission.campaign.methodology)
    member = is_member(commission, request.user)
    members = list(commission.members.select_related("user"))
    open_ = commission.can_hold()
    rows = list(
        DisagreementRow.objects.filter(response__in=commission.agenda.all()).select_related("response__enrolment__body")
    )
    forms: dict[int, DecisionForm] = {}
    for row in rows:
        slot = _slot(row.response.enrolment, version, f"{row.indicator}:{row.language}")
        if member and open_ and slot is not None:
            posted = request.POST if request.POST.get("row") == str(row.pk) else None
            forms[row.pk] = DecisionForm(posted, slot=slot, version=version, prefix=f"row{row.pk}")
    present_form = PresentForm(
        request.POST if request.POST.get("action") == "hold" else None,
        members=members,
        initial={"present": [str(m.user_id) for m in members]},
    )
    can_hold = open_ and (member or is_authorized_staff(request.user))
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "decide" and member and open_:
                chosen = next((row for row in rows if str(row.pk) == request.POST.get("row")), None)
                if chosen is None or chosen.pk not in forms:
                    raise Http404
                row, form = chosen, forms[chosen.pk]
                if form.is_valid():
                    row_decide(
                        row=row,
                        decision=form.cleaned_data["decision"],
                        figure=form.figure() if form.cleaned_data["decision"] == "partly" else None,
                        reason=form.cleaned_data["reason"],
                        actor=request.user,
                    )
                    return redirect("evaluation:commission", pk)
            elif action == "hold" and can_hold and present_form.is_valid():
                commission_hold(
                    commission=commission,
                    present=[int(user_id) for user_id in present_form.cleaned_data["present"]],
                    actor=request.user,
                )
                messages.success(request, _("The meeting is recorded; the campaign is being scored again."))
                return redirect("evaluation:commission", pk)
            elif action not in {"decide", "hold"} or not (member or can_hold):
                raise PermissionDenied(_("Only the commission's members record its decisions."))
        except ValidationError as error:
            if action == "decide":
                add_service_errors(forms[int(request.POST["row"])], error)
            else:
                add_service_errors(present_form, error)
        except InvalidTransition as error:
            messages.error(request, error.message)
    rescoring = getattr(commission, "rescoring", None)
    changes = []
    if rescoring is not None and rescoring.after:
        names = dict(
            commission.campaign.enrolments.values_list(
                "pk", "body__name_kk" if get_language() == "kk" else "body__name_ru"
            )
        )
        changes = [(names[key], before, after) for key, before, after in moved(rescoring)]
    context = {
        "commission": commission,
        "campaign": commission.campaign,
        "members": members,
        "rows": [(row, indicator_name(version, row.indicator, row.language), forms.get(row.pk)) for row in rows],
        "present_form": present_form if can_hold else None,
        "rescoring": rescoring,
        "changes": changes,
        "member": member,
    }
    return render(request, "evaluation/commission.html", context)


@login_required
def commission_minutes(request: HttpRequest, pk: int, language: str, extension: str) -> HttpResponse:
    """The minutes of the commission's meeting, PDF or DOCX, in Kazakh or Russian (issue 10 item 3)."""
    commission = _commission_for(request, pk)
    if language not in {"kk", "ru"} or extension not in {"pdf", "docx"} or commission.can_hold():
        raise Http404
    render_minutes = minutes_pdf if extension == "pdf" else minutes_docx
    content = render_minutes(commission, language)
    return document_response(content, filename=f"commission-{commission.pk}-{language}.{extension}")


@login_required
def terms_dashboard(request: HttpRequest) -> HttpResponse:
    """Every running term in working days: the analysts see all, a body's people their own windows."""
    today = timezone.localdate()
    if is_authorized_staff(request.user):
        terms = running_terms(today)
    else:
        own = Enrolment.objects.filter(body_id__in=body_ids_for(request.user))
        terms = running_terms(today, own)
    return render(request, "evaluation/terms.html", {"terms": terms, "today": today})
