"""The public openness ratings (issue 13 item 1): only results sent to the Agency, central and local apart,
sortable and searchable, a body's page explaining its points as its conclusion does, two bodies side by side,
the body's CSV, and a fixed number of queries whatever the number of bodies or years."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from ashyq.evaluation.conclusions_read import enrolment_conclusion
from ashyq.evaluation.models import Campaign, Enrolment
from ashyq.evaluation.selectors import display_points
from ashyq.orgs.models import BodyKind
from ashyq.portal import opendata
from tests.factories import BodyFactory
from tests.portal.conftest import load_openness, publish, publish_f

pytestmark = pytest.mark.django_db


def _ministries(count: int, prefix: str = "Министерство") -> list:
    return [
        BodyFactory(name_ru=f"{prefix} {number:02d}", name_kk=f"{prefix} {number:02d} (kk)", kind=BodyKind.MINISTRY)
        for number in range(count)
    ]


@pytest.fixture
def results(analyst, authorized_head, body_a, body_b, local_body):
    """2024 and 2025 sent to the Agency for A, B and the local body; F published for 2025."""
    load_openness()
    first = publish(2024, [body_a, body_b, local_body], analyst, authorized_head, weakness=(10, 0, 30))
    second = publish(2025, [body_a, body_b, local_body], analyst, authorized_head, weakness=(0, 25, 30))
    publish_f(2025, {body_a: (20, 15), body_b: (10, 10)}, analyst)
    return {"2024": first, "2025": second}


def _enrolment(campaign: Campaign, body) -> Enrolment:
    return Enrolment.objects.select_related("campaign__methodology", "body").get(campaign=campaign, body=body)


def _number(value) -> str:
    return f"{display_points(value):.2f}".replace(".", ",")


def test_the_ratings_show_the_latest_published_year_central_and_local_apart(results, body_a, body_b, local_body):
    # given results for 2024 and 2025 sent to the Agency
    html = Client().get("/ru/portal/ratings/").content.decode()
    # then 2025 is shown by default, both years can be chosen, central and local bodies in their own tables
    assert "2025" in html.split("<h1>")[1].split("</h1>")[0]
    assert '<option value="2024">2024</option>' in html and '<option value="2025" selected>' in html
    central = html.split('id="ratings-central"')[1].split("</table>")[0]
    local = html.split('id="ratings-local"')[1].split("</table>")[0]
    assert body_a.name_ru in central and body_b.name_ru in central and local_body.name_ru not in central
    assert local_body.name_ru in local
    # each with its place, final score, total, penalty (rounded once to 0.01) and F with its band
    a = _enrolment(results["2025"], body_a)
    row = central.split(body_a.name_ru)[1].split("</tr>")[0]
    assert _number(a.final) in row and _number(a.total) in row and _number(a.penalty) in row
    assert '<td class="number">1</td>' in central.split(body_a.name_ru)[0].rsplit("<tr>", 1)[1]
    assert re.search(r"75,0+</td>", row), row  # F = 15/20 × 10/10 × 100 %


def test_provisional_scores_are_never_published(analyst, authorized_head, body_a, body_b, results):
    # given a campaign of 2023 delivered but not yet sent to the Agency (its status put back as if just delivered)
    campaign = publish(2023, [body_a], analyst, authorized_head)
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.DELIVERED)
    client = Client()
    # then its year is not offered, its body page does not exist, and no file or API answer carries it
    html = client.get("/ru/portal/ratings/").content.decode()
    assert '<option value="2023"' not in html
    asked = client.get("/ru/portal/ratings/?year=2023").content.decode()
    assert "2025" in asked.split("<h1>")[1].split("</h1>")[0]  # the latest published year instead
    assert client.get(f"/ru/portal/ratings/2023/bodies/{body_a.pk}/").status_code == 404
    assert all(row["year"] != 2023 for row in opendata.RESULTS.rows())
    items = client.get("/api/v1/public/openness-results/?limit=500").json()["items"]
    assert {item["year"] for item in items} == {2024, 2025}
    body_csv = b"".join(client.get(f"/ru/portal/ratings/bodies/{body_a.pk}/results.csv").streaming_content)
    assert "2023" not in body_csv.decode()


def test_a_column_sorts_both_ways_with_aria_sort(results, body_a, body_b):
    client = Client()
    a, b = _enrolment(results["2025"], body_a), _enrolment(results["2025"], body_b)
    low, high = sorted([a, b], key=lambda e: e.final)
    # when the reader sorts by the final score, highest first, then lowest first
    descending = client.get("/ru/portal/ratings/?year=2025&sort=-final").content.decode()
    ascending = client.get("/ru/portal/ratings/?year=2025&sort=final").content.decode()
    central_desc = descending.split('id="ratings-central"')[1]
    central_asc = ascending.split('id="ratings-central"')[1]
    assert central_desc.index(high.body.name_ru) < central_desc.index(low.body.name_ru)
    assert central_asc.index(low.body.name_ru) < central_asc.index(high.body.name_ru)
    # then the column says so and its link offers the other direction
    assert 'aria-sort="descending"><a href="?year=2025&amp;sort=final">' in central_desc
    assert 'aria-sort="ascending"><a href="?year=2025&amp;sort=-final">' in central_asc


def test_a_search_by_name_keeps_the_place_in_the_whole_group(results, body_a, body_b):
    a, b = _enrolment(results["2025"], body_a), _enrolment(results["2025"], body_b)
    lower = a if a.final < b.final else b
    word = lower.body.name_ru.split()[1].upper()
    html = Client().get("/ru/portal/ratings/", {"year": 2025, "q": word}).content.decode()
    central = html.split('id="ratings-central"')[1].split("</table>")[0]
    assert lower.body.name_ru in central and (b if lower == a else a).body.name_ru not in central
    assert '<td class="number">2</td>' in central


def test_the_body_page_explains_each_criterion_as_its_conclusion_does(results, body_a):
    enrolment = _enrolment(results["2025"], body_a)
    client = Client()
    for language in ("ru", "kk"):
        html = client.get(f"/{language}/portal/ratings/2025/bodies/{body_a.pk}/").content.decode()
        # the conclusion's own analysis (scored again from the facts) is the page's explanation
        with translation.override(language):
            conclusion = enrolment_conclusion(enrolment, language)
        for criterion in conclusion.analysis:
            assert criterion.heading in html
            for sentence in criterion.sentences:
                assert sentence.replace("«", "&laquo;").replace("»", "&raquo;") in html or sentence in html, sentence
    html = client.get(f"/ru/portal/ratings/2025/bodies/{body_a.pk}/").content.decode()
    # bars against the maximum with the data table, final score, F with its band, the trend of both years
    assert '<svg role="img" aria-labelledby="criteria-chart-title"' in html and "<caption>" in html
    assert _number(enrolment.final) in html.split('id="final">')[1].split("</dd>")[0]
    assert "75" in html.split('id="f">')[1].split("</dd>")[0]
    trend = html.split('id="trend"')[1]
    assert f'href="/ru/portal/ratings/2024/bodies/{body_a.pk}/">2024</a>' in trend and "2025" in trend
    assert f'href="/ru/portal/ratings/bodies/{body_a.pk}/results.csv"' in html


def test_the_body_page_shows_public_links_but_never_restricted_evidence(public_world, body_a):
    html = Client().get(f"/ru/portal/ratings/2025/bodies/{body_a.pk}/").content.decode()
    assert 'href="https://www.gov.kz/audit"' in html and "Результаты аудита" in html
    assert "internal/letter" not in html and "ДСП" not in html


def test_the_body_csv_holds_its_rows_of_every_year(results, body_a, body_b):
    response = Client().get(f"/ru/portal/ratings/bodies/{body_a.pk}/results.csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert response["Content-Disposition"].startswith("attachment")
    assert [row["year"] for row in rows] == ["2025", "2024"]
    assert {row["body_ru"] for row in rows} == {body_a.name_ru}
    a = _enrolment(results["2025"], body_a)
    assert rows[0]["final"] == f"{display_points(a.final):.2f}" and rows[0]["group"] == "central"
    assert Client().get("/ru/portal/ratings/bodies/999999/results.csv").status_code == 404


def test_two_bodies_side_by_side(results, body_a, body_b):
    html = Client().get("/ru/portal/ratings/compare/", {"year": 2025, "a": body_a.pk, "b": body_b.pk}).content
    table = html.decode().split('id="comparison"')[1].split("</table>")[0]
    a, b = _enrolment(results["2025"], body_a), _enrolment(results["2025"], body_b)
    assert body_a.name_ru in table and body_b.name_ru in table
    assert table.count("<tr>") == 1 + 7 + 3  # header, seven criteria, total, penalty, final
    final_row = table.split("<tr>")[-1]
    assert _number(a.final) in final_row and _number(b.final) in final_row


def test_the_pages_need_no_log_in_in_every_language(results, body_a):
    client = Client()
    for language in ("kk", "ru", "en"):
        for path in ("ratings/", f"ratings/2025/bodies/{body_a.pk}/", "ratings/compare/?year=2025"):
            assert client.get(f"/{language}/portal/{path}").status_code == 200, (language, path)
    assert "/ru/portal/ratings/" in client.get("/ru/portal/").content.decode()


def test_no_results_yet_says_so(db):
    html = Client().get("/ru/portal/ratings/").content.decode()
    assert 'id="ratings-central"' not in html and 'id="id_year"' not in html


def test_the_feed_announces_published_results(results):
    body = Client().get("/ru/portal/feed.atom").content.decode()
    assert "?year=2025" in body and "?year=2024" in body


def _queries(path: str) -> int:
    client = Client()
    client.get(path)  # warm the caches of methodology versions
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_ratings_and_body_pages_read_a_fixed_number_of_queries(analyst, authorized_head):
    # given 3 bodies with one year of results
    load_openness()
    few = _ministries(3, "Малое")
    publish(2022, few, analyst, authorized_head)
    small = (_queries("/ru/portal/ratings/"), _queries(f"/ru/portal/ratings/2022/bodies/{few[0].pk}/"))
    # when there are 30 bodies and three years of results, with F
    many = _ministries(27, "Большое")
    for year in (2023, 2024):
        publish(year, few + many, analyst, authorized_head, weakness=(0, 10, 20, 30))
    publish_f(2024, {body: (10, 5) for body in few + many}, analyst)
    large = (_queries("/ru/portal/ratings/"), _queries(f"/ru/portal/ratings/2024/bodies/{few[0].pk}/"))
    # then both pages read as many queries as before
    assert large == small
