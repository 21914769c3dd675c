"""Pages of the methodology app: the loaded versions and one version as a reader of the act expects it.

Public, like the acts themselves; read-only (versions are written only by ``methodology_load``).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from ashyq.methodology import selectors
from ashyq.methodology.models import MethodologyVersion


def version_list(request: HttpRequest) -> HttpResponse:
    """Every loaded version with its act, registration and date of entry into force."""
    return render(request, "methodology/version_list.html", {"versions": selectors.version_list()})


def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One version: 000 §21–23 or 002 Annexes 7 and 10, the exemptions and the SPEC §7 parameters; printable."""
    try:
        version = selectors.version_detail(pk=pk)
    except MethodologyVersion.DoesNotExist:
        raise Http404 from None
    template = "methodology/openness.html" if version.is_openness else "methodology/feedback.html"
    return render(request, template, {"version": version})
