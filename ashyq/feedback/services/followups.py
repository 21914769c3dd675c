"""Follow-up of outcomes: the quarterly analysis and its recommendations (000 §14–15), the published
results of projects (000 §16)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ashyq.core.audit import audit_record, snapshot
from ashyq.core.errors import InvalidTransition
from ashyq.core.permissions import body_ids_for, require_body_access
from ashyq.feedback.models import Project, ProjectPublication, QuarterlyAnalysis, Recommendation
from ashyq.orgs.models import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from ashyq.orgs.models import Body

ANALYSIS_FIELDS = ["status", "findings", "appeals_count", "social_comments_count", "decision"]


@transaction.atomic
def analysis_create(
    *, body: Body, year: int, quarter: int, findings: str, appeals_count: int, social_comments_count: int, actor: User
) -> QuarterlyAnalysis:
    """The responsible officer's analysis of a quarter's appeals and social-media comments (000 §14)."""
    require_body_access(actor, body)
    if QuarterlyAnalysis.objects.filter(body=body, year=year, quarter=quarter).exists():
        raise ValidationError(_("The analysis of this quarter already exists."))
    analysis = QuarterlyAnalysis(
        body=body,
        year=year,
        quarter=quarter,
        findings=findings.strip(),
        appeals_count=appeals_count,
        social_comments_count=social_comments_count,
    )
    analysis.full_clean()
    analysis.save()
    audit_record(
        actor=actor,
        event="feedback.analysis.created",
        target=analysis,
        body=body,
        new=snapshot(analysis, ANALYSIS_FIELDS),
    )
    return analysis


@transaction.atomic
def analysis_prefill(
    *, body: Body, year: int, quarter: int, findings: str, appeals_count: int, social_comments_count: int, actor: User
) -> QuarterlyAnalysis:
    """The quarter's analysis from the analysis of the texts (issue 12): created, or its findings and counts
    replaced while it is being prepared (000 §14)."""
    require_body_access(actor, body)
    analysis = QuarterlyAnalysis.objects.select_for_update().filter(body=body, year=year, quarter=quarter).first()
    if analysis is None:
        return analysis_create(
            body=body,
            year=year,
            quarter=quarter,
            findings=findings,
            appeals_count=appeals_count,
            social_comments_count=social_comments_count,
            actor=actor,
        )
    if analysis.status != QuarterlyAnalysis.Status.DRAFT:
        raise InvalidTransition(_("The analysis of this quarter has already been submitted to the first head."))
    old = snapshot(analysis, ANALYSIS_FIELDS)
    analysis.findings = findings.strip()
    analysis.appeals_count, analysis.social_comments_count = appeals_count, social_comments_count
    analysis.full_clean()
    analysis.save(update_fields=["findings", "appeals_count", "social_comments_count", "updated_at"])
    audit_record(
        actor=actor,
        event="feedback.analysis.prefilled",
        target=analysis,
        body=body,
        old=old,
        new=snapshot(analysis, ANALYSIS_FIELDS),
    )
    return analysis


@transaction.atomic
def recommendation_add(*, analysis: QuarterlyAnalysis, kind: str, text: str, unit: str, actor: User) -> Recommendation:
    """A recommendation of the analysis, assigned to a structural unit (000 §14)."""
    require_body_access(actor, analysis.body)
    analysis = QuarterlyAnalysis.objects.select_for_update().get(pk=analysis.pk)
    if analysis.status != QuarterlyAnalysis.Status.DRAFT:
        raise InvalidTransition(_("Recommendations are added while the analysis is being prepared."))
    recommendation = Recommendation(analysis=analysis, kind=kind, text=text.strip(), unit=unit.strip())
    recommendation.full_clean()
    recommendation.save()
    audit_record(
        actor=actor,
        event="feedback.recommendation.added",
        target=recommendation,
        body=analysis.body,
        new=snapshot(recommendation, ["kind", "text", "unit"]),
    )
    return recommendation


@transaction.atomic
def analysis_submit(*, analysis: QuarterlyAnalysis, actor: User) -> QuarterlyAnalysis:
    """The responsible person submits the analysis to the first head (000 §15)."""
    require_body_access(actor, analysis.body)
    analysis = QuarterlyAnalysis.objects.select_for_update().select_related("body").get(pk=analysis.pk)
    if not analysis.can_submit():
        raise InvalidTransition(_("This analysis has already been submitted."))
    if not analysis.recommendations.exists():
        raise InvalidTransition(_("Add at least one recommendation before submitting the analysis (000 §14)."))
    old = snapshot(analysis, ANALYSIS_FIELDS)
    analysis.status, analysis.submitted_at, analysis.submitted_by = (
        QuarterlyAnalysis.Status.SUBMITTED,
        timezone.now(),
        actor,
    )
    analysis.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    audit_record(
        actor=actor,
        event="feedback.analysis.submitted",
        target=analysis,
        body=analysis.body,
        old=old,
        new=snapshot(analysis, ANALYSIS_FIELDS),
    )
    return analysis


@transaction.atomic
def analysis_decide(*, analysis: QuarterlyAnalysis, decision: str, actor: User) -> QuarterlyAnalysis:
    """The first head records the decision; the units then act on the recommendations (000 §15)."""
    if analysis.body_id not in body_ids_for(actor, (Role.FIRST_HEAD,)):
        raise PermissionDenied(_("Only the first head of the body considers the analysis."))
    analysis = QuarterlyAnalysis.objects.select_for_update().select_related("body").get(pk=analysis.pk)
    if not analysis.can_decide():
        raise InvalidTransition(_("Only a submitted analysis can be considered, and only once."))
    if not decision.strip():
        raise InvalidTransition(_("Write the decision."), code="decision_required")
    old = snapshot(analysis, ANALYSIS_FIELDS)
    analysis.status, analysis.decision = QuarterlyAnalysis.Status.DECIDED, decision.strip()
    analysis.decided_at, analysis.decided_by = timezone.now(), actor
    analysis.save(update_fields=["status", "decision", "decided_at", "decided_by", "updated_at"])
    audit_record(
        actor=actor,
        event="feedback.analysis.decided",
        target=analysis,
        body=analysis.body,
        old=old,
        new=snapshot(analysis, ANALYSIS_FIELDS),
    )
    return analysis


@transaction.atomic
def recommendation_complete(
    *, recommendation: Recommendation, done_on: datetime.date, note: str, actor: User
) -> Recommendation:
    """The unit reports the recommendation done, after the first head's decision (000 §15)."""
    require_body_access(actor, recommendation.analysis.body)
    recommendation = (
        Recommendation.objects.select_for_update().select_related("analysis__body").get(pk=recommendation.pk)
    )
    if recommendation.analysis.status != QuarterlyAnalysis.Status.DECIDED:
        raise InvalidTransition(_("A recommendation is carried out after the first head has considered it."))
    if not recommendation.can_complete():
        raise InvalidTransition(_("This recommendation is already done."))
    old = snapshot(recommendation, ["status", "done_on", "done_note"])
    recommendation.status, recommendation.done_on, recommendation.done_note = (
        Recommendation.Status.DONE,
        done_on,
        note.strip(),
    )
    recommendation.save(update_fields=["status", "done_on", "done_note", "updated_at"])
    audit_record(
        actor=actor,
        event="feedback.recommendation.done",
        target=recommendation,
        body=recommendation.analysis.body,
        old=old,
        new=snapshot(recommendation, ["status", "done_on", "done_note"]),
    )
    return recommendation


@transaction.atomic
def project_create(*, body: Body, title_kk: str, title_ru: str, start_year: int, end_year: int, actor: User) -> Project:
    """A project or initiative whose results the body will publish (000 §16)."""
    require_body_access(actor, body)
    project = Project(
        body=body, title_kk=title_kk.strip(), title_ru=title_ru.strip(), start_year=start_year, end_year=end_year
    )
    project.full_clean()
    project.save()
    audit_record(
        actor=actor,
        event="feedback.project.created",
        target=project,
        body=body,
        new=snapshot(project, ["title_kk", "title_ru", "start_year", "end_year"]),
    )
    return project


@transaction.atomic
def publication_add(
    *, project: Project, year: int, quarter: int | None, url: str, published_on: datetime.date, actor: User
) -> ProjectPublication:
    """Quarterly interim (``quarter`` 1–4) or annual final (``quarter`` None) information (000 §16)."""
    require_body_access(actor, project.body)
    if not project.start_year <= year <= project.end_year:
        raise ValidationError(_("The year is outside the project's years."))
    if ProjectPublication.objects.filter(project=project, year=year, quarter=quarter).exists():
        raise ValidationError(_("This information has already been published."))
    publication = ProjectPublication(project=project, year=year, quarter=quarter, url=url, published_on=published_on)
    publication.full_clean()
    publication.save()
    audit_record(
        actor=actor,
        event="feedback.publication.added",
        target=publication,
        body=project.body,
        new=snapshot(publication, ["year", "quarter", "url", "published_on"]),
    )
    return publication
