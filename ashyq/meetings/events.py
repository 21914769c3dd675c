"""Stable names of the audit events the meetings services write (``ashyq.core.audit``)."""

from __future__ import annotations

from enum import StrEnum


class MeetingsEvent(StrEnum):
    SCHEDULE_SUBMITTED = "meetings.schedule.submitted"
    SCHEDULE_APPROVED = "meetings.schedule.approved"
    MEETING_PROPOSED = "meetings.meeting.proposed"
    MEETING_UNSCHEDULED_ADDED = "meetings.meeting.unscheduled_added"
    MEETING_INCLUDED = "meetings.meeting.included_in_draft"
    MEETING_EXCLUDED = "meetings.meeting.excluded_from_draft"
    MEETING_APPROVED = "meetings.meeting.approved"
    MEETING_PREPARED = "meetings.meeting.prepared"
    REQUESTS_RECORDED = "meetings.meeting.requests_recorded"
    MEETING_HELD = "meetings.meeting.held"
    ISSUE_ADDED = "meetings.issue.added"
    ISSUE_PLANNED = "meetings.issue.planned"
    RESULTS_PUBLISHED = "meetings.meeting.results_published"
    PROGRESS_PUBLISHED = "meetings.progress.published"
    MEETING_CLOSED = "meetings.meeting.closed"
    REGIONAL_PROBLEMS_SENT = "meetings.regional_problems.sent"
