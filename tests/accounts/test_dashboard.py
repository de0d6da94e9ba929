"""'Mijn Dorpsplein' is one front door built from links the apps register."""

import pytest
from django.urls import reverse

from accounts.sections import register_section, sections_for, unregister_section

pytestmark = pytest.mark.django_db


def test_dashboard_needs_a_login(client):
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_dashboard_links_to_profile_household_and_my_associations(client, alice):
    client.force_login(alice)

    html = client.get(reverse("accounts:dashboard")).content.decode()

    assert reverse("accounts:profile") in html
    assert reverse("accounts:household") in html
    assert reverse("associations:mine") in html


def test_links_to_apps_that_do_not_exist_yet_are_left_out(alice):
    register_section(key="test.missing", title="Bestaat niet", url_name="nowhere:nothing")
    register_section(
        key="test.hidden", title="Verborgen", url_name="accounts:profile", visible=lambda user: False
    )
    try:
        titles = [link.title for link in sections_for(alice)]
    finally:
        unregister_section("test.missing")
        unregister_section("test.hidden")

    assert "Mijn gegevens" in titles
    assert "Bestaat niet" not in titles
    assert "Verborgen" not in titles
