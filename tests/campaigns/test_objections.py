"""Objections, the special commission and the final conclusion to the Agency (002 §109–119; issue 10),
through the services; the scenario is in ``tests/campaigns/objections.py``."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from ashyq.core.errors import InvalidTransition
from ashyq.core.models import AuditEvent
from ashyq.evaluation.deadlines import reminders_send, running_terms
from ashyq.evaluation.events import CampaignEvent
from ashyq.evaluation.models import (
    AgencySubmission,
    Campaign,
    Commission,
    CommissionMember,
    ConclusionResponse,
    Enrolment,
    IndicatorPoints,
)
from ashyq.evaluation.services.agency import agency_correct, agency_send
from ashyq.evaluation.services.commissions import Seat, commission_form, commission_hold, row_decide
from ashyq.evaluation.services.objections import (
    objection_accept_late,
    objection_document_add,
    objection_file,
    objection_row_save,
    response_agree,
    responses_close_passed_terms,
)
from ashyq.evaluation.services.scoring import scoring_run_request
from ashyq.evaluation.services.verification import verification_record
from tests.campaigns.objections import (
    AGENCY_DUE,
    DUE,
    MEETING,
    OPEN_SESSIONS,
    RECEIVED,
    SIXTH,
    file_objection,
    on,
)

# ----------------------------------------------------------------------------------------------- terms


def test_the_objection_term_is_the_5th_working_day_after_receipt_across_nauryz(delivered: dict[str, Enrolment]) -> None:
    assert delivered["b"].conclusion_received_on == RECEIVED
    assert delivered["b"].objection_due == DUE


def test_objections_filed_on_the_5th_working_day_are_taken(delivered: dict[str, Enrolment], officer_b: User) -> None:
    response = file_objection(delivered["b"], officer_b, DUE)

    assert response.status == ConclusionResponse.Status.FILED and response.filed_on == DUE
    row = response.rows.get()
    assert row.assessed_value == {"attainment": "0"} and row.assessed_points == 0
    assert row.claimed_value == {"attainment": "1"}
    assert AuditEvent.objects.filter(event_type=CampaignEvent.OBJECTIONS_FILED, target_id=str(response.pk)).exists()


def test_objections_on_the_6th_working_day_are_refused(delivered: dict[str, Enrolment], officer_b: User) -> None:
    with pytest.raises(InvalidTransition, match=r"31\.03\.2027"):
        file_objection(delivered["b"], officer_b, SIXTH)
    assert not ConclusionResponse.objects.filter(enrolment=delivered["b"]).exists()


def test_a_late_filing_accepted_by_the_analyst_with_a_reason_goes_through(
    delivered: dict[str, Enrolment], officer_b: User, analyst: User
) -> None:
    with on(SIXTH):
        with pytest.raises(ValidationError):
            objection_accept_late(enrolment=delivered["b"], reason="  ", actor=analyst)
        objection_accept_late(
            enrolment=delivered["b"], reason="The e-document system was down on 31 March.", actor=analyst
        )
    response = file_objection(delivered["b"], officer_b, SIXTH)

    assert response.filed and response.late_reason.startswith("The e-document system")
    event = AuditEvent.objects.get(event_type=CampaignEvent.OBJECTIONS_FILED)
    assert event.new["late"] is True
    assert AuditEvent.objects.filter(event_type=CampaignEvent.LATE_OBJECTIONS_ACCEPTED, actor=analyst).exists()


def test_an_agreement_in_term_is_recorded_and_closes_the_window(
    delivered: dict[str, Enrolment], first_head_a: User
) -> None:
    with on(DUE):
        response = response_agree(enrolment=delivered["a"], actor=first_head_a)

    assert response.kind == ConclusionResponse.Kind.AGREEMENT and response.filed_on == DUE
    assert {term.enrolment.pk for term in running_terms(DUE) if term.enrolment} == {
        delivered["b"].pk,
        delivered["d"].pk,
    }


def test_bodies_that_sent_nothing_are_marked_after_the_term_and_only_once(
    delivered: dict[str, Enrolment], campaign: Campaign, first_head_a: User
) -> None:
    with on(DUE):
        response_agree(enrolment=delivered["a"], actor=first_head_a)

    assert responses_close_passed_terms(campaign=campaign, today=DUE) == 0
    assert responses_close_passed_terms(campaign=campaign, today=SIXTH) == 2
    assert responses_close_passed_terms(campaign=campaign, today=SIXTH) == 0
    kinds = dict(ConclusionResponse.objects.values_list("enrolment_id", "kind"))
    assert kinds == {
        delivered["a"].pk: ConclusionResponse.Kind.AGREEMENT,
        delivered["b"].pk: ConclusionResponse.Kind.NONE_IN_TERM,
        delivered["d"].pk: ConclusionResponse.Kind.NONE_IN_TERM,
    }


def test_a_reminder_goes_2_working_days_before_the_term_ends_once(
    delivered: dict[str, Enrolment], officer_b: User
) -> None:
    officer_b.email = "officer.b@example.kz"
    officer_b.save(update_fields=["email"])
    mail.outbox.clear()
    assert reminders_send(datetime.date(2027, 3, 26)) == 0  # 3 working days left
    assert reminders_send(datetime.date(2027, 3, 29)) == 3  # 30 and 31 March left
    assert reminders_send(datetime.date(2027, 3, 29)) == 0
    assert any("officer.b@example.kz" in message.to for message in mail.outbox)
    assert all("31.03.2027" in message.body for message in mail.outbox)


# ------------------------------------------------------------------------------------ who may do what


def test_only_the_bodys_own_peoplefile_objection(
    delivered: dict[str, Enrolment], officer_a: User, analyst: User, commission_member: User
) -> None:
    for outsider in (officer_a, analyst, commission_member):
        with on(DUE), pytest.raises(PermissionDenied):
            objection_row_save(
                enrolment=delivered["b"],
                indicator=OPEN_SESSIONS,
                language="kk",
                claimed={"attainment": "1"},
                justification="x",
                actor=outsider,
            )


def test_a_secret_document_is_refused_with_the_reason(delivered: dict[str, Enrolment], officer_b: User) -> None:
    with on(DUE), pytest.raises(ValidationError, match="002 §16"):
        objection_document_add(
            enrolment=delivered["b"],
            file=SimpleUploadedFile("minutes.pdf", b"%PDF-1.4"),
            marking="restricted",
            actor=officer_b,
        )


def test_a_claim_equal_to_the_assessed_figure_is_not_a_disagreement(
    delivered: dict[str, Enrolment], officer_b: User
) -> None:
    with on(DUE), pytest.raises(ValidationError, match="same as the assessed"):
        objection_row_save(
            enrolment=delivered["b"],
            indicator=OPEN_SESSIONS,
            language="kk",
            claimed={"attainment": "0"},
            justification="x",
            actor=officer_b,
        )


# ------------------------------------------------------------------------------------------ commission


def test_a_commission_of_fewer_than_5_members_cannot_be_formed(
    objected: ConclusionResponse, campaign: Campaign, analyst: User, seats: list[Seat]
) -> None:
    with pytest.raises(ValidationError, match="at least 5 members"):
        commission_form(campaign=campaign, agenda=[objected], meeting_on=MEETING, seats=seats[:4], actor=analyst)
    assert not Commission.objects.exists()


def test_a_member_who_verified_the_body_is_refused_with_the_reason(
    objected: ConclusionResponse, campaign: Campaign, analyst: User, seats: list[Seat], delivered: dict[str, Enrolment]
) -> None:
    # the analyst verified an indicator of body B before delivery (audited), then another analyst changed it
    verifier = User.objects.get(pk=seats[2].user_id)
    other = User.objects.get(pk=seats[3].user_id)
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.VERIFYING)
    verification_record(
        enrolment=delivered["b"], indicator="t6.2", language="kk", raw={"posts": 60}, reason="counted", actor=verifier
    )
    verification_record(
        enrolment=delivered["b"], indicator="t6.2", language="kk", raw={"posts": 61}, reason="recounted", actor=other
    )
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.DELIVERED)

    with pytest.raises(ValidationError) as refused:
        commission_form(campaign=campaign, agenda=[objected], meeting_on=MEETING, seats=seats, actor=analyst)
    messages = refused.value.message_dict["members"]
    assert any(verifier.username in message and "took part in assessing" in message for message in messages)
    assert any(other.username in message for message in messages)


def test_objecting_body_staff_must_come_from_an_objecting_body(
    objected: ConclusionResponse, campaign: Campaign, analyst: User, seats: list[Seat], officer_a: User
) -> None:
    wrong = [*seats[:4], Seat(officer_a.pk, CommissionMember.Capacity.OBJECTING_BODY)]
    with pytest.raises(ValidationError, match="not on the staff of a body whose objections"):
        commission_form(campaign=campaign, agenda=[objected], meeting_on=MEETING, seats=wrong, actor=analyst)


def test_only_members_of_that_commission_decide_its_rows(
    objected: ConclusionResponse, campaign: Campaign, analyst: User, seats: list[Seat], commission_member: User
) -> None:
    commission_form(campaign=campaign, agenda=[objected], meeting_on=MEETING, seats=seats, actor=analyst)
    row = objected.rows.get()
    for outsider in (analyst, commission_member):
        with pytest.raises(PermissionDenied):
            row_decide(row=row, decision="upheld", figure=None, reason="r", actor=outsider)


def test_an_upheld_objection_rescores_the_group_and_moves_the_exempt_bodys_average(
    objected: ConclusionResponse,
    campaign: Campaign,
    analyst: User,
    seats: list[Seat],
    delivered: dict[str, Enrolment],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    # given: Defence's open-session points are the mean of A (met) and B (not met in Kazakh)
    def open_sessions_kk(enrolment: Enrolment) -> Decimal:
        return IndicatorPoints.objects.get(enrolment=enrolment, indicator=OPEN_SESSIONS).points_kk

    full = open_sessions_kk(delivered["a"])
    assert open_sessions_kk(delivered["b"]) == 0
    assert open_sessions_kk(delivered["d"]) == full / 2
    before = {key: enrolment.final for key, enrolment in delivered.items()}
    commission = commission_form(campaign=campaign, agenda=[objected], meeting_on=MEETING, seats=seats, actor=analyst)
    chair = User.objects.get(pk=seats[0].user_id)

    # when: the commission upholds the row at its meeting
    row_decide(row=objected.rows.get(), decision="upheld", figure=None, reason="The broadcast is online.", actor=chair)
    with on(MEETING), django_capture_on_commit_callbacks(execute=True):
        commission_hold(commission=commission, present=[seat.user_id for seat in seats], actor=chair)

    # then: B earns the points, Defence's average moves with it, A is unchanged; all audited
    after = {key: Enrolment.objects.get(pk=enrolment.pk).final for key, enrolment in delivered.items()}
    assert after["b"] == before["b"] + full
    assert after["d"] == before["d"] + full / 2
    assert after["a"] == before["a"]
    commission.refresh_from_db()
    assert commission.agency_due == AGENCY_DUE
    assert commission.rescoring.before[str(delivered["d"].pk)] == str(before["d"])
    changed = AuditEvent.objects.filter(event_type=CampaignEvent.SCORE_CHANGED_BY_COMMISSION)
    assert sorted(int(event.target_id) for event in changed) == sorted([delivered["b"].pk, delivered["d"].pk])
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DELIVERED


def test_a_partly_upheld_row_takes_the_commissions_figure(
    delivered: dict[str, Enrolment],
    officer_b: User,
    campaign: Campaign,
    analyst: User,
    seats: list[Seat],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    with on(DUE):
        objection_row_save(
            enrolment=delivered["b"], indicator="t6.2", language="ru", claimed={"posts": 60},
            justification="60 posts", actor=officer_b,
        )  # fmt: skip
        response = objection_file(enrolment=delivered["b"], actor=officer_b)
    commission = commission_form(campaign=campaign, agenda=[response], meeting_on=MEETING, seats=seats, actor=analyst)
    chair = User.objects.get(pk=seats[0].user_id)
    with pytest.raises(ValidationError):
        row_decide(row=response.rows.get(), decision="partly", figure={"posts": "many"}, reason="r", actor=chair)
    row = row_decide(row=response.rows.get(), decision="partly", figure={"posts": 26}, reason="26 counted", actor=chair)

    assert row.decided_value == {"posts": 26}
    with on(MEETING), django_capture_on_commit_callbacks(execute=True):
        commission_hold(commission=commission, present=[seat.user_id for seat in seats], actor=chair)
    points = IndicatorPoints.objects.get(enrolment=delivered["b"], indicator="t6.2").points_ru
    assert points == Decimal(1)  # "more than 25" (≥ 2 a month) earns 1 (002 Annex 10 table 6 item 2)


def test_the_meeting_needs_every_row_decided(
    objected: ConclusionResponse, campaign: Campaign, analyst: User, seats: list[Seat]
) -> None:
    commission = commission_form(campaign=campaign, agenda=[objected], meeting_on=MEETING, seats=seats, actor=analyst)
    with on(MEETING), pytest.raises(ValidationError, match="every row"):
        commission_hold(commission=commission, present=[seat.user_id for seat in seats], actor=analyst)


# ------------------------------------------------------------------------------------------------ Agency


def _heard(
    objected: ConclusionResponse, campaign: Campaign, analyst: User, seats: list[Seat], capture: Callable[..., Any]
) -> Commission:
    commission = commission_form(campaign=campaign, agenda=[objected], meeting_on=MEETING, seats=seats, actor=analyst)
    chair = User.objects.get(pk=seats[0].user_id)
    row_decide(row=objected.rows.get(), decision="rejected", figure=None, reason="Not broadcast.", actor=chair)
    with on(MEETING), capture(execute=True):
        commission_hold(commission=commission, present=[seat.user_id for seat in seats], actor=chair)
    return commission


def test_the_final_conclusion_goes_once_all_answered_and_freezes_the_results(
    objected: ConclusionResponse,
    campaign: Campaign,
    analyst: User,
    seats: list[Seat],
    delivered: dict[str, Enrolment],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    with on(AGENCY_DUE), pytest.raises(ValidationError):
        agency_send(campaign=campaign, sent_on=AGENCY_DUE, actor=analyst)  # A and D have not answered
    responses_close_passed_terms(campaign=campaign, today=SIXTH)
    _heard(objected, campaign, analyst, seats, django_capture_on_commit_callbacks)

    with on(AGENCY_DUE):
        submission = agency_send(campaign=campaign, sent_on=AGENCY_DUE, actor=analyst)

    assert submission.version == 1 and submission.due_on == AGENCY_DUE and not submission.late
    assert submission.results[str(delivered["b"].body_id)]["final"] == str(delivered["b"].final)
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT
    with pytest.raises(InvalidTransition):
        scoring_run_request(campaign=campaign, actor=analyst)


def test_a_sending_after_the_5th_working_day_is_flagged_late(
    objected: ConclusionResponse,
    campaign: Campaign,
    analyst: User,
    seats: list[Seat],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    responses_close_passed_terms(campaign=campaign, today=SIXTH)
    _heard(objected, campaign, analyst, seats, django_capture_on_commit_callbacks)
    late_day = AGENCY_DUE + datetime.timedelta(days=1)
    with on(late_day):
        assert agency_send(campaign=campaign, sent_on=late_day, actor=analyst).late


def test_a_correction_after_sending_is_a_new_version_with_its_reason(
    objected: ConclusionResponse,
    campaign: Campaign,
    analyst: User,
    seats: list[Seat],
    delivered: dict[str, Enrolment],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    responses_close_passed_terms(campaign=campaign, today=SIXTH)
    _heard(objected, campaign, analyst, seats, django_capture_on_commit_callbacks)
    with on(AGENCY_DUE):
        first = agency_send(campaign=campaign, sent_on=AGENCY_DUE, actor=analyst)
        second = agency_correct(
            campaign=campaign,
            finals={delivered["b"].body_id: Decimal("97.5")},
            reason="Arithmetic error in the Russian column of table 6.",
            sent_on=AGENCY_DUE,
            actor=analyst,
        )

    first.refresh_from_db()
    assert second.version == 2 and second.results[str(delivered["b"].body_id)]["final"] == "97.5"
    assert first.results[str(delivered["b"].body_id)]["final"] == str(delivered["b"].final)
    assert AgencySubmission.objects.count() == 2
    assert AuditEvent.objects.filter(event_type=CampaignEvent.AGENCY_CORRECTION).count() == 1


def test_the_daily_sweep_prints_what_it_did_and_refuses_a_bad_date(delivered: dict[str, Enrolment]) -> None:
    out = io.StringIO()
    call_command("evaluation_terms", "--date", SIXTH.isoformat(), stdout=out)
    assert out.getvalue().strip() == "marked 3, reminded 0"
    with pytest.raises(CommandError, match="2027-02-30"):
        call_command("evaluation_terms", "--date", "2027-02-30")


def test_once_a_body_received_its_conclusion_only_a_commission_rescores(
    delivered: dict[str, Enrolment], campaign: Campaign, analyst: User
) -> None:
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.SCORED)
    campaign.refresh_from_db()
    with pytest.raises(InvalidTransition, match="objection procedure"):
        scoring_run_request(campaign=campaign, actor=analyst)
