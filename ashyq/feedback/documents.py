"""The report on accepted and rejected remarks/proposals of one draft (000 §7, §11) and the items export,
through the shared renderers of ``ashyq.reports``; both grow with the data, so each is a ``DocumentKind``
made in the request when small and by the task worker when large (issue 11 item 7)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from typing import IO, Any

from django.db.models import Count, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ashyq.analysis import personal_data
from ashyq.feedback.models import Item, ItemStatus, Source
from ashyq.feedback.selectors import ItemFilters, draft_report_items, items_list, source_detail
from ashyq.reports.docx import DocxSection, docx_write
from ashyq.reports.jobs import DocumentKind, DocumentRequest, Progress
from ashyq.reports.pdf import write_pdf_rows
from ashyq.reports.xlsx import csv_table, csv_write, xlsx_table, xlsx_write

REPORT_FORMATS = ("pdf", "docx", "xlsx")
EXPORT_FORMATS = ("csv", "xlsx")


def _report_headers() -> list[str]:
    return [
        _("No."),
        _("Author"),
        _("Remark or proposal"),
        _("Article or clause of the draft"),
        _("Received"),
        _("Decision"),
        _("Reference or reason for rejection"),
        _("Answer of the state body"),
    ]


def _outcome(item: Item) -> str:
    if item.status == ItemStatus.ACCEPTED:
        return item.reference
    if item.status == ItemStatus.REJECTED:
        return item.rejection_reason
    return ""


def _report_rows(items: Iterable[Item]) -> Iterator[list[Any]]:
    language = translation.get_language() or "ru"
    for number, item in enumerate(items, start=1):
        yield [
            number,
            item.author,
            personal_data.redact(item.text, language=language),
            item.clause,
            timezone.localtime(item.received_at).strftime("%d.%m.%Y"),
            item.get_status_display(),
            _outcome(item),
            item.answer_text,
        ]


# The report's columns, as shares of the text width: the same as feedback/report.html's colgroup for the PDF.
REPORT_COLUMN_WIDTHS = (4, 10, 24, 9, 10, 9, 17, 17)
READ_CHUNK = 2000


def _report_source(request: DocumentRequest) -> Source:
    return source_detail(user=request.user, pk=int(request.params["source"]))


def _report_rows_count(request: DocumentRequest) -> int:
    return draft_report_items(source=_report_source(request)).count()


def _report_title(request: DocumentRequest) -> str:
    source = _report_source(request)
    return f"{_('Report on accepted and rejected remarks and proposals')}: {_localised(source, request.language)}"


def _localised(source: Source, language: str) -> str:
    return source.title_kk if language == "kk" else source.title_ru


def _report_write(request: DocumentRequest, output: IO[bytes], progress: Progress) -> str:
    """The report in the chosen format and language (kk or ru) written to ``output``; returns its file name.
    The remarks are read from the database in chunks and written as they come (issue 11 item 7)."""
    language, file_format, source = request.language, request.file_format, _report_source(request)
    with translation.override(language):
        items = draft_report_items(source=source)
        title_text = _localised(source, language)
        title = _("Report on accepted and rejected remarks and proposals")
        counts = dict(items.order_by().values_list("status").annotate(count=Count("id")))
        totals = _("Received: %(total)s; accepted: %(accepted)s; rejected: %(rejected)s; not decided: %(open)s.") % {
            "total": sum(counts.values()),
            "accepted": counts.get(ItemStatus.ACCEPTED, 0),
            "rejected": counts.get(ItemStatus.REJECTED, 0),
            "open": counts.get(ItemStatus.RECEIVED, 0),
        }
        period = _("Public discussion from %(start)s to %(end)s") % {
            "start": source.period_start.strftime("%d.%m.%Y"),
            "end": source.period_end.strftime("%d.%m.%Y"),
        }
        body_name = source.body.name_kk if language == "kk" else source.body.name_ru
        rows, headers = _report_rows(items.iterator(chunk_size=READ_CHUNK)), _report_headers()
        prepared = _("Prepared on %(date)s") % {"date": timezone.localdate().strftime("%d.%m.%Y")}
        signer = _("First head of the state body (or the person acting for them)")
        signature = _("(signature)"), _("(full name)")
        if file_format == "pdf":
            context = {
                "language": language,
                "title": title,
                "draft": title_text,
                "body_name": body_name,
                "period": period,
                "totals": totals,
                "headers": headers,
                "url": source.url,
                "prepared": prepared,
                "signer": signer,
                "signature": signature,
            }
            write_pdf_rows(output, "feedback/report.html", context, rows, progress=progress)
        elif file_format == "docx":
            docx_write(
                output,
                title=title,
                sections=[
                    DocxSection(paragraphs=[body_name, title_text, period, source.url, totals]),
                    DocxSection(headers=headers, rows=rows, widths=REPORT_COLUMN_WIDTHS),
                    DocxSection(
                        paragraphs=[
                            prepared,
                            signer,
                            f"________________ {signature[0]}   ________________ {signature[1]}",
                        ]
                    ),
                ],
                progress=progress,
            )
        else:
            heading = f"{title}: {title_text}"
            xlsx_write(output, title=_("Report"), heading=heading, headers=headers, rows=rows, progress=progress)
    return f"feedback-report-{source.pk}-{language}.{file_format}"


DRAFT_REPORT = DocumentKind(
    path="ashyq.feedback.documents.DRAFT_REPORT",
    rows=_report_rows_count,
    title=_report_title,
    build=_report_write,
)


def _export_headers() -> list[str]:
    return [
        _("Id"),
        _("State body"),
        _("Source"),
        _("Channel"),
        _("Kind"),
        _("Status"),
        _("Received"),
        _("Outside the discussion period"),
        _("Author"),
        _("Text"),
        _("Article or clause of the draft"),
        _("Reference"),
        _("Reason for rejection"),
        _("Answer"),
        _("Answered on"),
    ]


def _export_rows(items: Iterable[Item]) -> Iterator[list[Any]]:
    for item in items:
        yield [
            item.external_id or item.pk,
            str(item.body),
            str(item.source),
            item.get_channel_display(),
            item.get_kind_display(),
            item.get_status_display(),
            timezone.localtime(item.received_at).strftime("%Y-%m-%d %H:%M"),
            _("yes") if item.outside_period else "",
            item.author,
            item.text,
            item.clause,
            item.reference,
            item.rejection_reason,
            item.answer_text,
            item.answered_on.isoformat() if item.answered_on else "",
        ]


def items_export_params(filters: ItemFilters) -> dict[str, Any]:
    """The list's filters as a job keeps them (JSON)."""
    return {
        name: value.isoformat() if isinstance(value, datetime.date) else value
        for name, value in asdict(filters).items()
    }


def _export_filters(request: DocumentRequest) -> ItemFilters:
    values = dict(request.params)
    for name in ("since", "until"):
        values[name] = datetime.date.fromisoformat(values[name]) if values.get(name) else None
    return ItemFilters(**values)


def _export_items(request: DocumentRequest) -> QuerySet[Item]:
    return items_list(user=request.user, filters=_export_filters(request))


def _export_title(request: DocumentRequest) -> str:
    return _("Feedback items")


def _export_write(request: DocumentRequest, output: IO[bytes], progress: Progress) -> str:
    """The filtered items as CSV or XLSX, read in chunks and written row by row; no cell is ever executed."""
    headers, rows = _export_headers(), _export_rows(_export_items(request).iterator(chunk_size=READ_CHUNK))
    if request.file_format == "csv":
        csv_write(output, headers=headers, rows=rows, progress=progress)
    else:
        xlsx_write(output, title=_("Feedback"), headers=headers, rows=rows, progress=progress)
    return f"feedback-items.{request.file_format}"


ITEMS_EXPORT = DocumentKind(
    path="ashyq.feedback.documents.ITEMS_EXPORT",
    rows=lambda request: _export_items(request).count(),
    title=_export_title,
    build=_export_write,
)


TEMPLATE_HEADERS = [
    "external_id",
    "kind",
    "author",
    "text",
    "clause",
    "received_at",
    "status",
    "reference",
    "reason",
    "answer",
    "answered_on",
    "body_npa_id",
]
TEMPLATE_EXAMPLE = [
    "A-1",
    "remark",
    "Иванов И.",
    "Предлагаю уточнить пункт 5",
    "п. 5",
    "2026-03-02 10:15",
    "accepted",
    "Приказ № 12, п. 5, вступил в силу 01.05.2026",
    "",
    "",
    "",
    "",
]
PORTAL_HEADERS = ["id", "parent_id", "author", "text", "clause", "status", "date"]
PORTAL_EXAMPLE = [
    ["101", "", "Асан", "Предлагаю изменить статью 3", "ст. 3", "Не принято", "09/09 - 10:55"],
    ["102", "101", "Министерство", "Не учтено: противоречит Кодексу", "", "", "10/09 - 09:00"],
]


# The Ashyq template's headings and example in the reader's language; the import reads either language (and the
# keys above), see importing/rows.py TEMPLATE_ALIASES.
LOCALISED_TEMPLATE = {
    "kk": (
        ["№", "түрі", "автор", "мәтін", "тармақ", "күні", "мәртебе", "сілтеме", "себеп", "жауап",
         "жауап күні", "орган"],
        ["A-1", "ескерту", "Иванов И.", "5-тармақты нақтылауды ұсынамын", "5-т.", "02.03.2026 10:15", "қабылданды",
         "№ 12 бұйрық, 5-т., 01.05.2026 күшіне енді", "", "", "", ""],
    ),
    "ru": (
        ["№", "вид", "автор", "текст", "пункт", "дата", "статус", "ссылка", "причина", "ответ", "дата ответа", "орган"],
        ["A-1", "замечание", "Иванов И.", "Предлагаю уточнить пункт 5", "п. 5", "02.03.2026 10:15", "принято",
         "Приказ № 12, п. 5, вступил в силу 01.05.2026", "", "", "", ""],
    ),
}  # fmt: skip


def import_template(*, file_format: str, template: str, language: str = "en") -> bytes:
    """The template a user fills (the Ashyq template, headed in the reader's language) or the portal's layout."""
    if template == "npa_portal":
        headers, rows = PORTAL_HEADERS, PORTAL_EXAMPLE
    elif language in LOCALISED_TEMPLATE:
        headers, example = LOCALISED_TEMPLATE[language]
        rows = [example]
    else:
        headers, rows = TEMPLATE_HEADERS, [TEMPLATE_EXAMPLE]
    if file_format == "csv":
        return csv_table(headers=headers, rows=rows)
    return xlsx_table(title="feedback", headers=headers, rows=rows)
