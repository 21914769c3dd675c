"""The special commission hearing objections (002 §113) and its meeting's decisions (issue 10 items 2–4).

Composition (§113): at least 5 members — staff of the objecting bodies, staff of the assessing body who did
not take part in assessing those bodies, and representatives of the commission's working body — with a chair
and a secretary. Ashyq knows who assessed a body: whoever recorded a verification of its indicators or
requested its confirming documents (the audit trail keeps earlier verifiers too). The minimum number of members
and the term for the Agency are data of the methodology version's terms (ADR 0079).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ashyq.core.audit import audit_record
from ashyq.core.calendar import add_working_days
from ashyq.core.errors import InvalidTransition
from ashyq.core.models import AuditEvent
from ashyq.core.permissions import is_authorized_staff, require_analyst
from ashyq.evaluation.events import CampaignEvent
from ashyq.evaluation.models import (
    Campaign,
    Commission,
    CommissionMember,
    ConclusionResponse,
    DisagreementRow,
    DocumentRequest,
    Rescoring,
    ScoringRun,
    Verification,
)
from ashyq.evaluation.pinned import pinned_version
from ashyq.evaluation.services.reports import enrolment_slot
from ashyq.evaluation.services.rescoring import finals_of
from ashyq.evaluation.values import value_clean
from ashyq.orgs.models import Membership

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser

MIN_MEMBERS_KEY = "commission_min_members"
AGENCY_TERM_KEY = "agency_working_days"
MAX_TEXT = 5000


@dataclass(frozen=True)
class Seat:
    """A proposed member: the person, the capacity of §113 and the position (chair, secretary, member)."""

    user_id: int
    capacity: str
    position: str = CommissionMember.Position.MEMBER


def assessors_of(enrolment_ids: Iterable[int]) -> dict[int, set[int]]:
    """Who took part in assessing each body: verified an indicator or requested documents (002 §16)."""
    ids = list(enrolment_ids)
    found: dict[int, set[int]] = {pk: set() for pk in ids}
    for enrolment_id, user_id in Verification.objects.filter(enrolment_id__in=ids).values_list(
        "enrolment_id", "verified_by_id"
    ):
        found[enrolment_id].add(user_id)
    for enrolment_id, user_id in DocumentRequest.objects.filter(enrolment_id__in=ids).values_list(
        "enrolment_id", "requested_by_id"
    ):
        found[enrolment_id].add(user_id)
    verifications = Verification.objects.filter(enrolment_id__in=ids).values_list("pk", "enrolment_id")
    by_verification = {str(pk): enrolment_id for pk, enrolment_id in verifications}
    for target_id, actor_id in AuditEvent.objects.filter(
        event_type=CampaignEvent.VERIFIED, target_id__in=list(by_verification), actor__isnull=False
    ).values_list("target_id", "actor_id"):
        found[by_verification[target_id]].add(actor_id)
    return found


def _terms(campaign: Campaign) -> Mapping[str, Any]:
    terms: Mapping[str, Any] = campaign.methodology.terms
    return terms


def min_members(campaign: Campaign) -> int:
    return int(_terms(campaign).get(MIN_MEMBERS_KEY, 5))


def _check_composition(campaign: Campaign, agenda: Sequence[ConclusionResponse], seats: Sequence[Seat]) -> None:
    errors: list[str] = []
    users = {user.pk: user for user in get_user_model().objects.filter(pk__in=[seat.user_id for seat in seats])}
    if len({seat.user_id for seat in seats}) != len(seats) or len(users) != len(seats):
        errors.append(_("Each member is listed once, and every member must be a person known to Ashyq."))
    least = min_members(campaign)
    if len(seats) < least:
        errors.append(
            _("A special commission has at least %(least)s members (002 §113); %(count)s are listed.")
            % {"least": least, "count": len(seats)}
        )
    positions = [seat.position for seat in seats]
    if (
        positions.count(CommissionMember.Position.CHAIR) != 1
        or positions.count(CommissionMember.Position.SECRETARY) != 1
    ):
        errors.append(_("Name one chair and one secretary among the members."))
    capacities = {seat.capacity for seat in seats}
    if capacities != set(CommissionMember.Capacity.values):
        errors.append(
            _(
                "The commission includes staff of the objecting body, staff of the assessing body and "
                "representatives of the commission's working body (002 §113)."
            )
        )
    bodies = {response.enrolment.body_id: response.enrolment for response in agenda}
    staff = dict(
        Membership.objects.filter(user_id__in=list(users), body_id__in=list(bodies)).values_list("user_id", "body_id")
    )
    assessors = assessors_of([enrolment.pk for enrolment in bodies.values()])
    for seat in seats:
        user = users.get(seat.user_id)
        if user is None:
            continue
        name = user.get_full_name() or user.get_username()
        for enrolment in bodies.values():
            if seat.user_id in assessors[enrolment.pk]:
                errors.append(
                    _(
                        "%(name)s took part in assessing %(body)s (verified its indicators or requested its "
                        "documents) and cannot sit on the commission hearing its objections (002 §113)."
                    )
                    % {"name": name, "body": enrolment.body}
                )
        if seat.capacity == CommissionMember.Capacity.OBJECTING_BODY and seat.user_id not in staff:
            errors.append(
                _("%(name)s is not on the staff of a body whose objections are on the agenda.") % {"name": name}
            )
        if seat.capacity == CommissionMember.Capacity.ASSESSING_BODY and not is_authorized_staff(user):
            errors.append(_("%(name)s is not on the staff of the assessing body.") % {"name": name})
    if errors:
        raise ValidationError({"members": errors})


def commission_form(
    *,
    campaign: Campaign,
    agenda: Sequence[ConclusionResponse],
    meeting_on: datetime.date,
    seats: Sequence[Seat],
    actor: AnyUser,
) -> Commission:
    """Form a special commission for the objections on its agenda (002 §113); refused if fewer than the
    minimum members, or if a member assessed an objecting body."""
    require_analyst(actor)
    if not agenda:
        raise ValidationError({"agenda": _("Choose the objections the commission hears.")})
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if campaign.status != Campaign.Status.DELIVERED:
            raise InvalidTransition(_("A commission is formed while the conclusions' objections are heard."))
        responses = list(
            ConclusionResponse.objects.select_related("enrolment__body").filter(
                pk__in=[response.pk for response in agenda],
                enrolment__campaign=campaign,
                kind=ConclusionResponse.Kind.OBJECTION,
                status=ConclusionResponse.Status.FILED,
            )
        )
        if len(responses) != len(agenda):
            raise ValidationError({"agenda": _("Only objections sent by the bodies of this campaign can be heard.")})
        taken = Commission.agenda.through.objects.filter(conclusionresponse_id__in=[r.pk for r in responses])
        if taken.exists():
            raise ValidationError({"agenda": _("These objections are already on another commission's agenda.")})
        _check_composition(campaign, responses, seats)
        commission = Commission.objects.create(campaign=campaign, meeting_on=meeting_on, formed_by=actor)  # type: ignore[misc]
        commission.agenda.set(responses)
        CommissionMember.objects.bulk_create(
            CommissionMember(
                commission=commission, user_id=seat.user_id, capacity=seat.capacity, position=seat.position
            )
            for seat in seats
        )
        audit_record(
            actor=actor,
            event=CampaignEvent.COMMISSION_FORMED,
            target=commission,
            new={
                "meeting_on": meeting_on,
                "agenda": [str(response.enrolment.body) for response in responses],
                "members": [[seat.user_id, seat.capacity, seat.position] for seat in seats],
            },
        )
    return commission


def is_member(commission: Commission, user: AnyUser) -> bool:
    return user.is_authenticated and commission.members.filter(user_id=user.pk).exists()


def commission_of(row: DisagreementRow) -> Commission | None:
    return Commission.objects.filter(agenda=row.response_id).first()


def row_decide(
    *, row: DisagreementRow, decision: str, figure: Mapping[str, Any] | None, reason: str, actor: AnyUser
) -> DisagreementRow:
    """A commission member records the meeting's decision on one row: upheld (the body's figure), partly
    upheld (the commission's figure) or rejected, with reasons (issue 10 item 3)."""
    commission = commission_of(row)
    if commission is None or not is_member(commission, actor):
        raise PermissionDenied(_("Only members of the commission hearing these objections record its decisions."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reasons of the decision.")})
    if len(reason) > MAX_TEXT:
        raise ValidationError({"reason": _("Keep the reasons under 5,000 characters.")})
    if decision not in {
        DisagreementRow.Decision.UPHELD,
        DisagreementRow.Decision.PARTLY,
        DisagreementRow.Decision.REJECTED,
    }:
        raise ValidationError({"decision": _("Choose upheld, partly upheld or rejected.")})
    with transaction.atomic():
        commission = Commission.objects.select_for_update().get(pk=commission.pk)
        if not commission.can_hold():
            raise InvalidTransition(_("The commission's meeting is recorded; its decisions can no longer change."))
        row = DisagreementRow.objects.select_for_update().select_related("response__enrolment__campaign").get(pk=row.pk)
        enrolment = row.response.enrolment
        value: dict[str, Any] | None = None
        if decision == DisagreementRow.Decision.UPHELD:
            value = dict(row.claimed_value)
        elif decision == DisagreementRow.Decision.PARTLY:
            slot = enrolment_slot(enrolment, row.indicator, row.language)
            value = value_clean(slot, figure or {}, pinned_version(enrolment.campaign.methodology))
        old = {"decision": row.decision, "figure": row.decided_value}
        row.decision, row.decided_value, row.decision_reason = decision, value, reason
        row.decided_by, row.decided_at = actor, timezone.now()  # type: ignore[assignment]
        row.save()
        audit_record(
            actor=actor,
            event=CampaignEvent.ROW_DECIDED,
            target=row,
            body=enrolment.body,
            old=old,
            new={"decision": decision, "figure": value, "reason": reason},
        )
    return row


def commission_hold(*, commission: Commission, present: Iterable[int], actor: AnyUser) -> Commission:
    """Record the meeting: members present, every row decided; then score the campaign again as one group
    (issue 10 item 4) and set the Agency term, 5 working days after the meeting (002 §119)."""
    from ashyq.evaluation.tasks import campaign_score

    if not (is_member(commission, actor) or is_authorized_staff(actor)):
        raise PermissionDenied(_("Only the commission's members or the authorized body record its meeting."))
    present_ids = set(present)
    with transaction.atomic():
        commission = (
            Commission.objects.select_for_update().select_related("campaign__methodology").get(pk=commission.pk)
        )
        if not commission.can_hold():
            raise InvalidTransition(_("The commission's meeting is already recorded."))
        if commission.meeting_on > timezone.localdate():
            raise ValidationError({"meeting_on": _("The meeting is recorded on or after its date.")})
        members = list(commission.members.all())
        if not present_ids <= {member.user_id for member in members}:
            raise ValidationError({"present": _("Only the commission's members can be marked present.")})
        if len(present_ids) < min_members(commission.campaign):
            raise ValidationError(
                {"present": _("Fewer members were present than the commission must have; record who attended.")}
            )
        rows = DisagreementRow.objects.filter(response__in=commission.agenda.all())
        if rows.filter(decision=DisagreementRow.Decision.PENDING).exists():
            raise ValidationError(_("Record a decision on every row of the disagreement tables first."))
        for member in members:
            member.present = member.user_id in present_ids
        CommissionMember.objects.bulk_update(members, ["present"])
        days = int(_terms(commission.campaign).get(AGENCY_TERM_KEY, 5))
        commission.status, commission.held_at = Commission.Status.HELD, timezone.now()
        commission.agency_due = add_working_days(commission.meeting_on, days)
        commission.save(update_fields=["status", "held_at", "agency_due", "updated_at"])
        campaign = commission.campaign
        finals = finals_of(campaign)
        changed = rows.exclude(decided_value=None).exists()
        run = None
        if changed:
            run = ScoringRun.objects.create(  # type: ignore[misc]
                campaign=campaign, requested_by=actor, total_bodies=campaign.enrolments.count()
            )
        Rescoring.objects.create(commission=commission, run=run, before=finals, after={} if changed else finals)
        audit_record(
            actor=actor,
            event=CampaignEvent.COMMISSION_HELD,
            target=commission,
            new={"present": sorted(present_ids), "agency_due": commission.agency_due, "rescoring": changed},
        )
        if run is not None:
            pk = run.pk
            transaction.on_commit(lambda: campaign_score.enqueue(pk))
    return commission
