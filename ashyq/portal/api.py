"""The public read-only API under /api/v1/public/ (issue 13 item 5): the open datasets, page by page.

No session, no key. Every answer carries an ``ETag`` (a hash of its body; ``If-None-Match`` gets 304),
``Last-Modified`` (when the dataset's tables last changed) and ``Access-Control-Allow-Origin: *`` so a page on
any site may read it with a GET. The rows are the open-data files' rows (``ashyq.portal.opendata``).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.urls import reverse
from django.utils.http import http_date, urlencode
from ninja import Field, Query, Router, Schema

from ashyq.core.pagination import MAX_LIMIT, MAX_OFFSET
from ashyq.portal import opendata

router = Router(tags=["public"])
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified",
}


class FieldOut(Schema):
    name: str
    type: str
    description: str


class DatasetOut(Schema):
    name: str
    title: str
    description: str
    fields: list[FieldOut]
    last_modified: str | None
    url: str


class PageOut(Schema):
    """One page of a dataset: ``count`` rows in all, ``items`` from ``offset``; ``next`` is the following page."""

    count: int
    limit: int
    offset: int
    next: str | None
    items: list[dict[str, Any]]


class PageIn(Schema):
    limit: int = Field(100, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


def _answer(request: HttpRequest, payload: Any, last_modified: Any) -> HttpResponse:
    body = json.dumps(payload, ensure_ascii=False, default=opendata.json_value).encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    if etag in request.headers.get("If-None-Match", ""):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    for name, value in CORS_HEADERS.items():
        response[name] = value
    return response


def _describe(dataset: opendata.Dataset) -> dict[str, Any]:
    modified = dataset.last_modified()
    return {
        "name": dataset.name,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "fields": [
            {"name": field.name, "type": field.type, "description": str(field.description)} for field in dataset.fields
        ],
        "last_modified": modified.isoformat() if modified else None,
        "url": reverse("api:public_dataset", kwargs={"name": dataset.name}),
    }


@router.get("/", response=list[DatasetOut], url_name="public_datasets", auth=None)
def datasets(request: HttpRequest) -> HttpResponse:
    """Every public dataset with its fields and when it last changed."""
    described = [_describe(dataset) for dataset in opendata.DATASETS]
    stamps = [dataset.last_modified() for dataset in opendata.DATASETS]
    return _answer(request, described, max((s for s in stamps if s is not None), default=None))


@router.get("/{name}/", response=PageOut, url_name="public_dataset", auth=None)
def dataset_page(request: HttpRequest, name: str, page: Query[PageIn]) -> HttpResponse:
    """One page of a dataset's rows, in the dataset's stable order."""
    dataset = opendata.BY_NAME.get(name)
    if dataset is None:
        raise Http404
    objects = dataset.objects()
    count = objects.count()
    items = [dataset.row(obj) for obj in objects[page.offset : page.offset + page.limit]]
    following = page.offset + page.limit
    next_url = None
    if following < count:
        next_url = request.path + "?" + urlencode({"limit": page.limit, "offset": following})
    payload = {"count": count, "limit": page.limit, "offset": page.offset, "next": next_url, "items": items}
    return _answer(request, payload, dataset.last_modified())
