"""The body's report, verification, document requests and terms (issue 14 items 2 and 4; 002 §16)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ashyq.core.calendar import add_working_days
from ashyq.core.errors import InvalidTransition
from ashyq.core.models import AuditEvent
from ashyq.evaluation.events import CampaignEvent
from ashyq.evaluation.facts import gather
from ashyq.evaluation.models import Campaign, Enrolment, ReportFact, RequestedDocument
from ashyq.evaluation.services.campaigns import campaign_close_collection, campaign_open
from ashyq.evaluation.services.reports import evidence_add, fact_record, report_return, report_sign_off, report_submit
from ashyq.evaluation.services.verification import (
    document_upload,
    request_answer,
    request_create,
    verification_record,
)


@pytest.fixture
def collecting(campaign: Campaign, enrolled: dict[str, Enrolment], analyst: User) -> dict[str, Enrolment]:
    campaign_open(campaign=campaign, actor=analyst)
    return enrolled


def test_officer_records_its_own_body_value_and_the_change_is_audited(
    collecting: dict[str, Enrolment], officer_a: User
) -> None:
    enrolment = collecting["a"]
    fact_record(enrolment=enrolment, indicator="t6.2", language="kk", raw={"posts": "30"}, actor=officer_a)
    fact_record(enrolment=enrolment, indicator="t6.2", language="kk", raw={"posts": 31}, actor=officer_a)

    assert ReportFact.objects.get(enrolment=enrolment, indicator="t6.2", language="kk").value == {"posts": 31}
    event = AuditEvent.objects.filter(event_type=CampaignEvent.FACT_RECORDED).latest("id")
    assert event.old == {"value": {"posts": 30}, "source": "report"}
    assert event.new["value"] == {"posts": 31}


def test_officer_of_another_body_is_denied(collecting: dict[str, Enrolment], officer_b: User) -> None:
    with pytest.raises(PermissionDenied):
        fact_record(enrolment=collecting["a"], indicator="t6.2", language="kk", raw={"posts": 1}, actor=officer_b)


@pytest.mark.parametrize(
    ("indicator", "raw", "field"),
    [
        ("t6.2", {"posts": "-1"}, "posts"),
        ("t1.1", {"attainment": "1.5"}, "attainment"),
        ("t7-1.2", {"received": 2, "answered": 3, "late": 0}, "answered"),
        ("t7-1.2", {"received": 2, "answered": 2, "late": 3}, "late"),
        ("t2.2", {}, "met"),
    ],
)
def test_bad_values_are_refused_naming_the_field(
    collecting: dict[str, Enrolment], officer_a: User, indicator: str, raw: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        fact_record(enrolment=collecting["a"], indicator=indicator, language="kk", raw=raw, actor=officer_a)
    assert field in error.value.message_dict


def test_a_local_body_does_not_report_central_tables(collecting: dict[str, Enrolment], officer_local: User) -> None:
    """002 Annex 10: table 2 is for central bodies; table 3 for local ones."""
    with pytest.raises(ValidationError, match="does not report"):
        fact_record(
            enrolment=collecting["local"], indicator="t2.2", language="kk", raw={"met": True}, actor=officer_local
        )


def test_submit_sign_off_and_late_flag(
    collecting: dict[str, Enrolment], officer_a: User, first_head_a: User, officer_b: User
) -> None:
    enrolment = collecting["a"]
    with pytest.raises(PermissionDenied):
        report_submit(enrolment=enrolment, actor=officer_b)
    with pytest.raises(PermissionDenied):
        report_sign_off(enrolment=enrolment, actor=officer_a)

    enrolment = report_submit(enrolment=enrolment, actor=officer_a)
    assert enrolment.report_status == Enrolment.ReportStatus.SUBMITTED
    assert enrolment.late(timezone.localdate()) == (timezone.localdate() > enrolment.campaign.report_due)
    with pytest.raises(InvalidTransition):
        fact_record(enrolment=enrolment, indicator="t6.2", language="kk", raw={"posts": 1}, actor=officer_a)

    enrolment = report_return(enrolment=enrolment, actor=first_head_a)
    assert enrolment.report_status == Enrolment.ReportStatus.DRAFT and enrolment.submitted_at is None
    report_submit(enrolment=enrolment, actor=officer_a)
    enrolment = report_sign_off(enrolment=enrolment, actor=first_head_a)
    assert enrolment.report_status == Enrolment.ReportStatus.SIGNED_OFF
    assert not enrolment.can_submit() and not enrolment.can_return()


def test_late_when_not_submitted_after_the_due_date(collecting: dict[str, Enrolment]) -> None:
    enrolment = collecting["a"]
    due = enrolment.campaign.report_due
    assert not enrolment.late(due)
    assert enrolment.late(due + datetime.timedelta(days=1))


def test_verification_needs_a_reason_where_it_differs_and_is_audited(
    collecting: dict[str, Enrolment], officer_a: User, analyst: User
) -> None:
    enrolment = collecting["a"]
    fact_record(enrolment=enrolment, indicator="t1.1", language="ru", raw={"attainment": "1"}, actor=officer_a)
    with pytest.raises(ValidationError) as error:
        verification_record(
            enrolment=enrolment, indicator="t1.1", language="ru", raw={"attainment": "0.8"}, reason="", actor=analyst
        )
    assert "reason" in error.value.message_dict
    verification_record(
        enrolment=enrolment, indicator="t1.1", language="ru", raw={"attainment": "1"}, reason="", actor=analyst
    )
    verification_record(
        enrolment=enrolment,
        indicator="t1.1",
        language="ru",
        raw={"attainment": "0.8"},
        reason="2 of 10 sets are out of date",
        actor=analyst,
    )

    event = AuditEvent.objects.filter(event_type=CampaignEvent.VERIFIED).latest("id")
    assert event.old == {"value": {"attainment": "1"}, "reason": ""}
    assert event.new["value"] == {"attainment": "0.8"} and event.new["reason"] == "2 of 10 sets are out of date"
    (body,) = gather(enrolment.campaign, [enrolment])
    assert body.values[("t1.1", "ru")] == {"attainment": "0.8"}


def test_officer_cannot_verify(collecting: dict[str, Enrolment], officer_a: User) -> None:
    with pytest.raises(PermissionDenied):
        verification_record(
            enrolment=collecting["a"],
            indicator="t1.1",
            language="ru",
            raw={"attainment": "1"},
            reason="x",
            actor=officer_a,
        )


def test_documents_requested_answered_and_secret_ones_refused(
    collecting: dict[str, Enrolment], analyst: User, officer_a: User, officer_b: User
) -> None:
    """002 §16: electronic copies are requested, except documents marked secret or "restricted distribution"."""
    request = request_create(
        enrolment=collecting["a"],
        indicator="t2.5",
        language="kk",
        text="The citizens' budget as placed",
        due_on=timezone.localdate() + datetime.timedelta(days=5),
        actor=analyst,
    )
    upload = SimpleUploadedFile("budget.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    with pytest.raises(ValidationError, match="restricted distribution"):
        document_upload(request=request, file=upload, marking="restricted", actor=officer_a)
    with pytest.raises(PermissionDenied):
        document_upload(request=request, file=upload, marking="none", actor=officer_b)
    with pytest.raises(ValidationError, match="at least one document"):
        request_answer(request=request, actor=officer_a)

    document_upload(request=request, file=upload, marking="none", actor=officer_a)
    request = request_answer(request=request, actor=officer_a)

    assert RequestedDocument.objects.filter(request=request).count() == 1
    assert request.answered_at is not None and not request.can_answer()
    assert not request.overdue(request.due_on + datetime.timedelta(days=1))


def test_term_indicator_is_computed_from_the_dates_in_working_days(
    collecting: dict[str, Enrolment], officer_a: User, analyst: User
) -> None:
    """002 Annex 10 table 2 item 4: audit results placed within 15 working days of receipt (Nauryz inside)."""
    enrolment = collecting["a"]
    received = datetime.date(2025, 3, 14)
    deadline = add_working_days(received, 15)
    assert deadline > received + datetime.timedelta(days=21)  # the Nauryz holidays are not working days
    fact_record(enrolment=enrolment, indicator="t2.4", language="kk", raw={"met": True}, actor=officer_a)
    fact_record(enrolment=enrolment, indicator="t2.4", language="ru", raw={"met": True}, actor=officer_a)
    evidence_add(
        enrolment=enrolment,
        indicator="t2.4",
        language="kk",
        kind="link",
        fields={"title": "Audit", "url": "https://example.kz/a", "reference_date": received, "published_on": deadline},
        actor=officer_a,
    )
    evidence_add(
        enrolment=enrolment,
        indicator="t2.4",
        language="ru",
        kind="link",
        fields={
            "title": "Аудит",
            "url": "https://example.kz/b",
            "reference_date": received,
            "published_on": deadline + datetime.timedelta(days=1),
        },
        actor=officer_a,
    )

    (body,) = gather(enrolment.campaign, [enrolment])
    assert body.values[("t2.4", "kk")] == {"met": True}
    assert body.values[("t2.4", "ru")] == {"met": False}
    assert body.term_checks[("t2.4", "ru")].documents[0].deadline == deadline

    campaign_close_collection(campaign=enrolment.campaign, actor=analyst)
    verification_record(
        enrolment=enrolment,
        indicator="t2.4",
        language="ru",
        raw={"met": True},
        reason="the portal was down on the last day (letter of the operator)",
        actor=analyst,
    )
    (body,) = gather(enrolment.campaign, [enrolment])
    assert body.values[("t2.4", "ru")] == {"met": True}


def test_by_first_april_term_and_the_public_council() -> None:
    """002 Annex 10 table 3 item 1: before the public council's meeting, no later than 1 April."""
    from ashyq.evaluation.terms import DatedDocument, term_check

    end = datetime.date(2025, 12, 31)
    on_time = term_check("t3.1", [DatedDocument("r", None, datetime.date(2026, 4, 1))], period_end=end)
    late = term_check("t3.1", [DatedDocument("r", None, datetime.date(2026, 4, 2))], period_end=end)
    after_council = term_check(
        "t3.1", [DatedDocument("r", datetime.date(2026, 3, 10), datetime.date(2026, 3, 10))], period_end=end
    )
    undated = term_check("t3.1", [DatedDocument("r", None, None)], period_end=end)
    assert on_time is not None and on_time.met is True
    assert late is not None and late.met is False
    assert after_council is not None and after_council.met is False
    assert undated is not None and undated.met is None
    assert term_check("t6.2", [], period_end=end) is None
