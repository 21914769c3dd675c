"""Issue 11 item 4: the public methodology pages show the act and its rules, not the files behind them: no source
file name, no hash, no «assumed, not verified», no parameter's internal name; values as people write them."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from ashyq.core.demo import load_demo
from ashyq.methodology.models import MethodologyVersion

pytestmark = pytest.mark.django_db


def _visible_text(html: str) -> str:
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"<[^>]+>", " ", main)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_methodology_pages_show_no_file_hash_or_internal_name(client: Client, language: str):
    load_demo()
    versions = list(MethodologyVersion.objects.prefetch_related("parameters"))
    assert len(versions) == 2
    pages = [f"/{language}/methodology/"] + [f"/{language}/methodology/{version.pk}/" for version in versions]
    for path in pages:
        text = _visible_text(client.get(path).content.decode())
        assert ".toml" not in text and not re.search(r"\b[0-9a-f]{64}\b", text), path
        assert "не проверено" not in text and "тексерілмеген" not in text, path
        for version in versions:
            for parameter in version.parameters.all():
                assert parameter.name not in text, (path, parameter.name)
    feedback = next(version for version in versions if version.parameters.filter(name="f_display_decimals").exists())
    text = _visible_text(client.get(f"/{language}/methodology/{feedback.pk}/").content.decode())
    assert "exact" not in text and re.search(
        r">\s*100\s*<", client.get(f"/{language}/methodology/{feedback.pk}/").content.decode()
    )
