"""The public association directory lists only associations that chose to be public."""

import pytest
from django.urls import reverse

from associations.models import Role
from tests.associations.factories import AssociationFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_directory_shows_only_public_associations(client):
    AssociationFactory(name="SK Dorpsveld", public=True)
    AssociationFactory(name="Fuifcollectief Nachtuil", public=False)

    html = client.get(reverse("associations:directory")).content.decode()

    assert "SK Dorpsveld" in html
    assert "Nachtuil" not in html


def test_directory_filters_by_category_and_searches_by_name(client):
    AssociationFactory(name="SK Dorpsveld", category="sport")
    AssociationFactory(name="Tennisclub De Smash", category="sport")
    AssociationFactory(name="Koor Cantabile", category="culture")

    by_category = client.get(reverse("associations:directory"), {"category": "culture"}).content.decode()
    by_name = client.get(reverse("associations:directory"), {"q": "smash"}).content.decode()

    assert "Koor Cantabile" in by_category
    assert "SK Dorpsveld" not in by_category
    assert "Tennisclub De Smash" in by_name
    assert "SK Dorpsveld" not in by_name


def test_directory_is_paginated_and_keeps_the_filter(client):
    for number in range(25):
        AssociationFactory(name=f"Sportclub {number:02d}", category="sport")

    first = client.get(reverse("associations:directory"), {"category": "sport"}).content.decode()
    second = client.get(reverse("associations:directory"), {"category": "sport", "page": 2}).content.decode()

    assert "Sportclub 00" in first
    assert "Sportclub 24" not in first
    assert "category=sport&amp;page=2" in first
    assert "Sportclub 24" in second


def test_unknown_category_or_page_does_not_break_the_directory(client):
    AssociationFactory(name="SK Dorpsveld")
    response = client.get(reverse("associations:directory"), {"category": "nope", "page": "x"})
    assert response.status_code == 200


def test_private_association_detail_is_hidden_from_outsiders_but_not_from_members(client, alice, bob):
    private = AssociationFactory(name="Fuifcollectief Nachtuil", public=False)
    MembershipFactory(association=private, user=alice, role=Role.MEMBER)

    assert client.get(private.get_absolute_url()).status_code == 404
    client.force_login(bob)
    assert client.get(private.get_absolute_url()).status_code == 404
    client.force_login(alice)
    assert client.get(private.get_absolute_url()).status_code == 200


def test_unknown_association_is_a_404(client):
    assert client.get(reverse("associations:detail", args=["bestaat-niet"])).status_code == 404
