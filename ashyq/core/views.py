"""Core pages: the start page, the audit trail, the working-day calendar (thin views, rule 4)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from ashyq.core.calendar import current_calendar
from ashyq.core.forms import AuditFilterForm
from ashyq.core.home import home_sections
from ashyq.core.permissions import body_ids_for, is_authorized_staff
from ashyq.core.selectors import audit_events

AUDIT_PAGE_SIZE = 50


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, refusing languages Ashyq does not offer with a clear message."""
    offered = {code for code, _name in settings.LANGUAGES}
    if request.POST.get("language") not in offered:
        return HttpResponseBadRequest(
            _("Unknown language. Choose one of: %(languages)s.") % {"languages": ", ".join(sorted(offered))}
        )
    return django_set_language(request)


def healthz(request: HttpRequest) -> HttpResponse:
    """``/healthz``: the process answers (for a load balancer, and the baseline of bench/load.py). No database."""
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


def home(request: HttpRequest) -> HttpResponse:
    """The start page; signed in, it opens with the reader's own work and terms, assembled by ``core.home``."""
    sections = home_sections(user=request.user, today=timezone.localdate()) if request.user.is_authenticated else []
    return render(request, "core/home.html", {"sections": sections})


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    if not (is_authorized_staff(request.user) or body_ids_for(request.user)):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    events = audit_events(user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        events = audit_events(
            user=request.user,
            body_id=data["body"].pk if data["body"] else None,
            event_type=data["event_type"],
            actor=data["actor"],
            since=data["since"],
            until=data["until"],
        )
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/audit_list.html", {"form": form, "page": page})


def calendar_year(request: HttpRequest, year: int) -> HttpResponse:
    if not 1991 <= year <= 2100:
        raise Http404
    days = current_calendar().exceptions_of_year(year)
    return render(
        request,
        "core/calendar_year.html",
        {"year": year, "days": days, "this_year": datetime.date.today().year},
    )
