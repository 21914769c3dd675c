"""Issue 15 item 5: every page carries a Content-Security-Policy that allows only Ashyq's own files, and no
page template needs an exception to it (no inline script, event handler or style attribute)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

TEMPLATES = sorted(Path(__file__).resolve().parents[2].glob("ashyq/*/templates/**/*.html"))
# Documents rendered to PDF by WeasyPrint never reach a browser: their styles are not under the policy.
# PDF documents (WeasyPrint, never served as pages) and e-mails may style inline.
DOCUMENT_TEMPLATES = (
    "/pdf/",
    "/reports/",
    "feedback/report.html",
    "meetings/evidence_pdf.html",
    "/email/",
    "analysis/document.html",
    "evaluation/conclusion.html",
    "evaluation/minutes_pdf.html",
)
INLINE = re.compile(r"\sstyle=|\son[a-z]+=|<script(?![^>]*\bsrc=)(?![^>]*application/json)|<style|javascript:", re.I)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/ru/", "/kk/registry/", "/ru/login/", "/api/docs"])
def test_pages_carry_a_policy_allowing_only_our_own_files(client: Client, path: str) -> None:
    policy = client.get(path)["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "http" not in policy


def test_no_page_template_has_inline_script_or_style() -> None:
    offending = [
        f"{template.relative_to(template.parents[3])}: {match.group(0).strip()}"
        for template in TEMPLATES
        if not any(part in template.as_posix() for part in DOCUMENT_TEMPLATES)
        for match in INLINE.finditer(template.read_text())
    ]
    assert len(TEMPLATES) > 50
    assert offending == []


@pytest.mark.django_db
def test_api_docs_serve_swagger_ui_from_our_own_static_files(client: Client) -> None:
    """Issue 11 item 8: /api/docs works on a closed network: every script and style is ours."""
    html = client.get("/api/docs").content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', html)
    assert any("swagger-ui-bundle.js" in asset for asset in assets)
    assert assets and all(asset.startswith("/static/") for asset in assets)
