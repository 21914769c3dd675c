"""Links of long lists reversed once per page (issue 15 item 7): each row still links to its own object."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import translation

from ashyq.core.templatetags.links import url_stem
from tests.feedback.factories import ItemFactory, SourceFactory


def test_the_stem_plus_a_number_is_the_reversed_url() -> None:
    with translation.override("kk"):
        stem = url_stem("feedback:item_detail")
        assert f"{stem}12345/" == reverse("feedback:item_detail", args=[12345])
        rendered = Template("{% load links %}{% url_stem 'orgs:body_detail' as u %}{{ u }}7/").render(Context())
        assert rendered == reverse("orgs:body_detail", args=[7])


def test_a_route_without_a_number_at_its_end_is_refused() -> None:
    with pytest.raises(ImproperlyConfigured, match="needs a route ending in"):
        url_stem("registry:decision_letter")  # applications/<int:pk>/decision.pdf


@pytest.mark.django_db
def test_the_officers_list_of_140_items_links_each_row_in_six_queries(
    client: Client, officer_a, body_a, django_assert_num_queries
) -> None:
    """The issue's page: an officer's body with 140 items, page 1 of 3 (50 rows)."""
    # given
    source = SourceFactory(body=body_a)
    items = ItemFactory.create_batch(140, source=source)
    client.force_login(officer_a)
    # when: session, user, memberships, the capped count, the body filter's choices, the page's rows
    with django_assert_num_queries(6):
        response = client.get("/en/feedback/")
    # then every row links to its own item and to the source
    page = response.content.decode()
    shown = response.context["page"].object_list
    assert len(shown) == 50
    for item in shown:
        assert f'href="{reverse("feedback:item_detail", args=[item.pk])}"' in page
    assert page.count(f'href="{reverse("feedback:source_detail", args=[source.pk])}"') == 50
    assert len(items) == 140
