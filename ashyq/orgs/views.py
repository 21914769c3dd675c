"""Public pages of the state bodies' reference data."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from ashyq.orgs.models import Body
from ashyq.orgs.selectors import bodies_list, body_detail

BODIES_PAGE_SIZE = 50


def body_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()[:100]
    level = request.GET.get("level", "")
    level = level if level in {"central", "local"} else ""
    page = Paginator(bodies_list(search=search, level=level), BODIES_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "orgs/body_list.html", {"page": page, "q": search, "level": level})


def body_view(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        body = body_detail(pk=pk)
    except Body.DoesNotExist:
        raise Http404 from None
    return render(request, "orgs/body_detail.html", {"body": body})
