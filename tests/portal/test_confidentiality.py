"""Confidentiality (003 §7): walk every public page, open-data file, API answer and the feed as the anonymous
public, and fail on any private value planted in the data (an asker's name and contact, a rejected or unmoderated
question, a remark's author) and on any IIN, phone number or e-mail address in the text."""

from __future__ import annotations

import io
import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client
from openpyxl import load_workbook

from ashyq.analysis.personal_data import find
from ashyq.portal import opendata
from tests.portal.conftest import PRIVATE

pytestmark = pytest.mark.django_db
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
LINK = re.compile(r'href="(?:http://testserver)?(/[^"]*)"')  # the Atom feed's links are absolute
SEEDS = ["/", "/bodies/", "/registry/", "/meetings/", "/methodology/", "/portal/", "/portal/drafts/?q=Предложение"]
SKIP = (
    "/login/",
    "/logout/",
    "/admin/",
    "/language/",
    "/static/",
    "/audit/",
    "/calendar/",
)  # the calendar: holidays only
MAX_PAGES = 600


def _text(path: str, response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if path.endswith(".xlsx"):
        sheet = load_workbook(io.BytesIO(content), read_only=True).active
        return "\n".join(
            " ".join(str(cell) for cell in row if cell is not None) for row in sheet.iter_rows(values_only=True)
        )
    if path.endswith(".pdf"):
        return ""  # the body's own document, checked by its officer (003 §7); not text of the public
    return content.decode("utf-8")


def _leaks(text: str) -> list[str]:
    found = [f"private value {key}" for key, value in PRIVATE.items() if value in text]
    found += [f"{match.kind}: {match.value}" for match in find(text)]
    found += [f"e-mail: {match}" for match in EMAIL.findall(text)]
    return found


def _walk(client: Client, language: str) -> tuple[dict[str, list[str]], set[str]]:
    queue = deque(f"/{language}{seed}" for seed in SEEDS)
    queue += ["/api/v1/public/", *(f"/api/v1/public/{d.name}/?limit=500" for d in opendata.DATASETS)]
    seen: set[str] = set()
    leaks: dict[str, list[str]] = {}
    while queue and len(seen) < MAX_PAGES:
        path = queue.popleft()
        if path in seen or any(part in path for part in SKIP):
            continue
        seen.add(path)
        response = client.get(path)
        # a page may link to a year without data (404): it shows nothing, so there is nothing to leak
        assert response.status_code in {200, 302, 404}, f"{path}: {response.status_code}"
        if response.status_code != 200:
            continue
        text = _text(urlsplit(path).path, response)
        if problems := _leaks(text):
            leaks[path] = problems
        for link in LINK.findall(text):
            link = urldefrag(link.replace("&amp;", "&"))[0]
            if link.startswith(f"/{language}/") and link not in seen:
                queue.append(link)
    assert len(seen) < MAX_PAGES, "the walk did not finish; raise MAX_PAGES"
    return leaks, seen


def test_no_public_page_file_or_api_answer_shows_restricted_or_personal_data(public_world) -> None:
    client = Client()
    leaks, seen = _walk(client, "ru")
    assert leaks == {}
    # the walk reached the conference, the draft, the meeting, the ratings with a body's page and CSV, and every
    # open-data file through the links
    world = public_world
    for path in (
        f"/ru/portal/conferences/{world['conference'].pk}/",
        f"/ru/portal/drafts/{world['draft'].pk}/",
        f"/ru/meetings/{world['meeting'].pk}/",
        f"/ru/registry/channels/{world['channel'].number}/",
        "/ru/portal/feed.atom",
        "/ru/portal/ratings/",
        f"/ru/portal/ratings/2025/bodies/{world['enrolment'].body_id}/",
        f"/ru/portal/ratings/bodies/{world['enrolment'].body_id}/results.csv",
        "/ru/portal/data/datapackage.json",
        *(f"/ru/portal/data/{d.name}.{fmt}" for d in opendata.DATASETS for fmt in ("csv", "json", "xlsx")),
    ):
        assert path in seen, path


def test_the_walker_would_catch_a_leak(public_world) -> None:
    # given the asker's contact copied into the published text by mistake (bypassing the service's check)
    question = public_world["conference"].questions.get(status="answered")
    type(question).objects.filter(pk=question.pk).update(answer="Пишите " + PRIVATE["contact"])
    # then the walk reports the conference page and the open data that show it
    leaks, _seen = _walk(Client(), "ru")
    assert any(f"/portal/conferences/{public_world['conference'].pk}/" in path for path in leaks)
    assert any("conference-questions" in path for path in leaks)
