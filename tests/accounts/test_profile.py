"""The profile page saves personal details; the chosen language becomes the interface language."""

import json

import pytest
from django.urls import reverse

from tests.accounts.factories import HouseholdMemberFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db

PROFILE = {
    "first_name": "Alice",
    "last_name": "Peeters-Claes",
    "phone": "0470 12 34 56",
    "street": "Kerkstraat 12",
    "postal_code": "2000",
    "city": "Antwerpen",
    "preferred_language": "nl-be",
}


def test_saving_the_profile_changes_the_tariff_category(client, alice, settings):
    MunicipalityFactory()
    client.force_login(alice)
    assert "Inwoner" in client.get(reverse("accounts:profile")).content.decode()

    response = client.post(reverse("accounts:profile"), PROFILE, follow=True)

    alice.refresh_from_db()
    assert (alice.last_name, alice.city, alice.postal_code) == ("Peeters-Claes", "Antwerpen", "2000")
    assert "Uw gegevens zijn bewaard." in response.content.decode()
    assert "Niet-inwoner" in response.content.decode()


def test_choosing_english_switches_the_interface_language(client, alice):
    client.force_login(alice)

    response = client.post(reverse("accounts:profile"), {**PROFILE, "preferred_language": "en"})

    alice.refresh_from_db()
    assert alice.preferred_language == "en"
    assert response.cookies["django_language"].value == "en"
    assert '<html lang="en"' in client.get(reverse("accounts:dashboard")).content.decode()


def test_unknown_language_is_refused(client, alice):
    client.force_login(alice)

    response = client.post(reverse("accounts:profile"), {**PROFILE, "preferred_language": "xx"})

    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.last_name == "Peeters"
    assert 'id="id_preferred_language_error"' in response.content.decode()


def test_personal_data_download_holds_my_data_and_nobody_elses(client, alice, bob):
    HouseholdMemberFactory(user=alice, first_name="Lotte")
    HouseholdMemberFactory(user=bob, first_name="Mats")
    client.force_login(alice)

    response = client.post(reverse("accounts:personal_data_export"))

    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == "alice@example.be"
    assert [child["first_name"] for child in data["household_members"]] == ["Lotte"]
    assert "bob@example.be" not in response.content.decode()
