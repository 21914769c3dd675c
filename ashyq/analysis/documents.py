"""What the analysis of a quarter says, in words and tables, for its page, the prefilled quarterly analysis of
000 §14 and its PDF/DOCX in Kazakh or Russian (through ``ashyq.reports``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ashyq.analysis.models import QuarterRun
from ashyq.core.i18n import in_language
from ashyq.feedback.models import Channel, ItemKind, ItemLanguage, QuarterlyAnalysis
from ashyq.reports.docx import DocxSection, docx_document
from ashyq.reports.pdf import render_pdf

DOCUMENT_FORMATS = ("pdf", "docx")
DOCUMENT_LANGUAGES = ("kk", "ru")
PROBLEMS_LISTED = 5


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int
    previous: int

    @property
    def change(self) -> str:
        """The change against the previous quarter, signed, as people write it (+12, −3, 0)."""
        difference = self.count - self.previous
        return f"+{difference}" if difference > 0 else (f"−{-difference}" if difference < 0 else "0")


def _rows(run: QuarterRun, key: str, choices: type[Channel] | type[ItemLanguage] | type[ItemKind]) -> list[CountRow]:
    now = run.results.get(key, {})
    before = run.results.get("previous", {}).get(key, {})
    return [CountRow(str(label), now.get(value, 0), before.get(value, 0)) for value, label in choices.choices]


def channel_rows(run: QuarterRun) -> list[CountRow]:
    return _rows(run, "channels", Channel)


def language_rows(run: QuarterRun) -> list[CountRow]:
    return _rows(run, "languages", ItemLanguage)


def kind_rows(run: QuarterRun) -> list[CountRow]:
    return _rows(run, "kinds", ItemKind)


def _date(moment: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATE_FORMAT")


def _topic_label(cluster: object) -> str:
    topic = getattr(cluster, "topic", None)
    return str(topic) if topic is not None else ", ".join(getattr(cluster, "terms", [])[:5])


def findings_text(run: QuarterRun) -> str:
    """The prefilled analysis (000 §14): totals and trend, channels, languages, campaigns, frequent problems.

    The officer edits it before it goes into the quarterly analysis."""
    results, previous = run.results, run.results.get("previous", {})
    total, before = results.get("total", 0), previous.get("total", 0)
    lines = [
        _(
            "In quarter %(quarter)s of %(year)s the body received %(total)s appeals, comments and questions "
            "(%(unique)s different texts); in the previous quarter, %(previous)s."
        )
        % {
            "quarter": run.quarter,
            "year": run.year,
            "total": total,
            "unique": results.get("unique", 0),
            "previous": before,
        }
    ]
    channels = "; ".join(f"{row.label}: {row.count} ({row.change})" for row in channel_rows(run) if row.count)
    if channels:
        lines.append(_("By channel: %(list)s.") % {"list": channels})
    languages = "; ".join(f"{row.label}: {row.count}" for row in language_rows(run) if row.count)
    if languages:
        lines.append(_("By language: %(list)s.") % {"list": languages})
    campaigns = list(run.groups.filter(is_campaign=True)[:3])
    if campaigns:
        lines.append(
            ngettext(
                "%(count)s mass campaign of near-identical texts:",
                "%(count)s mass campaigns of near-identical texts:",
                results.get("campaigns", 0),
            )
            % {"count": results.get("campaigns", 0)}
        )
        lines += [
            _("— «%(text)s»: %(size)s texts, %(start)s – %(end)s.")
            % {"text": g.representative[:200], "size": g.size, "start": _date(g.first_at), "end": _date(g.last_at)}
            for g in campaigns
        ]
    problems = list(run.topics.filter(merged_into=None).select_related("topic")[:PROBLEMS_LISTED])
    if problems:
        lines.append(_("The most frequent problems:"))
        lines += [
            _("%(number)s. %(topic)s — %(size)s texts, for example: «%(example)s».")
            % {
                "number": number,
                "topic": _topic_label(c),
                "size": c.size,
                "example": (c.examples or [""])[0][:200],
            }
            for number, c in enumerate(problems, start=1)
        ]
    return "\n".join(lines)


def _title(run: QuarterRun) -> str:
    return _("Analysis of appeals and social-media comments: %(year)s, quarter %(quarter)s") % {
        "year": run.year,
        "quarter": run.quarter,
    }


def _count_table(rows: list[CountRow]) -> list[list[object]]:
    return [[row.label, row.count, row.previous, row.change] for row in rows]


def analysis_document(*, run: QuarterRun, file_format: str, language: str) -> tuple[bytes, str]:
    """The analysis of the quarter as PDF or DOCX in Kazakh or Russian, with the officer's findings and
    recommendations when the quarterly analysis exists (000 §14–15)."""
    with translation.override(language):
        title = _title(run)
        body_name = in_language(run.body.name_kk, run.body.name_ru)
        analysis = QuarterlyAnalysis.objects.filter(body=run.body, year=run.year, quarter=run.quarter).first()
        findings = analysis.findings if analysis else findings_text(run)
        headers = [_("What"), _("This quarter"), _("Previous quarter"), _("Change")]
        tables = [
            (_("By channel"), _count_table(channel_rows(run))),
            (_("By language"), _count_table(language_rows(run))),
            (_("By kind"), _count_table(kind_rows(run))),
        ]
        recommendations = (
            [[r.get_kind_display(), r.text, r.unit] for r in analysis.recommendations.all()] if analysis else []
        )
        recommendation_headers = [_("Kind"), _("Recommendation"), _("Structural unit")]
        if file_format == "pdf":
            content = render_pdf(
                "analysis/document.html",
                {
                    "language": language,
                    "title": title,
                    "body_name": body_name,
                    "findings": findings,
                    "headers": headers,
                    "tables": tables,
                    "recommendation_headers": recommendation_headers,
                    "recommendations": recommendations,
                },
            )
        else:
            sections = [DocxSection(paragraphs=[body_name, *findings.splitlines()])]
            sections += [DocxSection(heading=heading, headers=headers, rows=rows) for heading, rows in tables]
            if recommendations:
                sections.append(
                    DocxSection(heading=_("Recommendations"), headers=recommendation_headers, rows=recommendations)
                )
            content = docx_document(title=title, sections=sections)
    return content, f"analysis-{run.year}-q{run.quarter}-{language}.{file_format}"
