"""Room hire and loans add their own sections to "Mijn Dorpsplein" (accounts names no feature URL)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_my_dorpsplein_links_to_my_bookings_and_my_loans(client, alice):
    client.force_login(alice)

    html = client.get(reverse("accounts:dashboard")).content.decode()

    assert "Mijn reservaties" in html and reverse("rooms:my_bookings") in html
    assert "Mijn ontleningen" in html and reverse("loans:my_loans") in html
