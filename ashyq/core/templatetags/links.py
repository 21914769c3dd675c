"""Links of long lists, reversed once per page instead of once per row (issue 15 item 7, docs/performance.md).

``{% url %}`` costs 0.1–0.3 ms on the shared server; a list of 50 rows with two links each spent as much
time reversing URLs as rendering everything else. ``{% url_stem 'feedback:item_detail' as item_url %}``
reverses the route once, and each row appends its number: ``{{ item_url }}{{ item.pk }}/``.
"""

from __future__ import annotations

from django import template
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

register = template.Library()


@register.simple_tag
def url_stem(name: str) -> str:
    """The URL of the route ``name`` (one ``<int:…>/`` at its end) without that number: ``/kk/feedback/items/``."""
    url = reverse(name, args=[0])
    if not url.endswith("/0/"):
        raise ImproperlyConfigured(f"url_stem needs a route ending in <int:…>/; {name} gives {url}.")
    return url[:-2]
