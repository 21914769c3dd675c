"""The forms of seed 004 as documents, through ``ashyq.reports`` (in the reader's language, kk or ru):

- Annex 1, the application, as PDF and DOCX; the decision letter (004 §6) as PDF;
- Annex 2, the registry, as XLSX, CSV and PDF;
- Annex 3, a change application, as PDF.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ashyq.core.i18n import active_language
from ashyq.registry.models import Channel, ChannelApplication, ChannelEvent, EntryRequest
from ashyq.registry.services.channels import WORDING_LABELS, value_text
from ashyq.reports.docx import DocxSection, docx_document
from ashyq.reports.pdf import render_pdf
from ashyq.reports.xlsx import csv_table, xlsx_table


def _date(value: Any) -> str:
    return date_format(value, "d.m.Y") if value else ""


def registry_title() -> str:
    return _("Registry of state bodies' communication channels with the population")


def annex2_headers() -> list[str]:
    """Annex 2 columns 1–6, as the act words them."""
    return [
        _("No."),
        _("Name of the communication channel"),
        _("Name of the central state or local executive body using the communication channel"),
        _("Date the communication channel was entered in the Registry"),
        _("Information on changes and (or) additions made to the communication channel"),
        _("Information on the removal of the communication channel"),
    ]


def _events_text(events: Iterable[ChannelEvent], kind: str) -> str:
    return "\n".join(f"{_date(event.happened_on)}: {event.text}" for event in events if event.kind == kind)


def annex2_rows(channels: Iterable[Channel]) -> list[list[Any]]:
    """One row per entry; the entry's events must be prefetched (``selectors.registry_entries``)."""
    rows = []
    for channel in channels:
        events = list(channel.events.all())
        rows.append(
            [
                channel.number,
                channel.name,
                channel.body.name,
                channel.entered_on,
                _events_text(events, ChannelEvent.Kind.CHANGED),
                _events_text(events, ChannelEvent.Kind.REMOVED),
            ]
        )
    return rows


def registry_xlsx(channels: Iterable[Channel]) -> bytes:
    return xlsx_table(
        title=_("Registry"), headers=annex2_headers(), rows=annex2_rows(channels), heading=registry_title()
    )


def registry_csv(channels: Iterable[Channel]) -> bytes:
    return csv_table(headers=annex2_headers(), rows=annex2_rows(channels))


def _document_context(**extra: Any) -> dict[str, Any]:
    return {
        "language": active_language(),
        "printed_on": timezone.localdate(),
        **extra,
    }


def registry_pdf(channels: Iterable[Channel]) -> bytes:
    rows = annex2_rows(channels)
    return render_pdf(
        "registry/pdf/annex2.html",
        _document_context(title=registry_title(), headers=annex2_headers(), rows=rows),
    )


def application_items(application: ChannelApplication) -> list[tuple[str, str]]:
    """Annex 1 items 1–7 and "other information", each with its label as in the form."""
    return [
        (
            _("1) instruction of the President of the Republic of Kazakhstan, the Administration of the President,"
              " the Prime Minister and (or) the Government on creating the communication channel (if any)"),
            application.instruction,
        ),
        (
            _("2) normative legal act and (or) document regulating the working procedure of the channel (if any)"),
            application.regulating_act,
        ),
        (_("3) functional purpose of the communication channel"), application.purpose),
        (
            _("4) coverage of the channel's users (republican, regional)"),
            str(application.get_coverage_display()),
        ),
        (
            _("5) format of interaction with the population through the channel (online, offline, hybrid)"),
            str(application.get_interaction_format_display()),
        ),
        (
            _("6) information on the infrastructure, staff and financial resources needed for the channel's work"),
            application.resources,
        ),
        (
            _("7) justification of the channel's necessity, including international practice, recommendations"
              " of international organisations, results of surveys held (if any)"),
            application.justification,
        ),
        (_("Other information the applicant considers necessary to submit"), application.other_information),
    ]  # fmt: skip


def application_pdf(application: ChannelApplication) -> bytes:
    """Annex 1 «Коммуникациялар арнасын аккредиттеу үшін өтінім» as printed."""
    return render_pdf(
        "registry/pdf/annex1.html",
        _document_context(
            title=_("Application for the accreditation of a communication channel"),
            application=application,
            items=application_items(application),
        ),
    )


def application_docx(application: ChannelApplication) -> bytes:
    attachments = [f"{index}) {item.original_name}" for index, item in enumerate(application.attachments.all(), 1)]
    sections = [
        DocxSection(
            paragraphs=[
                _("To: %(addressee)s") % {"addressee": application.addressee.name},
                _("From: %(sender)s") % {"sender": application.body.name},
                _("I ask you to accredit: %(name)s") % {"name": application.name},
                _(
                    "I attach the following information needed to accredit the communication channel and to enter it"
                    " in the registry of state bodies' communication channels with the population:"
                ),
            ]
        ),
        *(DocxSection(heading=label, paragraphs=[value or "—"]) for label, value in application_items(application)),
        DocxSection(heading=_("Attached to the application:"), paragraphs=attachments or ["—"]),
        DocxSection(
            paragraphs=[
                f"{application.signer_name}, {application.signer_position}",
                _("(signature of the deputy first head of the state body) (EDS)"),
                _date(application.received_on),
            ]
        ),
    ]
    return docx_document(
        title=_("Application for the accreditation of a communication channel"),
        sections=sections,
        right_header=_(
            "Annex 1 to the Rules of forming and keeping the registry and of accrediting state bodies' communication"
            " channels with the population"
        ),
    )


def decision_letter_pdf(application: ChannelApplication) -> bytes:
    """The notification of the decision (004 §6), in Kazakh and Russian on one document."""
    return render_pdf(
        "registry/pdf/decision_letter.html",
        _document_context(application=application, channel=getattr(application, "channel", None)),
    )


def wording_rows(wording: dict[str, str]) -> list[tuple[str, str]]:
    """An entry's wording as (label, value) lines in the reader's language."""
    return [(str(WORDING_LABELS[name]), value_text(name, value)) for name, value in wording.items()]


def change_request_pdf(request: EntryRequest) -> bytes:
    """Annex 3 (a change) or the termination notice, as filed."""
    current, new = wording_rows(request.current_wording), wording_rows(request.new_wording)
    return render_pdf(
        "registry/pdf/annex3.html",
        _document_context(
            title=str(request.get_kind_display()), request=request, current=current, new=new,
            addressee=request.channel.application.addressee,
        ),
    )  # fmt: skip
