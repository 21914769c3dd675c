"""Pages of the objection procedure as each persona meets them (issue 10 items 1–7): who sees which action,
forms that keep what was typed, and the permission matrix."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import translation
from docx import Document
from pypdf import PdfReader

from ashyq.evaluation.models import Commission, ConclusionResponse, DisagreementRow, Enrolment
from ashyq.evaluation.services.agency import agency_send
from ashyq.evaluation.services.commissions import Seat, commission_form, commission_hold, row_decide
from ashyq.evaluation.services.objections import responses_close_passed_terms
from tests.campaigns.objections import AGENCY_DUE, DUE, MEETING, OPEN_SESSIONS, SIXTH, on


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def url(name: str, *args: Any, language: str = "ru") -> str:
    """The page's address in a language of the product (Russian unless said)."""
    with translation.override(language):
        return reverse(f"evaluation:{name}", args=args)


def test_the_body_adds_a_row_and_keeps_what_it_typed_on_an_error(
    delivered: dict[str, Enrolment], officer_b: User
) -> None:
    client = _client(officer_b)
    address = url("answer", delivered["b"].pk)
    slot = f"{OPEN_SESSIONS}:kk"

    with on(DUE):
        page = client.get(address, {"slot": slot})
        row = {"action": "row", "slot": slot, "row-justification": "Broadcast on 12 March."}
        refused = client.post(address, {**row, "row-attainment": "1.5"})
        taken = client.post(address, {**row, "row-attainment": "1"})
        sent = client.post(address, {"action": "file"})

    assert "31.03.2027" in page.content.decode() and 'id="row-form"' in page.content.decode()
    body = refused.content.decode()
    assert refused.status_code == 200 and 'class="error-summary"' in body
    assert "Broadcast on 12 March." in body and 'value="1.5"' in body
    assert taken.status_code == 302 and sent.status_code == 302
    response = ConclusionResponse.objects.get(enrolment=delivered["b"])
    assert response.filed and response.rows.get().claimed_value == {"attainment": "1"}


def test_after_the_term_the_body_sees_no_form_and_a_post_is_refused(
    delivered: dict[str, Enrolment], officer_b: User
) -> None:
    client = _client(officer_b)
    address = url("answer", delivered["b"].pk)
    with on(DUE.replace(day=1, month=4)):
        page = client.get(address, {"slot": f"{OPEN_SESSIONS}:kk"}).content.decode()
        posted = client.post(address, {"action": "agree"})
    assert 'name="action" value="agree"' not in page and 'id="row-form"' not in page
    assert posted.status_code == 403
    assert not ConclusionResponse.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("officer_b", 200),
        ("analyst", 200),
        ("authorized_head", 200),
        ("officer_a", 403),
        ("commission_member", 403),
        (None, 302),
    ],
)
def test_who_opens_a_bodys_answer_page(
    delivered: dict[str, Enrolment], request: pytest.FixtureRequest, persona: str | None, status: int
) -> None:
    user = request.getfixturevalue(persona) if persona else None
    with on(DUE):
        answer = _client(user).get(url("answer", delivered["b"].pk))
    assert answer.status_code == status
    if status == 200 and persona != "officer_b":
        assert 'name="action" value="agree"' not in answer.content.decode()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("analyst", 200), ("authorized_head", 200), ("officer_b", 403), ("commission_member", 403), (None, 302)],
)
def test_who_opens_the_objections_overview(
    delivered: dict[str, Enrolment], request: pytest.FixtureRequest, persona: str | None, status: int
) -> None:
    user = request.getfixturevalue(persona) if persona else None
    overview = _client(user).get(url("objections", delivered["b"].campaign_id))
    assert overview.status_code == status


def test_a_commission_form_with_too_few_members_comes_back_with_the_reason_and_the_choices(
    objected: ConclusionResponse, analyst: User, seats: list[Seat]
) -> None:
    data: dict[str, Any] = {
        "meeting_on": MEETING.isoformat(),
        "agenda": [objected.pk],
        "seat-TOTAL_FORMS": "7",
        "seat-INITIAL_FORMS": "0",
        "seat-MIN_NUM_FORMS": "0",
        "seat-MAX_NUM_FORMS": "30",
    }
    for index, seat in enumerate(seats[:4]):
        data |= {
            f"seat-{index}-user": seat.user_id,
            f"seat-{index}-capacity": seat.capacity,
            f"seat-{index}-position": seat.position,
        }
    for index in range(4, 7):
        data[f"seat-{index}-position"] = "member"
    refused = _client(analyst).post(url("commission_new", objected.enrolment.campaign_id), data)

    body = refused.content.decode()
    assert refused.status_code == 200 and 'class="error-summary"' in body
    assert "5" in body and f'value="{MEETING.isoformat()}"' in body
    assert f'<option value="{seats[0].user_id}" selected>' in body
    assert not Commission.objects.exists()


@pytest.fixture
def commission(objected: ConclusionResponse, analyst: User, seats: list[Seat]) -> Commission:
    return commission_form(
        campaign=objected.enrolment.campaign, agenda=[objected], meeting_on=MEETING, seats=seats, actor=analyst
    )


def test_only_the_commissions_members_see_decision_forms(
    commission: Commission, seats: list[Seat], analyst: User, commission_member: User, officer_b: User
) -> None:
    address = url("commission", commission.pk)
    chair = User.objects.get(pk=seats[0].user_id)
    as_chair = _client(chair).get(address).content.decode()
    as_analyst = _client(analyst).get(address).content.decode()

    assert 'value="decide"' in as_chair
    assert 'value="decide"' not in as_analyst and 'value="hold"' in as_analyst
    assert _client(commission_member).get(address).status_code == 404
    assert _client(officer_b).get(address).status_code == 404
    assert _client(commission_member).post(address, {"action": "decide"}).status_code == 404


def test_the_chair_records_a_decision_and_the_minutes_download_in_both_languages(
    commission: Commission,
    seats: list[Seat],
    django_capture_on_commit_callbacks: Callable[..., Any],
    settings: Any,
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    chair = User.objects.get(pk=seats[0].user_id)
    client = _client(chair)
    address = url("commission", commission.pk)
    row = DisagreementRow.objects.get()
    missing = client.post(address, {"action": "decide", "row": row.pk, f"row{row.pk}-decision": "partly"})
    assert 'class="error-summary"' in missing.content.decode()
    client.post(
        address, {"action": "decide", "row": row.pk, f"row{row.pk}-decision": "upheld", f"row{row.pk}-reason": "Shown."}
    )
    with on(MEETING), django_capture_on_commit_callbacks(execute=True):
        commission_hold(commission=commission, present=[seat.user_id for seat in seats], actor=chair)

    pdf = client.get(url("commission_minutes", commission.pk, "ru", "pdf"))
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages).split())
    text = text.replace("\u2010 ", "")  # words hyphenated at a line end
    assert "Министерство финансов" in text and "удовлетворено" in text.lower()
    docx = client.get(url("commission_minutes", commission.pk, "kk", "docx"))
    words = "\n".join(cell.text for table in Document(io.BytesIO(docx.content)).tables for cell in table._cells)
    assert "Қаржы министрлігі" in words
    page = client.get(address).content.decode()
    assert 'id="changes"' in page


def test_decisions_of_a_held_meeting_cannot_change(
    commission: Commission, seats: list[Seat], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    chair = User.objects.get(pk=seats[0].user_id)
    row = DisagreementRow.objects.get()
    row_decide(row=row, decision="rejected", figure=None, reason="Not shown.", actor=chair)
    with on(MEETING), django_capture_on_commit_callbacks(execute=True):
        commission_hold(commission=commission, present=[seat.user_id for seat in seats], actor=chair)
    page = _client(chair).get(url("commission", commission.pk)).content.decode()
    assert 'value="decide"' not in page and 'value="hold"' not in page


def test_the_terms_page_shows_each_persona_its_own_terms(
    delivered: dict[str, Enrolment], analyst: User, officer_b: User, officer_a: User
) -> None:
    with on(DUE):
        as_analyst = _client(analyst).get(url("terms")).content.decode()
        as_b = _client(officer_b).get(url("terms")).content.decode()
    assert as_analyst.count("31.03.2027") == 3
    assert as_b.count("31.03.2027") == 1


def test_the_analyst_corrects_results_already_sent_as_a_new_version(
    objected: ConclusionResponse,
    analyst: User,
    officer_b: User,
    seats: list[Seat],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    # given the commission has met and the final conclusion was sent
    campaign = objected.enrolment.campaign
    responses_close_passed_terms(campaign=campaign, today=SIXTH)
    commission = commission_form(campaign=campaign, agenda=[objected], meeting_on=MEETING, seats=seats, actor=analyst)
    chair = User.objects.get(pk=seats[0].user_id)
    row_decide(row=objected.rows.get(), decision="rejected", figure=None, reason="Not shown.", actor=chair)
    with on(MEETING), django_capture_on_commit_callbacks(execute=True):
        commission_hold(commission=commission, present=[seat.user_id for seat in seats], actor=chair)
    with on(AGENCY_DUE):
        agency_send(campaign=campaign, sent_on=AGENCY_DUE, actor=analyst)
    address = url("objections", campaign.pk)
    correction = {
        "action": "correct",
        "fix-enrolment": objected.enrolment_id,
        "fix-final": "97.5",
        "fix-sent_on": AGENCY_DUE.isoformat(),
    }
    client = _client(analyst)

    # when a correction without its reason is posted, and then with it
    with on(AGENCY_DUE):
        refused = client.post(address, correction)
        taken = client.post(address, {**correction, "fix-reason": "Arithmetic error in table 6."})
        refused_body = _client(officer_b).post(address, {**correction, "fix-reason": "x"})

    # then the first comes back with its figure kept, the second is version 2, the body may not correct
    assert 'class="error-summary"' in refused.content.decode() and 'value="97.5"' in refused.content.decode()
    assert taken.status_code == 302
    assert list(campaign.submissions.values_list("version", flat=True)) == [1, 2]
    assert campaign.submissions.get(version=2).results[str(objected.enrolment.body_id)]["final"] == "97.5"
    assert refused_body.status_code == 403
