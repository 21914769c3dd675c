"""Drafts and their outcomes in public (000 §5–7, §10–11, §16): periods, the link to comment, the report on
accepted (with the clause) and rejected (with the reason) remarks, finding one's remark; no author, no PII."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ashyq.feedback.models import ItemKind, ItemStatus, SourceKind
from ashyq.portal.drafts import DiscussionState, draft_outcome, find_remarks, public_drafts
from tests.feedback.factories import ItemFactory, SourceFactory

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(body_a):
    source = SourceFactory(body=body_a, title_ru="Проект приказа о бесплатных лекарствах")
    ItemFactory(
        source=source,
        status=ItemStatus.ACCEPTED,
        text="Дополнить пункт 5 словами «по направлению врача»",
        clause="п. 5",
        reference="пункт 5 приказа № 12, вступившего в силу",
        author="Асан Үсенов",
    )
    ItemFactory(
        source=source,
        status=ItemStatus.REJECTED,
        text="Исключить пункт 7; звоните мне 87011234567",
        rejection_reason="Противоречит Кодексу",
        author="Ирина Сергеева",
    )
    ItemFactory(source=source, text="Сократить срок до 5 дней")
    ItemFactory(source=source, kind=ItemKind.COMMENT, status=ItemStatus.ANSWERED, answer_text="Спасибо")
    ItemFactory(source=source, kind=ItemKind.COMMENT)
    return source


def test_the_outcome_lists_accepted_with_the_clause_and_rejected_with_the_reason(draft, on_day) -> None:
    on_day(D(2026, 10, 1))
    outcome = draft_outcome(pk=draft.pk)
    assert outcome.state == DiscussionState.ENDED
    [accepted] = outcome.accepted
    assert accepted.reference == "пункт 5 приказа № 12, вступившего в силу"
    [rejected] = outcome.rejected
    assert rejected.rejection_reason == "Противоречит Кодексу"
    assert "87011234567" not in rejected.text  # personal data replaced
    assert len(outcome.undecided) == 1 and (outcome.comments_answered, outcome.comments_total) == (1, 2)


def test_the_list_shows_the_state_of_each_discussion(draft, body_a, on_day) -> None:
    on_day(D(2026, 9, 10))
    SourceFactory(
        body=body_a, kind=SourceKind.DRAFT_BUDGET_PROGRAMME, period_start=D(2026, 10, 1), period_end=D(2026, 10, 20)
    )
    assert list(public_drafts(state=DiscussionState.OPEN)) == [draft]
    assert [s.kind for s in public_drafts(state=DiscussionState.UPCOMING)] == [SourceKind.DRAFT_BUDGET_PROGRAMME]
    [row] = public_drafts(search="бесплатных")
    assert (row.remarks_total, row.remarks_accepted, row.remarks_rejected) == (3, 1, 1)


def test_conferences_and_quarters_are_not_drafts(body_a) -> None:
    SourceFactory(body=body_a, kind=SourceKind.APPEALS_QUARTER)
    SourceFactory(body=body_a, kind=SourceKind.INTERNET_CONFERENCE)
    assert not public_drafts().exists()


def test_a_citizen_finds_what_became_of_their_remark(draft) -> None:
    [found] = find_remarks(text="по направлению врача")
    assert found.status == ItemStatus.ACCEPTED and found.source == draft
    assert find_remarks(text="по") == []  # too short to search


def test_the_public_pages_never_show_the_author(draft, on_day) -> None:
    on_day(D(2026, 10, 1))
    client = Client()
    listing = client.get("/ru/portal/drafts/?q=пункт").content.decode()
    detail = client.get(f"/ru/portal/drafts/{draft.pk}/").content.decode()
    for html in (listing, detail):
        assert "Асан" not in html and "Ирина" not in html and "87011234567" not in html
    assert "Противоречит Кодексу" in detail and "пункт 5 приказа № 12" in detail
    assert 'href="https://legalacts.egov.kz/npa/view?id=1"' in detail


def test_the_draft_page_reads_in_a_constant_number_of_queries(draft) -> None:
    client = Client()
    with CaptureQueriesContext(connection) as few:
        client.get(f"/ru/portal/drafts/{draft.pk}/")
    ItemFactory.create_batch(5, source=draft, status=ItemStatus.REJECTED, rejection_reason="Нет")
    with CaptureQueriesContext(connection) as many:
        client.get(f"/ru/portal/drafts/{draft.pk}/")
    assert len(few) == len(many)
