"""The audit trail as people read it (issue 11 item 4): each event type's name in kk/ru/en, and the before/after
values as "field: old → new" lines with the model's own field names, choice labels, dates per language and yes/no
instead of JSON. Presentation only; which events a reader sees is the selector's business (``core.selectors``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import pgettext, pgettext_lazy

from ashyq.core.models import AuditEvent

EVENT_NAMES: dict[str, str | Promise] = {
    "feedback.analysis.created": pgettext_lazy("audit event", "Quarterly analysis started"),
    "feedback.analysis.decided": pgettext_lazy("audit event", "Quarterly analysis considered by the first head"),
    "feedback.analysis.submitted": pgettext_lazy("audit event", "Quarterly analysis submitted to the first head"),
    "feedback.finding.cleared": pgettext_lazy("audit event", 'Finding "not openly accessible" withdrawn'),
    "feedback.finding.set": pgettext_lazy("audit event", "Materials found not openly accessible"),
    "feedback.import.completed": pgettext_lazy("audit event", "File import completed"),
    "feedback.import.queued": pgettext_lazy("audit event", "File import started"),
    "feedback.import.refused": pgettext_lazy("audit event", "File import refused"),
    "feedback.item.accepted": pgettext_lazy("audit event", "Remark or proposal accepted"),
    "feedback.item.answered": pgettext_lazy("audit event", "Comment answered"),
    "feedback.item.created": pgettext_lazy("audit event", "Feedback item entered"),
    "feedback.item.followed_up": pgettext_lazy("audit event", "Item taken into a plan or a budget"),
    "feedback.item.reclassified": pgettext_lazy("audit event", "Remark reclassified as a comment"),
    "feedback.item.rejected": pgettext_lazy("audit event", "Remark or proposal rejected"),
    "feedback.material.added": pgettext_lazy("audit event", "Broadcast, briefing or publication recorded"),
    "feedback.notice.added": pgettext_lazy("audit event", "Information notice recorded"),
    "feedback.project.created": pgettext_lazy("audit event", "Project or initiative added"),
    "feedback.publication.added": pgettext_lazy("audit event", "Project information published"),
    "feedback.recommendation.added": pgettext_lazy("audit event", "Recommendation added"),
    "feedback.recommendation.done": pgettext_lazy("audit event", "Recommendation carried out"),
    "feedback.source.council_recorded": pgettext_lazy("audit event", "Public council meeting recorded"),
    "feedback.source.created": pgettext_lazy("audit event", "Feedback source registered"),
    "feedback.source.results_recorded": pgettext_lazy("audit event", "Use of the results recorded"),
    "feedback.topic.created": pgettext_lazy("audit event", "Problem topic added"),
    "meetings.issue.added": pgettext_lazy("audit event", "Problem issue recorded"),
    "meetings.issue.planned": pgettext_lazy("audit event", "Action-plan entry set"),
    "meetings.meeting.approved": pgettext_lazy("audit event", "Meeting approved in the schedule"),
    "meetings.meeting.closed": pgettext_lazy("audit event", "Meeting closed"),
    "meetings.meeting.excluded_from_draft": pgettext_lazy("audit event", "Meeting excluded from the draft schedule"),
    "meetings.meeting.held": pgettext_lazy("audit event", "Meeting held"),
    "meetings.meeting.included_in_draft": pgettext_lazy("audit event", "Meeting included in the draft schedule"),
    "meetings.meeting.prepared": pgettext_lazy("audit event", "Meeting prepared"),
    "meetings.meeting.proposed": pgettext_lazy("audit event", "Meeting proposed for the schedule"),
    "meetings.meeting.requests_recorded": pgettext_lazy(
        "audit event", "Requests collected before the meeting recorded"
    ),
    "meetings.meeting.results_published": pgettext_lazy("audit event", "Meeting results and action plan published"),
    "meetings.meeting.unscheduled_added": pgettext_lazy("audit event", "Meeting outside the schedule recorded"),
    "meetings.progress.published": pgettext_lazy("audit event", "Progress on the action plan published"),
    "meetings.regional_problems.sent": pgettext_lazy("audit event", "Regional problems sent"),
    "meetings.schedule.approved": pgettext_lazy("audit event", "Schedule approved"),
    "meetings.schedule.submitted": pgettext_lazy("audit event", "Draft schedule submitted"),
    "methodology.version.loaded": pgettext_lazy("audit event", "Methodology version loaded"),
    "orgs.body.created": pgettext_lazy("audit event", "State body added"),
    "orgs.body.updated": pgettext_lazy("audit event", "State body updated"),
    "orgs.membership.granted": pgettext_lazy("audit event", "Role granted"),
    "evaluation.agency.corrected": pgettext_lazy("audit event", "Results sent to the Agency corrected (new version)"),
    "evaluation.agency.sent": pgettext_lazy("audit event", "Final conclusion sent to the Agency"),
    "evaluation.campaign.collection_closed": pgettext_lazy("audit event", "Reports closed, verification started"),
    "evaluation.campaign.conclusions_delivered": pgettext_lazy("audit event", "Campaign's conclusions delivered"),
    "evaluation.campaign.created": pgettext_lazy("audit event", "Assessment campaign created"),
    "evaluation.campaign.opened": pgettext_lazy("audit event", "Campaign opened for reports"),
    "evaluation.campaign.scored": pgettext_lazy("audit event", "Campaign scored"),
    "evaluation.campaign.verification_reopened": pgettext_lazy("audit event", "Verification reopened"),
    "evaluation.commission.formed": pgettext_lazy("audit event", "Special commission formed"),
    "evaluation.commission.held": pgettext_lazy("audit event", "Commission's meeting recorded"),
    "evaluation.commission.row_decided": pgettext_lazy("audit event", "Commission's decision on a disputed indicator"),
    "evaluation.commission.score_changed": pgettext_lazy("audit event", "Score changed by the commission's decisions"),
    "evaluation.conclusion.approved": pgettext_lazy("audit event", "Conclusion approved"),
    "evaluation.conclusion.delivered": pgettext_lazy("audit event", "Conclusion delivered"),
    "evaluation.conclusion.recommendations_saved": pgettext_lazy(
        "audit event", "Conclusions and recommendations written"
    ),
    "evaluation.enrolment.created": pgettext_lazy("audit event", "Body enrolled in the campaign"),
    "evaluation.evidence.added": pgettext_lazy("audit event", "Evidence added to the report"),
    "evaluation.evidence.removed": pgettext_lazy("audit event", "Evidence removed from the report"),
    "evaluation.fact.recorded": pgettext_lazy("audit event", "Report value recorded"),
    "evaluation.feedback.closed": pgettext_lazy("audit event", "Feedback submissions closed"),
    "evaluation.feedback.created": pgettext_lazy("audit event", "Evaluation of feedback created"),
    "evaluation.feedback.enrolled": pgettext_lazy("audit event", "Body enrolled in the evaluation of feedback"),
    "evaluation.feedback.link_added": pgettext_lazy("audit event", "Link added to the feedback submission"),
    "evaluation.feedback.link_removed": pgettext_lazy("audit event", "Link removed from the feedback submission"),
    "evaluation.feedback.prefilled": pgettext_lazy("audit event", "Feedback submission prefilled from Ashyq's records"),
    "evaluation.feedback.published": pgettext_lazy("audit event", "Evaluation of feedback published"),
    "evaluation.feedback.reopened": pgettext_lazy("audit event", "Feedback submissions reopened"),
    "evaluation.feedback.requested": pgettext_lazy("audit event", "Feedback summaries requested from the bodies"),
    "evaluation.feedback.satisfaction_imported": pgettext_lazy("audit event", "Population's satisfaction imported"),
    "evaluation.feedback.submission_saved": pgettext_lazy("audit event", "Feedback submission's counts changed"),
    "evaluation.feedback.submitted": pgettext_lazy("audit event", "Feedback submission sent, F computed"),
    "evaluation.import.done": pgettext_lazy("audit event", "Data source imported"),
    "evaluation.objection.document_added": pgettext_lazy(
        "audit event", "Confirming document attached to the objections"
    ),
    "evaluation.objection.filed": pgettext_lazy("audit event", "Objections sent"),
    "evaluation.objection.late_accepted": pgettext_lazy("audit event", "Late objections accepted"),
    "evaluation.objection.row_removed": pgettext_lazy("audit event", "Row removed from the disagreement table"),
    "evaluation.objection.row_saved": pgettext_lazy("audit event", "Row of the disagreement table saved"),
    "evaluation.report.prefilled": pgettext_lazy("audit event", "Report prefilled from Ashyq's records"),
    "evaluation.report_import.done": pgettext_lazy("audit event", "Report table uploaded"),
    "evaluation.report_import.queued": pgettext_lazy("audit event", "Report table upload queued"),
    "evaluation.report_import.refused": pgettext_lazy("audit event", "Report table upload refused"),
    "evaluation.report.returned": pgettext_lazy("audit event", "Report returned for changes"),
    "evaluation.report.signed_off": pgettext_lazy("audit event", "Report signed off by the first head"),
    "evaluation.report.submitted": pgettext_lazy("audit event", "Report submitted"),
    "evaluation.request.answered": pgettext_lazy("audit event", "Document request answered"),
    "evaluation.request.created": pgettext_lazy("audit event", "Confirming documents requested"),
    "evaluation.request.document_uploaded": pgettext_lazy("audit event", "Requested document uploaded"),
    "evaluation.response.agreement_sent": pgettext_lazy("audit event", "Notice of agreement sent"),
    "evaluation.response.none_in_term": pgettext_lazy("audit event", "No objections received in term"),
    "evaluation.term.reminder_sent": pgettext_lazy("audit event", "Term reminder sent"),
    "evaluation.verification.recorded": pgettext_lazy("audit event", "Analyst's finding recorded"),
    "evaluation.work.retried": pgettext_lazy("audit event", "Background work started again after its worker died"),
    "evaluation.work.stopped": pgettext_lazy("audit event", "Background work stopped: its worker died twice"),
    "feedback.analysis.prefilled": pgettext_lazy("audit event", "Quarterly analysis prefilled"),
    "feedback.import.retried": pgettext_lazy("audit event", "Import started again after its worker stopped"),
    "feedback.import.started_again": pgettext_lazy("audit event", "Import started again by the officer"),
    "feedback.import.stopped": pgettext_lazy("audit event", "Import stopped"),
    "feedback.topic.renamed": pgettext_lazy("audit event", "Topic renamed"),
    "analysis.run.completed": pgettext_lazy("audit event", "Analysis of public reaction completed"),
    "analysis.run.requested": pgettext_lazy("audit event", "Analysis of public reaction requested"),
    "analysis.topic.merged": pgettext_lazy("audit event", "Topics merged"),
    "analysis.topic.split": pgettext_lazy("audit event", "Topic split"),
    "portal.conference.announced": pgettext_lazy("audit event", "Internet conference announced"),
    "portal.plan_report.published": pgettext_lazy("audit event", "Report on the plan published"),
    "portal.plan_report.replaced": pgettext_lazy("audit event", "Report on the plan replaced"),
    "portal.question.answered": pgettext_lazy("audit event", "Conference question answered"),
    "portal.question.asked": pgettext_lazy("audit event", "Conference question asked"),
    "portal.question.published": pgettext_lazy("audit event", "Conference question published"),
    "portal.question.rejected": pgettext_lazy("audit event", "Conference question rejected"),
    "registry.application.accredited": pgettext_lazy("audit event", "Channel accredited"),
    "registry.application.attachment_removed": pgettext_lazy("audit event", "File removed from the application"),
    "registry.application.created": pgettext_lazy("audit event", "Application for accreditation drafted"),
    "registry.application.notified": pgettext_lazy("audit event", "Applicant notified of the decision"),
    "registry.application.refused": pgettext_lazy("audit event", "Accreditation refused"),
    "registry.application.review_started": pgettext_lazy("audit event", "Application taken into review"),
    "registry.application.submitted": pgettext_lazy("audit event", "Application submitted"),
    "registry.application.updated": pgettext_lazy("audit event", "Draft application changed"),
    "registry.channel.changed": pgettext_lazy("audit event", "Registry entry changed"),
    "registry.channel.entered": pgettext_lazy("audit event", "Channel entered in the registry"),
    "registry.channel.removed": pgettext_lazy("audit event", "Channel removed from the registry"),
    "registry.request.change_filed": pgettext_lazy("audit event", "Change of a registry entry requested"),
    "registry.request.termination_filed": pgettext_lazy("audit event", "Termination of a channel notified"),
    "reports.document.queued": pgettext_lazy("audit event", "Large document requested"),
    "reports.document.retried": pgettext_lazy("audit event", "Document started again after its worker stopped"),
    "reports.document.stopped": pgettext_lazy("audit event", "Document stopped"),
}
# The admin writes "<app>.<model>.<verb>" (core.admin): named after the model's own verbose name.
ADMIN_VERBS = {
    "created": pgettext_lazy("audit event", "created"),
    "changed": pgettext_lazy("audit event", "changed"),
    "deleted": pgettext_lazy("audit event", "deleted"),
}


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def event_name(event_type: str) -> str:
    """The event's human name; an admin change is named by its model ("Role: deleted")."""
    if event_type in EVENT_NAMES:
        return str(EVENT_NAMES[event_type])
    label, _dot, verb = event_type.rpartition(".")
    model = _model(label)
    if model is not None and verb in ADMIN_VERBS:
        return f"{str(model._meta.verbose_name).capitalize()}: {ADMIN_VERBS[verb]}"
    return event_type


def event_choices() -> list[tuple[str, str]]:
    """Every named event type with its human name, sorted by name, for the audit filter."""
    return sorted(((key, str(name)) for key, name in EVENT_NAMES.items()), key=lambda pair: pair[1])


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


def _field(model: type[models.Model] | None, name: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def _value(field: models.Field[Any, Any] | None, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return pgettext("audit value", "yes") if value else pgettext("audit value", "no")
    if isinstance(value, list):
        return ", ".join(_value(field, item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_value(None, item)}" for key, item in value.items())
    if field is not None and field.choices:
        labels = {str(key): label for key, label in field.flatchoices}
        if str(value) in labels:
            return str(labels[str(value)])
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
        if len(value) == 10:
            return formats.date_format(moment.date(), "SHORT_DATE_FORMAT")
        return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
    return str(value)


def event_changes(event: AuditEvent) -> list[Change]:
    """The fields the event recorded, each with its before and after value, in the model's own words."""
    model = _model(event.target_type)
    old = event.old if isinstance(event.old, dict) else {}
    new = event.new if isinstance(event.new, dict) else {}
    changes = []
    for name in [*old, *(key for key in new if key not in old)]:
        field = _field(model, name)
        label = str(field.verbose_name) if field is not None else name.replace("_", " ")
        changes.append(
            Change(
                field=label[:1].upper() + label[1:],
                before=_value(field, old.get(name)) if name in old else "",
                after=_value(field, new.get(name)) if name in new else "",
            )
        )
    return changes
