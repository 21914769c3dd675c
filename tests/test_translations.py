"""Every label exists in Kazakh and Russian, and the compiled catalogues match their sources (ARCHITECTURE rule 9)."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

CATALOGUES = sorted(Path(__file__).resolve().parents[1].glob("ashyq/*/locale/*/LC_MESSAGES/django.po"))
KK_RU = [path for path in CATALOGUES if path.parts[-3] in {"kk", "ru"}]


@pytest.mark.parametrize("path", KK_RU, ids=lambda path: "/".join(path.parts[-5:-2]))
def test_every_message_is_translated(path: Path) -> None:
    po = polib.pofile(str(path))
    untranslated = [entry.msgid for entry in po if not entry.obsolete and not entry.translated()]
    assert untranslated == [], f"{path}: untranslated or fuzzy: {untranslated[:5]}"


@pytest.mark.parametrize("path", KK_RU, ids=lambda path: "/".join(path.parts[-5:-2]))
def test_every_plural_has_all_the_forms_of_its_language(path: Path) -> None:
    po = polib.pofile(str(path))
    forms = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))
    short = [entry.msgid for entry in po if entry.msgid_plural and len(entry.msgstr_plural) != forms]
    assert short == [], f"{path}: plurals without all {forms} forms: {short}"


@pytest.mark.parametrize("path", KK_RU, ids=lambda path: "/".join(path.parts[-5:-2]))
def test_the_compiled_catalogue_matches_its_source(path: Path) -> None:
    mo = path.with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing: run compilemessages"
    compiled = {entry.msgid: entry.msgstr or entry.msgstr_plural for entry in polib.mofile(str(mo))}
    catalogue = polib.pofile(str(path))
    source = {entry.msgid: entry.msgstr or entry.msgstr_plural for entry in catalogue if entry.translated()}
    assert {key: value for key, value in compiled.items() if key} == source


def test_there_are_catalogues_for_the_foundation() -> None:
    apps = {path.parts[-5] for path in KK_RU}
    assert {"core", "orgs"} <= apps


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_no_message_is_translated_two_ways_in_two_apps(language: str) -> None:
    """Django merges the apps' catalogues and the app listed first wins, so two wordings of one message
    would silently lose one of them; a message that needs two wordings takes a context (pgettext)."""
    wordings: dict[tuple[str | None, str], dict[str, object]] = {}
    for path in KK_RU:
        if path.parts[-3] != language:
            continue
        for entry in polib.pofile(str(path)):
            wording = entry.msgstr or tuple(sorted(entry.msgstr_plural.items()))
            wordings.setdefault((entry.msgctxt, entry.msgid), {})[path.parts[-5]] = wording
    clashes = {key[1]: apps for key, apps in wordings.items() if len(set(apps.values())) > 1}
    assert clashes == {}
