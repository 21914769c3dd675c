"""Drafts and budget programmes put up for discussion, and what became of the remarks, in public
(000 §5–7, §10–11, §16; §21 p.2: the population's access to interim and final results).

Reads only. Nothing here selects an item's author, its id on the portal or who decided it; the texts of
remarks are shown with IINs, phones, e-mails and card numbers replaced (``analysis.personal_data``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ashyq.analysis.personal_data import redact
from ashyq.core.i18n import active_language, in_language
from ashyq.feedback.models import DISCUSSION_KINDS, Item, ItemKind, ItemStatus, Project, ProjectPublication, Source
from ashyq.portal import deadlines

PUBLIC_ITEM_FIELDS = (
    "id",
    "source_id",
    "kind",
    "status",
    "text",
    "clause",
    "reference",
    "rejection_reason",
    "follow_up",
)
SEARCH_LIMIT = 50
MIN_SEARCH_LENGTH = 3


class DiscussionState:
    UPCOMING = "upcoming"
    OPEN = "open"
    ENDED = "ended"
    LABELS = {UPCOMING: _("discussion not started"), OPEN: _("under discussion"), ENDED: _("discussion ended")}


def discussion_state(source: Source, today: datetime.date) -> str:
    if today < source.period_start:
        return DiscussionState.UPCOMING
    return DiscussionState.OPEN if today <= source.period_end else DiscussionState.ENDED


def public_drafts(*, search: str = "", state: str = "") -> QuerySet[Source]:
    """Drafts of legal acts and budget programmes and reports on them, newest discussion first, with counts."""
    today = deadlines.today()
    sources = Source.objects.filter(kind__in=DISCUSSION_KINDS).select_related("body")
    if search:
        sources = sources.filter(
            Q(title_kk__icontains=search) | Q(title_ru__icontains=search) | Q(body__name_ru__icontains=search)
            | Q(body__name_kk__icontains=search)
        )  # fmt: skip
    if state == DiscussionState.OPEN:
        sources = sources.filter(period_start__lte=today, period_end__gte=today)
    elif state == DiscussionState.ENDED:
        sources = sources.filter(period_end__lt=today)
    elif state == DiscussionState.UPCOMING:
        sources = sources.filter(period_start__gt=today)
    remarks = Q(items__kind=ItemKind.REMARK)
    return sources.annotate(
        remarks_total=Count("items", filter=remarks),
        remarks_accepted=Count("items", filter=remarks & Q(items__status=ItemStatus.ACCEPTED)),
        remarks_rejected=Count("items", filter=remarks & Q(items__status=ItemStatus.REJECTED)),
    ).order_by("-period_start", "-id")


@dataclass(frozen=True)
class PublicRemark:
    """A remark or comment as the public sees it: no author, personal data replaced."""

    pk: int
    source: Source | None
    kind: str
    status: str
    text: str
    clause: str
    reference: str
    rejection_reason: str

    @property
    def status_label(self) -> str:
        labels = {
            ItemStatus.ACCEPTED: _("accepted"),
            ItemStatus.REJECTED: _("rejected"),
            ItemStatus.RECEIVED: _("being considered"),
            ItemStatus.ANSWERED: _("answered"),
            ItemStatus.UNANSWERED: _("not answered yet"),
        }
        return str(labels[ItemStatus(self.status)])


def _public(item: Item, source: Source | None = None) -> PublicRemark:
    language = active_language()
    return PublicRemark(
        pk=item.pk,
        source=source,
        kind=item.kind,
        status=item.status,
        text=redact(item.text, language=language),
        clause=redact(item.clause, language=language),
        reference=redact(item.reference, language=language),
        rejection_reason=redact(item.rejection_reason, language=language),
    )


@dataclass(frozen=True)
class DraftOutcome:
    source: Source
    state: str
    accepted: list[PublicRemark]
    rejected: list[PublicRemark]
    undecided: list[PublicRemark]
    comments_total: int
    comments_answered: int

    @property
    def state_label(self) -> str:
        return str(DiscussionState.LABELS[self.state])

    @property
    def title(self) -> str:
        return in_language(self.source.title_kk, self.source.title_ru)


def draft_outcome(*, pk: int) -> DraftOutcome:
    """One draft's report on accepted and rejected remarks (000 §7, §11); ``Source.DoesNotExist`` otherwise."""
    source = (
        Source.objects.filter(kind__in=DISCUSSION_KINDS)
        .select_related("body")
        .prefetch_related(
            "notices",
            Prefetch("items", queryset=Item.objects.only(*PUBLIC_ITEM_FIELDS).order_by("received_at", "id")),
        )
        .get(pk=pk)
    )
    items = list(source.items.all())
    remarks = [_public(item) for item in items if item.kind == ItemKind.REMARK]
    comments = [item for item in items if item.kind == ItemKind.COMMENT]
    return DraftOutcome(
        source=source,
        state=discussion_state(source, deadlines.today()),
        accepted=[remark for remark in remarks if remark.status == ItemStatus.ACCEPTED],
        rejected=[remark for remark in remarks if remark.status == ItemStatus.REJECTED],
        undecided=[remark for remark in remarks if remark.status == ItemStatus.RECEIVED],
        comments_total=len(comments),
        comments_answered=sum(1 for item in comments if item.status == ItemStatus.ANSWERED),
    )


def find_remarks(*, text: str) -> list[PublicRemark]:
    """Remarks and comments on drafts whose text holds the words, so that their author finds the outcome."""
    text = text.strip()
    if len(text) < MIN_SEARCH_LENGTH:
        return []
    items = (
        Item.objects.filter(source__kind__in=DISCUSSION_KINDS, text__icontains=text)
        .select_related("source__body")
        .only(*PUBLIC_ITEM_FIELDS, "source__title_kk", "source__title_ru", "source__kind", "source__body__name_kk",
              "source__body__name_ru", "source__period_start", "source__period_end")
        .order_by("-received_at", "-id")[:SEARCH_LIMIT]
    )  # fmt: skip
    return [_public(item, item.source) for item in items]


def public_projects() -> QuerySet[Project]:
    """Projects and initiatives with their quarterly interim and annual final information (000 §16)."""
    return (
        Project.objects.select_related("body")
        .prefetch_related(Prefetch("publications", queryset=ProjectPublication.objects.order_by("year", "quarter")))
        .order_by("body__name_ru", "title_ru")
    )
