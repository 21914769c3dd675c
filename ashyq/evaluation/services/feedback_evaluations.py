"""The evaluation of feedback (000 chapter 3; issue 14 item 10): the authorized body's request for the bodies'
summaries of a period (§20), each body's submission prefilled from its records and sent, and F per body
computed by the engine (§22–23) and stored with the submission until the evaluation is published.

Transitions: draft → requested → closed → published (closed → requested reopens). Every change writes an audit
row. F is never computed here: ``ashyq.feedback.selectors.score_counts`` hands the counts to the engine.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ashyq.core.audit import audit_record
from ashyq.core.errors import InvalidTransition
from ashyq.core.permissions import body_ids_for, require_analyst
from ashyq.evaluation.events import FeedbackEvent
from ashyq.evaluation.feedback_models import FeedbackEvaluation, FeedbackSubmission
from ashyq.evaluation.pinned import pinned_feedback_version
from ashyq.feedback.models import DIALOGUE_KINDS, NotAccessibleFinding, OutreachMaterial, Source
from ashyq.feedback.periods import Period
from ashyq.feedback.selectors import FeedbackCounts, feedback_counts, score_counts
from ashyq.methodology.models import MethodologyKind, MethodologyVersion
from ashyq.orgs.models import Body, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser


COUNT_FIELDS = (
    "remarks_received",
    "remarks_accepted",
    "remarks_rejected",
    "comments_received",
    "comments_answered",
    "comments_unanswered",
)
LINK_PARTS = ("conference_links", "materials")
RECORDS, OFFICER = "records", "officer"


def feedback_methodology_for(period_end: datetime.date) -> MethodologyVersion | None:
    """The loaded feedback methodology version in force on the period's last day (as ``feedback_version_for``)."""
    return (
        MethodologyVersion.objects.filter(kind=MethodologyKind.FEEDBACK, effective_from__lte=period_end)
        .order_by("-effective_from")
        .first()
    )


def _lock(evaluation: FeedbackEvaluation) -> FeedbackEvaluation:
    return FeedbackEvaluation.objects.select_for_update().select_related("methodology").get(pk=evaluation.pk)


def _period(evaluation: FeedbackEvaluation) -> Period:
    return Period(evaluation.period_start, evaluation.period_end)


def feedback_evaluation_create(
    *,
    name: str,
    period_start: datetime.date,
    period_end: datetime.date,
    due_on: datetime.date,
    actor: AnyUser,
) -> FeedbackEvaluation:
    """An analyst prepares the request of 000 §20 for a period; the feedback methodology in force on the period's
    last day is pinned (ADR 0004)."""
    require_analyst(actor)
    if period_end < period_start:
        raise ValidationError({"period_end": _("The period cannot end before it starts.")})
    if due_on <= period_end:
        raise ValidationError({"due_on": _("Submissions fall due after the period ends.")})
    methodology = feedback_methodology_for(period_end)
    if methodology is None:
        raise ValidationError(
            {"period_end": _("No feedback methodology (000) was in force at the end of this period.")}
        )
    with transaction.atomic():
        evaluation = FeedbackEvaluation.objects.create(  # type: ignore[misc]
            name=name,
            period_start=period_start,
            period_end=period_end,
            due_on=due_on,
            methodology=methodology,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            event=FeedbackEvent.CREATED,
            target=evaluation,
            new={"name": name, "period": [period_start, period_end], "due_on": due_on, "methodology": methodology.code},
        )
    return evaluation


def feedback_evaluation_enrol(
    *, evaluation: FeedbackEvaluation, bodies: Iterable[Body], actor: AnyUser
) -> list[FeedbackSubmission]:
    """Enrol bodies (000 §1 scope: never the bodies outside it); a body enrolled after the request is prefilled."""
    require_analyst(actor)
    with transaction.atomic():
        evaluation = _lock(evaluation)
        if not evaluation.can_enrol():
            raise InvalidTransition(_("Bodies are enrolled before the submissions are closed."))
        enrolled = set(evaluation.submissions.values_list("body_id", flat=True))
        created: list[FeedbackSubmission] = []
        for body in bodies:
            if body.pk in enrolled:
                continue
            if not body.is_active:
                raise ValidationError(_("%(body)s is not active.") % {"body": body})
            if body.outside_feedback_scope or body.is_authorized_body:
                raise ValidationError(
                    _("%(body)s is outside the scope of the feedback rules (000 §1).") % {"body": body}
                )
            submission = FeedbackSubmission.objects.create(evaluation=evaluation, body=body)
            enrolled.add(body.pk)
            audit_record(actor=actor, event=FeedbackEvent.BODY_ENROLLED, target=submission, body=body)
            created.append(submission)
        if created and evaluation.status == FeedbackEvaluation.Status.REQUESTED:
            _prefill(evaluation, created, actor)
    return created


def _transition(evaluation: FeedbackEvaluation, allowed: bool, status: str, event: str, actor: AnyUser) -> None:
    if not allowed:
        raise InvalidTransition(
            _("The evaluation is %(status)s; this step is not possible now.")
            % {"status": evaluation.get_status_display()}
        )
    old = evaluation.status
    evaluation.status = status
    evaluation.save(update_fields=["status", "requested_on", "published_at", "updated_at"])
    audit_record(actor=actor, event=event, target=evaluation, old={"status": old}, new={"status": status})


def feedback_evaluation_request(*, evaluation: FeedbackEvaluation, actor: AnyUser) -> FeedbackEvaluation:
    """Draft → requested: the request goes to the enrolled bodies today; each submission is prefilled (000 §20)."""
    require_analyst(actor)
    with transaction.atomic():
        evaluation = _lock(evaluation)
        if evaluation.can_request() and not evaluation.submissions.exists():
            raise InvalidTransition(_("Enrol at least one body before sending the request."))
        allowed = evaluation.can_request()
        if allowed:
            evaluation.requested_on = timezone.localdate()
        _transition(evaluation, allowed, FeedbackEvaluation.Status.REQUESTED, FeedbackEvent.REQUESTED, actor)
        _prefill(evaluation, list(evaluation.submissions.select_related("body")), actor)
    return evaluation


def feedback_evaluation_close(*, evaluation: FeedbackEvaluation, actor: AnyUser) -> FeedbackEvaluation:
    """Requested → closed: the bodies can no longer change their submissions; the analyst reviews F."""
    require_analyst(actor)
    with transaction.atomic():
        evaluation = _lock(evaluation)
        _transition(evaluation, evaluation.can_close(), FeedbackEvaluation.Status.CLOSED, FeedbackEvent.CLOSED, actor)
    return evaluation


def feedback_evaluation_reopen(*, evaluation: FeedbackEvaluation, actor: AnyUser) -> FeedbackEvaluation:
    """Closed → requested: the bodies that have not submitted yet may still do so."""
    require_analyst(actor)
    with transaction.atomic():
        evaluation = _lock(evaluation)
        _transition(
            evaluation, evaluation.can_reopen(), FeedbackEvaluation.Status.REQUESTED, FeedbackEvent.REOPENED, actor
        )
    return evaluation


def feedback_evaluation_publish(*, evaluation: FeedbackEvaluation, actor: AnyUser) -> FeedbackEvaluation:
    """Closed → published: the submitted bodies' F reach the portal; the evaluation is frozen from now on."""
    require_analyst(actor)
    with transaction.atomic():
        evaluation = _lock(evaluation)
        allowed = evaluation.can_publish()
        if allowed and not evaluation.submissions.filter(status=FeedbackSubmission.Status.SUBMITTED).exists():
            raise InvalidTransition(_("No body has submitted; there is nothing to publish."))
        if allowed:
            evaluation.published_at = timezone.now()
        _transition(evaluation, allowed, FeedbackEvaluation.Status.PUBLISHED, FeedbackEvent.PUBLISHED, actor)
    return evaluation


# ------------------------------------------------------------------------------------------------ prefill


def _link(title: str, url: str, day: datetime.date | None) -> dict[str, str]:
    return {"title": title, "url": url, "date": day.isoformat() if day else ""}


def _conference_url(source: Source) -> str:
    """The conference's page on the portal when Ashyq holds it (003), otherwise its link on the dialogue portal."""
    if hasattr(source, "conference"):
        return reverse("portal:conference", kwargs={"pk": source.conference.pk})
    return source.url


@dataclass(frozen=True)
class Prefill:
    """What Ashyq's records hold for one body and period (000 §20 p.1–4 and the §23 finding)."""

    counts: FeedbackCounts
    conference_links: list[dict[str, str]]
    materials: list[dict[str, str]]
    openly_accessible: bool


def prefill_values(evaluation: FeedbackEvaluation, body_ids: list[int]) -> dict[int, Prefill]:
    """The records of the period for the bodies: one aggregate query for the counts, one each for the internet
    conferences and surveys, the outreach materials and the §23 findings."""
    period = _period(evaluation)
    counts = feedback_counts(period=period, body_ids=body_ids)
    dialogue = (
        Source.objects.filter(
            body_id__in=body_ids, kind__in=DIALOGUE_KINDS, period_start__lte=period.end, period_end__gte=period.start
        )
        .select_related("conference")
        .order_by("period_start", "id")
    )
    conferences: dict[int, list[dict[str, str]]] = {}
    for source in dialogue:
        url = _conference_url(source)
        if url:
            conferences.setdefault(source.body_id, []).append(_link(str(source), url, source.period_start))
    materials: dict[int, list[dict[str, str]]] = {}
    for material in OutreachMaterial.objects.filter(
        body_id__in=body_ids, held_on__range=(period.start, period.end)
    ).order_by("held_on", "id"):
        materials.setdefault(material.body_id, []).append(_link(material.title, material.url, material.held_on))
    closed = set(
        NotAccessibleFinding.objects.filter(
            body_id__in=body_ids, period_start__lte=period.end, period_end__gte=period.start
        ).values_list("body_id", flat=True)
    )
    return {
        body_id: Prefill(
            counts.get(body_id, FeedbackCounts()),
            conferences.get(body_id, []),
            materials.get(body_id, []),
            body_id not in closed,
        )
        for body_id in body_ids
    }


def _merge(held: list[dict[str, str]], found: list[dict[str, str]]) -> list[dict[str, str]]:
    """The records' links first, then the ones the officer added by hand (never lost by a new prefill)."""
    urls = {link["url"] for link in found}
    return found + [link for link in held if link["url"] not in urls]


def _prefill(evaluation: FeedbackEvaluation, submissions: list[FeedbackSubmission], actor: AnyUser) -> None:
    values = prefill_values(evaluation, [s.body_id for s in submissions])
    now = timezone.now()
    for submission in submissions:
        if submission.status != FeedbackSubmission.Status.DRAFT:
            continue
        found = values[submission.body_id]
        old = {name: getattr(submission, name) for name in COUNT_FIELDS}
        new_counts = {
            "remarks_received": found.counts.remarks_received,
            "remarks_accepted": found.counts.remarks_accepted,
            "remarks_rejected": found.counts.remarks_rejected,
            "comments_received": found.counts.comments_received,
            "comments_answered": found.counts.comments_answered,
            "comments_unanswered": found.counts.comments_unanswered,
        }
        for name, value in new_counts.items():
            setattr(submission, name, value)
        submission.conference_links = _merge(submission.conference_links, found.conference_links)
        submission.materials = _merge(submission.materials, found.materials)
        submission.openly_accessible = found.openly_accessible
        submission.counts_source = {name: RECORDS for name in COUNT_FIELDS}
        submission.prefilled_at = now
        submission.save()
        audit_record(
            actor=actor,
            event=FeedbackEvent.PREFILLED,
            target=submission,
            body=submission.body,
            old=old,
            new={**new_counts, "openly_accessible": found.openly_accessible},
        )


def _lock_submission(submission: FeedbackSubmission) -> FeedbackSubmission:
    return (
        FeedbackSubmission.objects.select_for_update()
        .select_related("evaluation__methodology", "body")
        .get(pk=submission.pk)
    )


def _require_officer(submission: FeedbackSubmission, actor: AnyUser) -> None:
    """Only the body's own officer prepares and sends its submission (000 §20: the evaluated body submits)."""
    if submission.body_id not in body_ids_for(actor, (Role.OFFICER,)):
        raise PermissionDenied(_("You do not act for this state body."))


def _require_editable(submission: FeedbackSubmission) -> None:
    if not submission.can_edit():
        raise InvalidTransition(_("This submission cannot be changed now."))


def feedback_submission_prefill(*, submission: FeedbackSubmission, actor: AnyUser) -> FeedbackSubmission:
    """Fill the submission again from the records; links added by hand are kept."""
    _require_officer(submission, actor)
    with transaction.atomic():
        submission = _lock_submission(submission)
        _require_editable(submission)
        _prefill(submission.evaluation, [submission], actor)
    return submission


def _check_counts(counts: Mapping[str, int]) -> None:
    """The parts of 000 §20 p.1–2 add up: accepted + rejected ≤ received; answered + unanswered = received."""
    errors: dict[str, str] = {}
    if counts["remarks_accepted"] + counts["remarks_rejected"] > counts["remarks_received"]:
        errors["remarks_rejected"] = _("Accepted and rejected remarks cannot exceed those received.")
    if counts["comments_answered"] + counts["comments_unanswered"] != counts["comments_received"]:
        errors["comments_unanswered"] = _("Answered and unanswered comments must add up to those received.")
    if errors:
        raise ValidationError(errors)


def feedback_submission_update(
    *, submission: FeedbackSubmission, counts: Mapping[str, int], actor: AnyUser
) -> FeedbackSubmission:
    """The officer corrects the counts; each changed count is marked as the officer's, not the records'."""
    _require_officer(submission, actor)
    _check_counts(counts)
    with transaction.atomic():
        submission = _lock_submission(submission)
        _require_editable(submission)
        old = {name: getattr(submission, name) for name in COUNT_FIELDS}
        changed = {name: counts[name] for name in COUNT_FIELDS if counts[name] != old[name]}
        if not changed:
            return submission
        for name, value in changed.items():
            setattr(submission, name, value)
            submission.counts_source = {**submission.counts_source, name: OFFICER}
        submission.save()
        audit_record(
            actor=actor,
            event=FeedbackEvent.SUBMISSION_SAVED,
            target=submission,
            body=submission.body,
            old={name: old[name] for name in changed},
            new=changed,
        )
    return submission


def feedback_submission_link_add(
    *, submission: FeedbackSubmission, part: str, title: str, url: str, day: datetime.date | None, actor: AnyUser
) -> FeedbackSubmission:
    """Add a link to an internet conference or survey (000 §20 p.3) or a confirming material (p.4)."""
    _require_officer(submission, actor)
    if part not in LINK_PARTS:
        raise ValidationError({"part": _("Choose where the link belongs.")})
    with transaction.atomic():
        submission = _lock_submission(submission)
        _require_editable(submission)
        links: list[dict[str, str]] = list(getattr(submission, part))
        if any(link["url"] == url for link in links):
            raise ValidationError({"url": _("This link is already in the submission.")})
        link = _link(title, url, day)
        setattr(submission, part, [*links, link])
        submission.save(update_fields=[part, "updated_at"])
        audit_record(
            actor=actor, event=FeedbackEvent.LINK_ADDED, target=submission, body=submission.body, new={part: link}
        )
    return submission


def feedback_submission_link_remove(
    *, submission: FeedbackSubmission, part: str, index: int, actor: AnyUser
) -> FeedbackSubmission:
    """Remove one link of a part (by its position on the page)."""
    _require_officer(submission, actor)
    with transaction.atomic():
        submission = _lock_submission(submission)
        _require_editable(submission)
        links: list[dict[str, str]] = list(getattr(submission, part)) if part in LINK_PARTS else []
        if not 0 <= index < len(links):
            raise ValidationError(_("There is no such link."))
        removed = links.pop(index)
        setattr(submission, part, links)
        submission.save(update_fields=[part, "updated_at"])
        audit_record(
            actor=actor, event=FeedbackEvent.LINK_REMOVED, target=submission, body=submission.body, old={part: removed}
        )
    return submission


def submission_score(submission: FeedbackSubmission) -> tuple[Decimal, str, dict[str, Any]]:
    """F, its band and the explanation of the submission's counts, by the engine with the pinned version."""
    version = pinned_feedback_version(submission.evaluation.methodology)
    counts = FeedbackCounts(
        remarks_received=submission.remarks_received,
        remarks_accepted=submission.remarks_accepted,
        remarks_rejected=submission.remarks_rejected,
        comments_received=submission.comments_received,
        comments_answered=submission.comments_answered,
    )
    score = score_counts(version, counts, submission.openly_accessible)
    assert score is not None  # a pinned version is always given
    explanation = {
        "display": score.display,
        "band_names": {"kk": score.band_names.kk, "ru": score.band_names.ru},
        "inputs": dict(score.inputs),
        "parameters": dict(score.parameters),
        "text": dict(score.text),
    }
    return score.f, score.band, explanation


def feedback_submission_submit(*, submission: FeedbackSubmission, actor: AnyUser) -> FeedbackSubmission:
    """The officer sends the submission; F, its band and explanation are computed and stored (000 §22–23)."""
    _require_officer(submission, actor)
    with transaction.atomic():
        submission = _lock_submission(submission)
        if not submission.can_submit():
            raise InvalidTransition(_("This submission cannot be sent now."))
        _check_counts({name: getattr(submission, name) for name in COUNT_FIELDS})
        submission.f, submission.band, submission.explanation = submission_score(submission)
        submission.status = FeedbackSubmission.Status.SUBMITTED
        submission.submitted_at = timezone.now()
        submission.submitted_by = actor  # type: ignore[assignment]
        submission.save()
        late = submission.late(timezone.localdate())
        audit_record(
            actor=actor,
            event=FeedbackEvent.SUBMITTED,
            target=submission,
            body=submission.body,
            old={"status": FeedbackSubmission.Status.DRAFT},
            new={"status": submission.status, "f": submission.f, "band": submission.band, "late": late},
        )
    return submission
