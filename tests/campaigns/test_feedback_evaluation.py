"""The evaluation of feedback (000 chapter 3; issue 14 item 10) through its services: the request of §20, the
submission prefilled from the records and sent, F with the law's numbers (§22–23), the §21 survey import."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ashyq.core.errors import InvalidTransition
from ashyq.core.models import AuditEvent
from ashyq.evaluation.feedback_models import FeedbackEvaluation, FeedbackSubmission, SatisfactionImport
from ashyq.evaluation.services import feedback_evaluations as services
from ashyq.evaluation.services.satisfaction_imports import satisfaction_import_create
from ashyq.feedback.models import ItemKind, ItemStatus, NotAccessibleFinding, OutreachMaterial, SourceKind
from ashyq.orgs.models import Body
from tests.campaigns.feedback import evaluation_for, submit_counts
from tests.feedback.factories import ALMATY, ItemFactory, SourceFactory

pytestmark = pytest.mark.django_db


def _items(body: Body, *, remarks: tuple[int, int, int] = (0, 0, 0), comments: tuple[int, int] = (0, 0)) -> None:
    """Remarks (accepted, rejected, undecided) and comments (answered, unanswered) received in 2025."""
    source = SourceFactory(body=body, period_start=datetime.date(2025, 3, 1), period_end=datetime.date(2025, 3, 20))
    received = datetime.datetime(2025, 3, 5, 10, tzinfo=ALMATY)
    statuses = (
        [ItemStatus.ACCEPTED] * remarks[0] + [ItemStatus.REJECTED] * remarks[1] + [ItemStatus.RECEIVED] * remarks[2]
    )
    for status in statuses:
        ItemFactory(
            source=source,
            status=status,
            received_at=received,
            reference="п. 5" if status == ItemStatus.ACCEPTED else "",
            rejection_reason="не соответствует" if status == ItemStatus.REJECTED else "",
        )
    for status in [ItemStatus.ANSWERED] * comments[0] + [ItemStatus.UNANSWERED] * comments[1]:
        ItemFactory(source=source, kind=ItemKind.COMMENT, status=status, received_at=received)


def test_the_request_pins_the_feedback_version_and_prefills_each_body_from_its_records(
    analyst: User, body_a: Body, body_b: Body
) -> None:
    # given body A's remarks and comments of 2025, a conference and a briefing, and one remark of 2024
    _items(body_a, remarks=(3, 1, 1), comments=(6, 2))
    ItemFactory(source=SourceFactory(body=body_a), received_at=datetime.datetime(2024, 12, 31, 23, tzinfo=ALMATY))
    SourceFactory(
        body=body_a,
        kind=SourceKind.INTERNET_CONFERENCE,
        title_ru="Интернет-конференция министра",
        url="https://dialog.egov.kz/conference/1",
        period_start=datetime.date(2025, 5, 10),
        period_end=datetime.date(2025, 5, 10),
    )
    OutreachMaterial.objects.create(
        body=body_a, kind="briefing", title="Брифинг", url="https://gov.kz/b/1", held_on=datetime.date(2025, 6, 2)
    )
    evaluation = evaluation_for(analyst, [body_a, body_b])
    # when the analyst sends the request
    services.feedback_evaluation_request(evaluation=evaluation, actor=analyst)
    # then it is requested today with the feedback version in force, and each submission holds its records
    evaluation.refresh_from_db()
    assert evaluation.status == FeedbackEvaluation.Status.REQUESTED
    assert evaluation.requested_on is not None and evaluation.methodology.kind == "feedback"
    a = evaluation.submissions.get(body=body_a)
    counts = [getattr(a, name) for name in services.COUNT_FIELDS]
    assert counts == [5, 3, 1, 8, 6, 2]  # the remark of 2024 is not counted
    assert a.counts_source == {name: "records" for name in services.COUNT_FIELDS}
    assert [link["url"] for link in a.conference_links] == ["https://dialog.egov.kz/conference/1"]
    assert a.materials == [{"title": "Брифинг", "url": "https://gov.kz/b/1", "date": "2025-06-02"}]
    assert a.openly_accessible and a.prefilled_at is not None
    b = evaluation.submissions.get(body=body_b)
    assert [getattr(b, name) for name in services.COUNT_FIELDS] == [0] * 6
    events = set(AuditEvent.objects.values_list("event_type", flat=True))
    assert {"evaluation.feedback.created", "evaluation.feedback.requested", "evaluation.feedback.prefilled"} <= events


@pytest.mark.parametrize(
    ("remarks", "comments", "accessible", "f", "band"),
    [
        ((3, 1, 0), (6, 2), True, Decimal("56.25"), "low"),  # (3/4) × (6/8) × 100
        ((0, 0, 0), (9, 1), True, Decimal("90"), "high"),  # C = 0: B/C = 1
        ((2, 2, 0), (0, 0), True, Decimal("50"), "low"),  # G = 0: E/G = 1
        ((0, 0, 0), (0, 0), True, Decimal("100"), "high"),  # nothing received (SPEC §7)
        ((4, 0, 0), (5, 0), False, Decimal("0"), "ineffective"),  # §23: not openly accessible
    ],
)
def test_f_is_stored_on_submit_with_the_laws_numbers(
    analyst: User,
    officer_a: User,
    body_a: Body,
    remarks: tuple[int, int, int],
    comments: tuple[int, int],
    accessible: bool,
    f: Decimal,
    band: str,
) -> None:
    # given the records of body A, and a §23 finding when the materials were not openly accessible
    _items(body_a, remarks=remarks, comments=comments)
    if not accessible:
        NotAccessibleFinding.objects.create(
            body=body_a,
            period_start=datetime.date(2025, 1, 1),
            period_end=datetime.date(2025, 3, 31),
            reason="x",
            set_by=analyst,
        )
    evaluation = evaluation_for(analyst, [body_a])
    services.feedback_evaluation_request(evaluation=evaluation, actor=analyst)
    # when the officer sends the prefilled submission
    submission = services.feedback_submission_submit(submission=evaluation.submissions.get(), actor=officer_a)
    # then F, its band and the engine's explanation are stored with it
    submission.refresh_from_db()
    assert submission.status == FeedbackSubmission.Status.SUBMITTED and submission.submitted_by == officer_a
    assert submission.f == f and submission.band == band
    assert submission.openly_accessible is accessible
    assert "F" in submission.explanation["text"]["ru"] and submission.explanation["display"]
    assert AuditEvent.objects.filter(event_type="evaluation.feedback.submitted", body=body_a).exists()


def test_full_precision_is_kept_and_the_display_rounds_once(analyst: User, officer_a: User, body_a: Body) -> None:
    # given 2 of 3 remarks accepted and every comment answered
    evaluation = evaluation_for(analyst, [body_a])
    services.feedback_evaluation_request(evaluation=evaluation, actor=analyst)
    submission = submit_counts(evaluation.submissions.get(), officer_a, remarks=(3, 2, 1), comments=(1, 1, 0))
    # then F = 66.666… at full precision, displayed 66.7, in the band "low" by the exact value
    assert submission.f == Decimal("66.6666666667")
    assert submission.f_display == "66.7" and submission.band == "low"


def test_the_officer_corrects_counts_which_then_show_as_the_officers(
    analyst: User, officer_a: User, body_a: Body
) -> None:
    _items(body_a, remarks=(1, 0, 0))
    evaluation = evaluation_for(analyst, [body_a])
    services.feedback_evaluation_request(evaluation=evaluation, actor=analyst)
    submission = evaluation.submissions.get()
    counts = {name: getattr(submission, name) for name in services.COUNT_FIELDS}
    # when the officer adds a remark received outside Ashyq
    services.feedback_submission_update(
        submission=submission, counts={**counts, "remarks_received": 2, "remarks_rejected": 1}, actor=officer_a
    )
    submission.refresh_from_db()
    # then the changed counts are the officer's, the others still the records'
    assert submission.counts_source["remarks_received"] == "officer"
    assert submission.counts_source["remarks_accepted"] == "records"
    event = AuditEvent.objects.get(event_type="evaluation.feedback.submission_saved")
    assert event.old == {"remarks_received": 1, "remarks_rejected": 0}


def test_counts_that_do_not_add_up_are_refused(analyst: User, officer_a: User, body_a: Body) -> None:
    evaluation = evaluation_for(analyst, [body_a])
    services.feedback_evaluation_request(evaluation=evaluation, actor=analyst)
    counts = dict.fromkeys(services.COUNT_FIELDS, 0) | {"remarks_received": 1, "remarks_accepted": 1}
    with pytest.raises(ValidationError) as error:
        services.feedback_submission_update(
            submission=evaluation.submissions.get(),
            counts={**counts, "remarks_rejected": 1, "comments_received": 2, "comments_answered": 1},
            actor=officer_a,
        )
    assert set(error.value.message_dict) == {"remarks_rejected", "comments_unanswered"}


def test_links_added_by_hand_survive_a_new_prefill_and_can_be_removed(
    analyst: User, officer_a: User, body_a: Body
) -> None:
    evaluation = evaluation_for(analyst, [body_a])
    services.feedback_evaluation_request(evaluation=evaluation, actor=analyst)
    submission = evaluation.submissions.get()
    services.feedback_submission_link_add(
        submission=submission,
        part="materials",
        title="Тікелей эфир",
        url="https://instagram.com/live/1",
        day=datetime.date(2025, 7, 1),
        actor=officer_a,
    )
    services.feedback_submission_prefill(submission=submission, actor=officer_a)
    submission.refresh_from_db()
    assert [link["url"] for link in submission.materials] == ["https://instagram.com/live/1"]
    services.feedback_submission_link_remove(submission=submission, part="materials", index=0, actor=officer_a)
    submission.refresh_from_db()
    assert submission.materials == []
    assert AuditEvent.objects.filter(event_type="evaluation.feedback.link_removed").count() == 1


def test_only_the_bodys_own_officer_prepares_and_sends(
    analyst: User, officer_b: User, first_head_a: User, body_a: Body
) -> None:
    evaluation = evaluation_for(analyst, [body_a])
    services.feedback_evaluation_request(evaluation=evaluation, actor=analyst)
    submission = evaluation.submissions.get()
    for person in (officer_b, first_head_a, analyst):
        with pytest.raises(PermissionDenied):
            services.feedback_submission_submit(submission=submission, actor=person)


def test_late_submission_is_flagged_and_a_due_date_on_a_day_off_moves_to_the_next_working_day(
    analyst: User, officer_a: User, body_a: Body
) -> None:
    # given a due date on Saturday 7 March 2026 (the term ends on Monday 9 March... unless a holiday follows)
    evaluation = evaluation_for(analyst, [body_a], due_on=datetime.date(2026, 3, 7))
    services.feedback_evaluation_request(evaluation=evaluation, actor=analyst)
    evaluation.refresh_from_db()
    # 8 March (Sunday) is International Women's Day, moved to Monday 9 March: the term ends on Tuesday 10 March
    assert evaluation.term_ends == datetime.date(2026, 3, 10)
    submission = evaluation.submissions.get()
    assert not submission.late(datetime.date(2026, 3, 10))
    assert submission.late(datetime.date(2026, 3, 11))
    services.feedback_submission_submit(submission=submission, actor=officer_a)
    submission.refresh_from_db()
    assert submission.late(datetime.date(2030, 1, 1)) is (submission.submitted_at.date() > evaluation.term_ends)


def test_transitions_and_the_frozen_published_evaluation(analyst: User, officer_a: User, body_a: Body) -> None:
    evaluation = evaluation_for(analyst, [body_a])
    with pytest.raises(InvalidTransition):
        services.feedback_evaluation_publish(evaluation=evaluation, actor=analyst)
    services.feedback_evaluation_request(evaluation=evaluation, actor=analyst)
    services.feedback_evaluation_close(evaluation=evaluation, actor=analyst)
    submission = evaluation.submissions.get()
    with pytest.raises(InvalidTransition):  # closed: the body can no longer send
        services.feedback_submission_submit(submission=submission, actor=officer_a)
    with pytest.raises(InvalidTransition):  # nobody submitted: nothing to publish
        services.feedback_evaluation_publish(evaluation=evaluation, actor=analyst)
    services.feedback_evaluation_reopen(evaluation=evaluation, actor=analyst)
    services.feedback_submission_submit(submission=submission, actor=officer_a)
    services.feedback_evaluation_close(evaluation=evaluation, actor=analyst)
    published = services.feedback_evaluation_publish(evaluation=evaluation, actor=analyst)
    assert published.status == "published" and published.published_at is not None and published.frozen
    for step in (services.feedback_evaluation_close, services.feedback_evaluation_reopen):
        with pytest.raises(InvalidTransition):
            step(evaluation=published, actor=analyst)
    with pytest.raises(InvalidTransition):
        services.feedback_evaluation_enrol(evaluation=published, bodies=[body_a], actor=analyst)


def test_bodies_outside_the_feedback_rules_are_not_enrolled(analyst: User, body_a: Body) -> None:
    body_a.outside_feedback_scope = True
    body_a.save()
    with pytest.raises(ValidationError):
        evaluation_for(analyst, [body_a])


def test_a_period_without_a_feedback_methodology_is_refused(analyst: User) -> None:
    with pytest.raises(ValidationError) as error:
        services.feedback_evaluation_create(
            name="2020",
            period_start=datetime.date(2020, 1, 1),
            period_end=datetime.date(2020, 12, 31),
            due_on=datetime.date(2021, 2, 1),
            actor=analyst,
        )
    assert "period_end" in error.value.message_dict


# ----------------------------------------------------------------------------------- the §21 survey import


@pytest.fixture
def immediate_tasks(settings: Any, tmp_path: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path


def _import(evaluation: FeedbackEvaluation, analyst: User, text: str, capture: Any) -> SatisfactionImport:
    with capture(execute=True):
        job = satisfaction_import_create(
            evaluation=evaluation, file=SimpleUploadedFile("survey.csv", text.encode("utf-8")), actor=analyst
        )
    job.refresh_from_db()
    return job


def test_the_satisfaction_survey_is_imported_with_file_and_row(
    immediate_tasks: None, analyst: User, body_a: Body, body_b: Body, django_capture_on_commit_callbacks: Any
) -> None:
    evaluation = evaluation_for(analyst, [body_a, body_b])
    text = f"body;satisfied_percent\n{body_a.name_ru};62,5\n{body_b.legalacts_government_id or body_b.name_ru};81\n"
    job = _import(evaluation, analyst, text, django_capture_on_commit_callbacks)
    assert job.status == SatisfactionImport.Status.DONE, job.errors
    a = evaluation.submissions.get(body=body_a)
    assert a.satisfaction == Decimal("62.5") and a.satisfaction_source == "survey.csv, line 2"
    assert evaluation.submissions.get(body=body_b).satisfaction == Decimal(81)
    assert AuditEvent.objects.filter(event_type="evaluation.feedback.satisfaction_imported").count() == 2


def test_one_bad_row_refuses_the_whole_survey(
    immediate_tasks: None, analyst: User, body_a: Body, body_b: Body, django_capture_on_commit_callbacks: Any
) -> None:
    evaluation = evaluation_for(analyst, [body_a, body_b])
    text = (
        f"body;satisfied_percent\n{body_a.name_ru};62\nНет такого органа;50\n{body_b.name_ru};101\n{body_a.name_ru};1\n"
    )
    job = _import(evaluation, analyst, text, django_capture_on_commit_callbacks)
    assert job.status == SatisfactionImport.Status.FAILED
    assert [error["line"] for error in job.errors] == [3, 4, 5]
    assert not evaluation.submissions.filter(satisfaction__isnull=False).exists()
