"""Stable names of the audit events the campaign services write (``ashyq.core.audit``)."""

from __future__ import annotations

from enum import StrEnum


class CampaignEvent(StrEnum):
    CAMPAIGN_CREATED = "evaluation.campaign.created"
    CAMPAIGN_OPENED = "evaluation.campaign.opened"
    COLLECTION_CLOSED = "evaluation.campaign.collection_closed"
    SCORES_RECORDED = "evaluation.campaign.scored"
    VERIFICATION_REOPENED = "evaluation.campaign.verification_reopened"
    CONCLUSIONS_DELIVERED = "evaluation.campaign.conclusions_delivered"
    BODY_ENROLLED = "evaluation.enrolment.created"
    FACT_RECORDED = "evaluation.fact.recorded"
    EVIDENCE_ADDED = "evaluation.evidence.added"
    EVIDENCE_REMOVED = "evaluation.evidence.removed"
    REPORT_PREFILLED = "evaluation.report.prefilled"
    SOURCE_IMPORTED = "evaluation.import.done"
    REPORT_SUBMITTED = "evaluation.report.submitted"
    REPORT_RETURNED = "evaluation.report.returned"
    REPORT_SIGNED_OFF = "evaluation.report.signed_off"
    VERIFIED = "evaluation.verification.recorded"
    DOCUMENTS_REQUESTED = "evaluation.request.created"
    DOCUMENT_UPLOADED = "evaluation.request.document_uploaded"
    REQUEST_ANSWERED = "evaluation.request.answered"
    CONCLUSION_APPROVED = "evaluation.conclusion.approved"
    CONCLUSION_DELIVERED = "evaluation.conclusion.delivered"
