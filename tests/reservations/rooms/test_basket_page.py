"""The basket as the customer sees it: the header link, amounts and times the Belgian way, the empty state."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.reservations.rooms.test_public_pages import form_data

pytestmark = pytest.mark.django_db


def test_header_shows_the_basket_with_its_count_only_when_something_is_held(
    client, instant_room, alice, far_day
):
    client.force_login(alice)
    assert "Mandje (" not in client.get(reverse("rooms:room_list")).content.decode()

    client.post(reverse("rooms:room_book", args=[instant_room.slug]), form_data(far_day))
    page = client.get(reverse("rooms:room_list")).content.decode()
    assert f'href="{reverse("payments:basket")}"' in page and "Mandje (1)" in page


def test_anonymous_pages_ask_nothing_about_baskets(client, instant_room):
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("rooms:room_list"))
    assert not [q for q in queries.captured_queries if "payments_basket" in q["sql"]]


def test_a_page_without_a_basket_costs_one_query_for_the_header(client, instant_room, alice):
    client.force_login(alice)
    client.get(reverse("rooms:room_list"))  # warm the site and municipality caches
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("rooms:room_list"))
    assert len([q for q in queries.captured_queries if "payments_basket" in q["sql"]]) == 1


def test_basket_page_shows_euros_brussels_time_and_a_primary_checkout(client, instant_room, alice, far_day):
    client.force_login(alice)
    client.post(reverse("rooms:room_book", args=[instant_room.slug]), form_data(far_day))
    page = client.get(reverse("payments:basket")).content.decode()
    assert "€ 45,00" in page
    assert "14:00 – 17:00" in page  # the form's local hours, not UTC
    assert 'class="button button--primary" data-needs-hold>Afrekenen' in page
    assert 'aria-live="polite"' in page and "data-countdown=" in page


def test_empty_basket_links_to_rooms_and_loans(client, alice):
    client.force_login(alice)
    page = client.get(reverse("payments:basket")).content.decode()
    assert "Je mandje is leeg" in page
    assert reverse("rooms:room_list") in page and reverse("loans:loan_catalogue") in page


def test_loans_material_list_is_not_called_a_basket(client, alice):
    client.force_login(alice)
    page = client.get(reverse("loans:loan_basket")).content.decode()
    assert "materiaallijst" in page.lower() and "mandje" not in page.split("<main", 1)[-1].lower()
