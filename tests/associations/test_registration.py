"""Registering an association: KBO and IBAN are checked, the creator becomes its admin."""

import pytest
from django.urls import reverse

from accounts.categories import CustomerCategory
from associations.models import Association, Membership, Role

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Tennisclub De Smash",
    "category": "sport",
    "enterprise_number": "BE 0412.345.614",
    "iban": "be48 0011 2345 6727",
    "email": "info@desmash.be",
    "phone": "",
    "website": "",
    "street": "Sportlaan 4",
    "postal_code": "9999",
    "city": "Dorpsveld",
    "description": "Tennis voor jong en oud.",
    "public": "on",
}


def test_registering_stores_compact_numbers_and_makes_the_creator_admin(client, alice):
    client.force_login(alice)

    response = client.post(reverse("associations:register"), FORM)

    association = Association.objects.get()
    assert response.status_code == 302
    assert association.enterprise_number == "0412345614"
    assert association.enterprise_number_display == "0412.345.614"
    assert association.iban == "BE48001123456727"
    assert association.iban_display == "BE48 0011 2345 6727"
    assert not association.recognised
    assert association.customer_category() == CustomerCategory.OTHER_ASSOCIATION
    assert Membership.objects.get(association=association).user == alice
    assert Membership.objects.get(association=association).role == Role.ADMIN
    detail = client.get(association.get_absolute_url()).content.decode()
    assert "0412.345.614" in detail


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("enterprise_number", "0412.345.615", "Dit is geen geldig ondernemingsnummer (KBO)."),
        ("enterprise_number", "12345", "Dit is geen geldig ondernemingsnummer (KBO)."),
        ("iban", "BE48 0011 2345 6728", "Dit is geen geldig IBAN-rekeningnummer"),
        ("iban", "NL00 RABO 0000", "Dit is geen geldig IBAN-rekeningnummer"),
    ],
)
def test_invalid_kbo_or_iban_is_explained_next_to_the_field_and_nothing_is_saved(
    client, alice, field, value, message
):
    client.force_login(alice)

    response = client.post(reverse("associations:register"), {**FORM, field: value})

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}_error"' in html
    assert f'aria-describedby="id_{field}_helptext id_{field}_error"' in html
    assert not Association.objects.exists()
    assert not Membership.objects.exists()


def test_a_kbo_number_can_only_be_registered_once(client, alice, ksa):
    client.force_login(alice)

    response = client.post(
        reverse("associations:register"), {**FORM, "enterprise_number": ksa.enterprise_number}
    )

    assert "Er is al een vereniging met dit ondernemingsnummer." in response.content.decode()
    assert Association.objects.count() == 1


def test_registering_needs_a_login(client):
    response = client.post(reverse("associations:register"), FORM)
    assert response.status_code == 302
    assert not Association.objects.exists()


def test_admin_edits_the_details_but_cannot_recognise_the_association(client, alice, choir):
    client.force_login(alice)

    response = client.post(
        reverse("associations:edit", args=[choir.slug]),
        {**FORM, "name": "Koor Cantabile vzw", "recognised": "on"},
    )

    assert response.status_code == 302
    choir.refresh_from_db()
    assert choir.name == "Koor Cantabile vzw"
    assert not choir.recognised


def test_recognised_association_pays_the_recognised_tariff(ksa):
    assert ksa.customer_category() == CustomerCategory.RECOGNISED_ASSOCIATION
