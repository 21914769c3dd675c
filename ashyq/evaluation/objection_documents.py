"""Documents of the objection procedure: the commission's minutes (PDF and DOCX, Kazakh or Russian) and the
summary of all bodies' final scores sent to the Agency (XLSX), from the stored, frozen records."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ashyq.evaluation.labels import indicator_name
from ashyq.evaluation.models import AgencySubmission, Commission, DisagreementRow
from ashyq.evaluation.pinned import pinned_version
from ashyq.evaluation.selectors import display_points
from ashyq.reports.docx import DocxSection, docx_document
from ashyq.reports.pdf import render_pdf
from ashyq.reports.xlsx import xlsx_table


def shown(value: Decimal | str | None) -> str:
    """A score rounded once (``display_points``) and formatted in the active language (a decimal comma in Kazakh and
    Russian)."""
    return "" if value is None else number_format(display_points(Decimal(value)), decimal_pos=2)


def _figure(value: dict[str, Any] | None) -> str:
    if not value:
        return ""
    parts = []
    for item in value.values():
        if isinstance(item, bool):
            item = _("yes") if item else _("no")
        elif isinstance(item, list):
            item = len(item)
        parts.append(str(item))
    return "; ".join(parts)


def _minutes(commission: Commission, language: str) -> dict[str, Any]:
    version = pinned_version(commission.campaign.methodology)
    members = list(commission.members.select_related("user"))
    rows = DisagreementRow.objects.filter(response__in=commission.agenda.all()).select_related(
        "response__enrolment__body"
    )
    name_field = "name_kk" if language == "kk" else "name_ru"
    return {
        "language": language,
        "title": _("Minutes of the meeting of the special commission on objections"),
        "commission": commission,
        "campaign": commission.campaign,
        "present": [member for member in members if member.present],
        "absent": [member for member in members if not member.present],
        "chair": next(member for member in members if member.position == "chair"),
        "secretary": next(member for member in members if member.position == "secretary"),
        "rows": [
            {
                "body": getattr(row.response.enrolment.body, name_field),
                "indicator": indicator_name(version, row.indicator, row.language),
                "assessed": f"{_figure(row.assessed_value)} ({shown(row.assessed_points)})",
                "claimed": _figure(row.claimed_value),
                "decision": row.get_decision_display(),
                "figure": _figure(row.decided_value),
                "reason": row.decision_reason,
            }
            for row in rows
        ],
    }


def minutes_pdf(commission: Commission, language: str) -> bytes:
    with translation.override(language):
        return render_pdf("evaluation/minutes_pdf.html", _minutes(commission, language))


def minutes_docx(commission: Commission, language: str) -> bytes:
    with translation.override(language):
        context = _minutes(commission, language)
        headers = [
            _("State body"),
            _("Indicator"),
            _("Assessed figure"),
            _("The body's figure"),
            _("Decision"),
            _("Figure set by the commission"),
            _("Reasons of the decision"),
        ]
        rows = [
            [
                row["body"],
                row["indicator"],
                row["assessed"],
                row["claimed"],
                row["decision"],
                row["figure"],
                row["reason"],
            ]
            for row in context["rows"]
        ]
        sections = [
            DocxSection(
                paragraphs=[
                    _("Campaign: %(campaign)s") % {"campaign": commission.campaign.name},
                    _("Date of the meeting: %(date)s") % {"date": commission.meeting_on.strftime("%d.%m.%Y")},
                    _("Present: %(names)s") % {"names": ", ".join(str(member) for member in context["present"])},
                ]
            ),
            DocxSection(heading=_("Decisions on the disagreement tables (002 §113)"), headers=headers, rows=rows),
            DocxSection(
                paragraphs=[
                    _("Chair: %(name)s ____________") % {"name": context["chair"]},
                    _("Secretary: %(name)s ____________") % {"name": context["secretary"]},
                ]
            ),
        ]
        return docx_document(title=context["title"], sections=sections)


def summary_xlsx(submission: AgencySubmission) -> bytes:
    """All bodies' final scores of one version sent to the Agency (002 §118–119)."""
    from ashyq.orgs.models import Body

    bodies = Body.objects.in_bulk([int(key) for key in submission.results])
    rows = sorted(
        (
            (
                bodies[int(key)].name_kk,
                bodies[int(key)].name_ru,
                display_points(Decimal(value["total"])),
                display_points(Decimal(value["penalty"])),
                display_points(Decimal(value["final"])),
            )
            for key, value in submission.results.items()
        ),
        key=lambda row: row[1],
    )
    headers = [
        _("name (Kazakh)"),
        _("name (Russian)"),
        _("total by criteria"),
        _("penalty deduction"),
        _("final score with penalty"),
    ]
    heading = _("%(campaign)s: final conclusion sent to the Agency on %(date)s, version %(version)s") % {
        "campaign": submission.campaign.name,
        "date": submission.sent_on.strftime("%d.%m.%Y"),
        "version": submission.version,
    }
    return xlsx_table(title=_("Final scores"), headers=headers, rows=rows, heading=heading)
