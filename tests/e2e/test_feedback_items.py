"""In a real browser: an officer imports a file, sees the result, accepts a remark; pages pass WCAG 2.1 AA."""

from __future__ import annotations

import pytest

from tests.feedback.factories import SourceFactory

CSV = (
    "external_id,kind,author,text,received_at\n"
    "E-1,remark,Асан,5-тармақты өзгерту ұсынылады,2026-09-02\n"
    "E-2,comment,Дана,Жақсы жоба,2026-09-03\n"
)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_an_officer_imports_and_accepts_a_remark(page, login, officer_a, body_a, axe_violations, settings, tmp_path):
    # given a draft of body A and immediate background tasks
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path
    source = SourceFactory(body=body_a)
    login("officer_a")
    # when the officer uploads the Ashyq template on the source's page
    page.goto(f"/kk/feedback/sources/{source.pk}/")
    upload = tmp_path / "items.csv"
    upload.write_text(CSV, encoding="utf-8")
    page.set_input_files("#id_file", str(upload))
    page.select_option("#id_format", "template")
    page.click("form[enctype] button[type=submit]")
    # then the import page shows the finished progress and the result
    page.wait_for_selector("#import-progress .message-success")
    assert page.locator("progress").get_attribute("value") == "100"
    assert axe_violations() == []
    # and the officer accepts the remark with a reference from its page
    page.goto("/kk/feedback/?kind=remark")
    assert axe_violations() == []
    page.click("table a[href*='/items/']")
    page.fill("textarea[name=reference]", "Бұйрық № 12, 5-тармақ")
    page.click("form[action$='/accept/'] button[type=submit]")
    page.wait_for_selector(".message-success")
    assert "қабылданды" in page.locator("dl.facts").inner_text()
