"""Open data (issue 13 item 5): every public dataset as CSV, JSON and XLSX, a data package that
``frictionless validate`` accepts, the public API with pagination, ETag, Last-Modified and CORS, an Atom feed."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.test import Client
from openpyxl import load_workbook

from ashyq.portal import opendata

pytestmark = pytest.mark.django_db
NAMES = [dataset.name for dataset in opendata.DATASETS]


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_every_dataset_downloads_in_three_formats_with_the_same_rows(public_world) -> None:
    client = Client()
    for name in NAMES:
        csv_text = _body(client.get(f"/ru/portal/data/{name}.csv")).decode("utf-8")
        rows = json.loads(_body(client.get(f"/ru/portal/data/{name}.json")))
        sheet = load_workbook(io.BytesIO(_body(client.get(f"/ru/portal/data/{name}.xlsx"))), read_only=True).active
        xlsx_rows = list(sheet.iter_rows(values_only=True))
        header = [field.name for field in opendata.BY_NAME[name].fields]
        assert csv_text.splitlines()[0].split(",") == header
        assert list(xlsx_rows[0]) == header
        assert len(csv_text.strip().splitlines()) - 1 == len(rows) == len(xlsx_rows) - 1 >= 1, name


def test_the_data_package_passes_frictionless_validate(public_world, tmp_path: Path) -> None:
    # given the descriptor and every CSV as the site serves them, saved side by side
    client = Client()
    descriptor = json.loads(client.get("/en/portal/data/datapackage.json").content)
    assert {resource["name"] for resource in descriptor["resources"]} == set(NAMES)
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    for resource in descriptor["resources"]:
        (tmp_path / resource["path"]).write_bytes(_body(client.get(f"/en/portal/data/{resource['path']}")))
    # when frictionless validates the package
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    # then it is valid, every resource
    report = json.loads(result.stdout)
    assert report["valid"], [task["errors"][:3] for task in report["tasks"] if not task["valid"]]
    assert len(report["tasks"]) == len(NAMES)


def test_the_dataset_page_shows_licence_update_date_and_fields(public_world) -> None:
    html = Client().get("/en/portal/data/").content.decode()
    assert "CC-BY-4.0" in html and "datapackage.json" in html
    assert "<code>held_on</code>" in html and "date of the conference" in html
    assert "Updated: no data yet" not in html.split('id="dataset-channels"')[1].split("</section>")[0]


def test_the_api_pages_a_dataset_with_etag_last_modified_and_cors(public_world) -> None:
    client = Client()
    first = client.get("/api/v1/public/draft-remarks/?limit=1")
    page = first.json()
    assert first.status_code == 200 and page["count"] == 2 and len(page["items"]) == 1
    assert page["next"] == "/api/v1/public/draft-remarks/?limit=1&offset=1"
    assert first["Access-Control-Allow-Origin"] == "*" and first["Last-Modified"]
    second = client.get(page["next"]).json()
    assert second["next"] is None and second["items"][0]["item_id"] != page["items"][0]["item_id"]
    # a client that has the page gets 304 without a body
    again = client.get("/api/v1/public/draft-remarks/?limit=1", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""


def test_the_api_lists_datasets_and_refuses_bad_input(public_world) -> None:
    client = Client()
    listed = client.get("/api/v1/public/").json()
    assert [dataset["name"] for dataset in listed] == NAMES
    assert client.get("/api/v1/public/nothing/").status_code == 404
    assert client.get("/api/v1/public/channels/?limit=0").status_code == 422
    assert client.get("/api/v1/public/channels/?limit=100000").status_code == 422


def test_the_api_reads_a_page_in_a_bounded_number_of_queries(public_world) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = Client()
    with CaptureQueriesContext(connection) as queries:
        client.get("/api/v1/public/conferences/")
    assert len(queries) <= 8  # count, page, and the last-modified of its four tables


def test_the_atom_feed_lists_new_publications(public_world) -> None:
    response = Client().get("/ru/portal/feed.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 — our own feed, in a test
    titles = [
        entry.findtext("{http://www.w3.org/2005/Atom}title")
        for entry in root.iter("{http://www.w3.org/2005/Atom}entry")
    ]
    assert any(title.startswith("Интернет-конференция") or "Лекарства" in title for title in titles)
    assert len(titles) >= 5  # report, conference, answer, channel, meeting, draft
