"""Prefill of the body's report from what Ashyq already holds (issue 14 item 2).

- meetings (seed 001): the evidence already built for 002 Annex 10 table 6 item 4
  (``ashyq.meetings.evidence.meeting_evidence``) gives the four parameters' values and their evidence;
- feedback (seed 000): internet conferences and surveys with their participants (table 6 item 1), drafts of
  NPA and budget programmes placed and those that received comments, the reports on budget programmes with
  the public council's date (the term of table 2 item 3 / table 3 item 1), and the information notices;
- the registry of subordinate organisations with their sites (table 9).

Values are written with the source "prefilled" and never overwrite what the officer typed; prefilled
evidence is replaced on each run, the body's own evidence is kept. One audit event per run.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from ashyq.core.audit import audit_record
from ashyq.core.permissions import body_ids_for, is_analyst
from ashyq.evaluation.events import CampaignEvent
from ashyq.evaluation.facts import required_slots
from ashyq.evaluation.models import Enrolment, Evidence, ReportFact, Source
from ashyq.evaluation.pinned import pinned_version
from ashyq.evaluation.services.reports import lock_enrolment, require_editable
from ashyq.feedback.models import InformationNotice, SourceKind
from ashyq.feedback.models import Source as FeedbackSource
from ashyq.meetings.evidence import meeting_evidence
from ashyq.orgs.models import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser

# Where each kind of feedback source is evidence: (central indicator, local indicator).
PLACED: dict[str, tuple[str, str]] = {
    SourceKind.DRAFT_NPA: ("t4.2", "t5.1"),
    SourceKind.DRAFT_BUDGET_PROGRAMME: ("t2.8", "t3.4"),
    SourceKind.BUDGET_PROGRAMME_REPORT: ("t2.3", "t3.1"),
    SourceKind.INTERNET_CONFERENCE: ("t6.1", "t6.1"),
    SourceKind.SURVEY: ("t6.1", "t6.1"),
}
COMMENTED: dict[str, tuple[str, str]] = {
    SourceKind.DRAFT_NPA: ("t4.4", "t5.3"),
    SourceKind.DRAFT_BUDGET_PROGRAMME: ("t2.10", "t3.6"),
}
NOTICES: dict[str, tuple[str, str]] = {
    SourceKind.DRAFT_NPA: ("t4.5", "t5.4"),
    SourceKind.DRAFT_BUDGET_PROGRAMME: ("t2.11", "t3.7"),
}
NOTICES[SourceKind.BUDGET_PROGRAMME_REPORT] = NOTICES[SourceKind.DRAFT_BUDGET_PROGRAMME]


@dataclass
class Prefill:
    """What a prefill wrote: values per (indicator, language) and evidence rows."""

    values: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)


def _pick(pair: tuple[str, str], kind: str) -> str:
    return pair[0] if kind == "central" else pair[1]


def _share(part: int, whole: int) -> str:
    return f"{(Decimal(part) / Decimal(whole)).quantize(Decimal('0.0001')).normalize():f}"


def _meetings(enrolment: Enrolment, year: int, actor: AnyUser, result: Prefill) -> None:
    evidence = meeting_evidence(body=enrolment.body, year=year, user=actor)
    if evidence.not_covered:
        return
    decided = [row for row in evidence.schedule_kept if row.kept is not None]
    if decided:
        share = _share(sum(bool(row.kept) for row in decided), len(decided))
        for lang in ("kk", "ru"):
            result.values[("t6.4.1", lang)] = {"attainment": share}
    for row in evidence.schedule_kept:
        result.evidence.append(
            Evidence(
                indicator="t6.4.1",
                kind=Evidence.Kind.MEETING,
                title=row.meeting.topic_kk if row.meeting.topic_kk else row.meeting.topic_ru,
                url=row.announcement_url,
                published_on=row.planned_start.date(),
            )
        )
    if evidence.plans:
        share = _share(
            sum(not plan.late and plan.published_on is not None for plan in evidence.plans), len(evidence.plans)
        )
        for lang in ("kk", "ru"):
            result.values[("t6.4.2", lang)] = {"attainment": share}
        for plan in evidence.plans:
            for lang, url in (("kk", plan.url_kk), ("ru", plan.url_ru)):
                if url:
                    result.evidence.append(
                        Evidence(
                            indicator="t6.4.2",
                            language=lang,
                            kind=Evidence.Kind.LINK,
                            title=plan.meeting.topic_kk if lang == "kk" else plan.meeting.topic_ru,
                            url=url,
                            published_on=plan.published_on,
                        )
                    )
    if evidence.receptions:
        received = sum(reception.citizens_received for reception in evidence.receptions)
        for lang in ("kk", "ru"):
            result.values[("t6.4.3", lang)] = {"met": received > 0}
        result.evidence.append(Evidence(indicator="t6.4.3", kind=Evidence.Kind.MEETING, title="", count=received))
    if evidence.ngo_meetings:
        for lang in ("kk", "ru"):
            result.values[("t6.4.4", lang)] = {"met": True}
        for ngo_meeting in evidence.ngo_meetings:
            result.evidence.append(
                Evidence(
                    indicator="t6.4.4",
                    kind=Evidence.Kind.MEETING,
                    title=", ".join(ngo.name for ngo, _issues in ngo_meeting.ngos)[:500],
                    count=ngo_meeting.participants,
                )
            )


def _feedback(enrolment: Enrolment, start: datetime.date, end: datetime.date, result: Prefill) -> None:
    kind = enrolment.kind
    sources = FeedbackSource.objects.filter(
        body=enrolment.body, period_start__gte=start, period_start__lte=end
    ).annotate(item_count=Count("items"))
    for source in sources:
        title = source.title_kk or source.title_ru
        if source.kind in PLACED:
            result.evidence.append(
                Evidence(
                    indicator=_pick(PLACED[source.kind], kind),
                    kind=Evidence.Kind.SURVEY
                    if source.kind in {SourceKind.INTERNET_CONFERENCE, SourceKind.SURVEY}
                    else Evidence.Kind.LINK,
                    title=title[:500],
                    url=source.url,
                    published_on=source.period_start,
                    reference_date=source.council_date if source.kind == SourceKind.BUDGET_PROGRAMME_REPORT else None,
                    count=source.participants,
                )
            )
        if source.kind in COMMENTED and source.item_count:
            result.evidence.append(
                Evidence(
                    indicator=_pick(COMMENTED[source.kind], kind),
                    kind=Evidence.Kind.LINK,
                    title=title[:500],
                    url=source.url,
                    count=source.item_count,
                )
            )
    notices = InformationNotice.objects.filter(
        source__body=enrolment.body, published_on__gte=start, published_on__lte=end, source__kind__in=list(NOTICES)
    ).select_related("source")
    for notice in notices:
        result.evidence.append(
            Evidence(
                indicator=_pick(NOTICES[notice.source.kind], kind),
                kind=Evidence.Kind.LINK,
                title=(notice.source.title_kk or notice.source.title_ru)[:500],
                url=notice.url,
                published_on=notice.published_on,
            )
        )


def _subordinates(enrolment: Enrolment, result: Prefill) -> None:
    if enrolment.kind != "central":
        return
    for organisation in enrolment.body.subordinates.all():
        result.evidence.append(
            Evidence(
                indicator="t9.1",
                kind=Evidence.Kind.SUBORDINATE,
                title=(organisation.name_kk or organisation.name_ru)[:500],
                url=organisation.website,
            )
        )


def report_prefill(*, enrolment: Enrolment, actor: AnyUser) -> Prefill:
    """Prefill the body's report being filled in; returns what was written."""
    if not (is_analyst(actor) or enrolment.body_id in body_ids_for(actor, (Role.OFFICER,))):
        raise PermissionDenied(_("Only the body's officer or an analyst prefills its report."))
    campaign = enrolment.campaign
    result = Prefill()
    _meetings(enrolment, campaign.period_end.year, actor, result)
    _feedback(enrolment, campaign.period_start, campaign.period_end, result)
    _subordinates(enrolment, result)
    version = pinned_version(campaign.methodology)
    slots = {(slot.indicator, slot.language) for slot in required_slots(version, enrolment.kind, enrolment.exemptions)}
    indicators = {indicator for indicator, _language in slots}
    result.values = {key: value for key, value in result.values.items() if key in slots}
    result.evidence = [item for item in result.evidence if item.indicator in indicators]
    with transaction.atomic():
        enrolment = lock_enrolment(enrolment)
        require_editable(enrolment)
        typed = set(
            ReportFact.objects.filter(enrolment=enrolment, source=Source.REPORT).values_list("indicator", "language")
        )
        for (indicator, language), value in result.values.items():
            if (indicator, language) in typed:
                continue
            ReportFact.objects.update_or_create(
                enrolment=enrolment,
                indicator=indicator,
                language=language,
                defaults={"value": value, "source": Source.PREFILL, "source_file": "", "source_row": None},
            )
        Evidence.objects.filter(enrolment=enrolment, source=Source.PREFILL).delete()
        for item in result.evidence:
            item.enrolment, item.source = enrolment, Source.PREFILL
        Evidence.objects.bulk_create(result.evidence)
        audit_record(
            actor=actor,
            event=CampaignEvent.REPORT_PREFILLED,
            target=enrolment,
            body=enrolment.body,
            new={"values": len(result.values), "evidence": len(result.evidence)},
        )
    return result
