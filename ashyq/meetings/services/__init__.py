"""Writes of the meetings app (ARCHITECTURE rule 1), one module per stage of seed 001."""

from ashyq.meetings.services.followup import (
    ActionPlanEntry,
    ProgressEntry,
    issue_add,
    issue_plan,
    meeting_close,
    meeting_publish_results,
    progress_report_publish,
)
from ashyq.meetings.services.meeting import (
    MeetingPlan,
    MeetingRecord,
    collected_request_add,
    meeting_add_unscheduled,
    meeting_exclude_from_draft,
    meeting_hold,
    meeting_include_in_draft,
    meeting_prepare,
    meeting_propose,
)
from ashyq.meetings.services.regional import regional_problems_send
from ashyq.meetings.services.schedule import schedule_approve, schedule_for_year, schedule_submit

__all__ = [
    "ActionPlanEntry",
    "MeetingPlan",
    "MeetingRecord",
    "ProgressEntry",
    "collected_request_add",
    "issue_add",
    "issue_plan",
    "meeting_add_unscheduled",
    "meeting_close",
    "meeting_exclude_from_draft",
    "meeting_hold",
    "meeting_include_in_draft",
    "meeting_prepare",
    "meeting_propose",
    "meeting_publish_results",
    "progress_report_publish",
    "regional_problems_send",
    "schedule_approve",
    "schedule_for_year",
    "schedule_submit",
]
