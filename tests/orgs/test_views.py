"""The public pages of state bodies: content, filters, languages, query counts."""

from __future__ import annotations

import pytest

from tests.factories import BodyFactory

pytestmark = pytest.mark.django_db


def test_the_bodies_list_shows_names_in_the_page_language_with_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, body_a, local_body
) -> None:
    # given 60 more bodies, more than one page
    BodyFactory.create_batch(60)
    # when
    with django_assert_max_num_queries(4):
        kk = client.get("/kk/bodies/")
    ru = client.get("/ru/bodies/")
    # then
    assert "Қазақстан Республикасының Денсаулық сақтау министрлігі" in kk.content.decode()
    assert "Министерство здравоохранения Республики Казахстан" in ru.content.decode()
    assert kk.context["page"].paginator.count == 62
    assert len(kk.context["page"].object_list) == 50


def test_the_bodies_list_filters_by_name_and_level(client, body_a, body_b, local_body) -> None:
    found = client.get("/ru/bodies/", {"q": "здравоохран"}).context["page"].object_list
    assert [body.pk for body in found] == [body_a.pk]
    local = client.get("/ru/bodies/", {"level": "local"}).context["page"].object_list
    assert [body.pk for body in local] == [local_body.pk]


def test_a_body_page_shows_both_names_and_exemptions(client) -> None:
    defence = BodyFactory(
        name_ru="Министерство обороны",
        name_kk="Қорғаныс министрлігі",
        not_under_resolution_12=True,
        no_open_session_indicator=True,
    )
    page = client.get(f"/en/bodies/{defence.pk}/").content.decode()
    assert "Қорғаныс министрлігі" in page and "Министерство обороны" in page
    assert "Not covered by Government resolution No. 12" in page
    assert "002 Annex 10 table 6 item 3" in page


def test_an_unknown_body_is_not_found(client) -> None:
    assert client.get("/kk/bodies/999999/").status_code == 404


def test_central_bodies_come_first_then_local_ones_alphabetically(client, body_a, body_b, local_body) -> None:
    names = [body.name_ru for body in client.get("/ru/bodies/").context["page"].object_list]
    assert names == [body_a.name_ru, body_b.name_ru, local_body.name_ru]
    names_kk = [body.name_kk for body in client.get("/kk/bodies/").context["page"].object_list]
    assert names_kk == [body_a.name_kk, body_b.name_kk, local_body.name_kk]
