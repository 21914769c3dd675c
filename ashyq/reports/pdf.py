"""PDF documents from Django templates (WeasyPrint): the acts' forms, printable as the law shows them."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """Render ``template_name`` (extending ``reports/document.html``) to PDF bytes; fonts are local."""
    from weasyprint import HTML  # imported here: loading Pango costs ~0.3 s, needed only for PDFs

    html = render_to_string(template_name, context)
    return bytes(HTML(string=html).write_pdf())
