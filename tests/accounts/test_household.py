"""A parent manages their own household members, never someone else's."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import HouseholdMember
from tests.accounts.factories import HouseholdMemberFactory

pytestmark = pytest.mark.django_db


def test_alice_adds_edits_and_deletes_a_child(client, alice):
    client.force_login(alice)

    response = client.post(
        reverse("accounts:household_add"),
        {
            "first_name": "Lotte",
            "last_name": "Peeters",
            "birth_date": "2016-04-12",
            "notes": "Allergisch voor noten",
        },
    )
    assert response.status_code == 302
    lotte = HouseholdMember.objects.get(user=alice)
    listing = client.get(reverse("accounts:household")).content.decode()
    assert '<th scope="row">Lotte Peeters</th>' in listing
    assert "Allergisch voor noten" in listing

    client.post(
        reverse("accounts:household_edit", args=[lotte.pk]),
        {"first_name": "Lotte", "last_name": "Peeters", "birth_date": "2016-05-12", "notes": ""},
    )
    lotte.refresh_from_db()
    assert lotte.birth_date == datetime.date(2016, 5, 12)

    response = client.post(reverse("accounts:household_delete", args=[lotte.pk]), follow=True)
    assert not HouseholdMember.objects.filter(pk=lotte.pk).exists()
    html = response.content.decode()
    assert "Lotte Peeters is verwijderd uit uw gezin." in html
    assert '<th scope="row">Lotte Peeters</th>' not in html


@pytest.mark.parametrize("view", ["accounts:household_edit", "accounts:household_delete"])
def test_another_users_household_member_is_a_404_and_stays_unchanged(client, alice, bob, view):
    bobs_child = HouseholdMemberFactory(user=bob, first_name="Mats", birth_date=datetime.date(2018, 1, 1))
    client.force_login(alice)

    assert client.get(reverse(view, args=[bobs_child.pk])).status_code == 404
    response = client.post(
        reverse(view, args=[bobs_child.pk]),
        {"first_name": "Gekaapt", "last_name": "X", "birth_date": "2010-01-01"},
    )

    assert response.status_code == 404
    bobs_child.refresh_from_db()
    assert bobs_child.first_name == "Mats"
    assert "Mats" not in client.get(reverse("accounts:household")).content.decode()


def test_unknown_household_member_is_a_404(client, alice):
    client.force_login(alice)
    assert client.get(reverse("accounts:household_edit", args=[999999])).status_code == 404


@pytest.mark.parametrize(
    ("birth_date", "message"),
    [
        (
            timezone.localdate() + datetime.timedelta(days=1),
            "De geboortedatum kan niet in de toekomst liggen.",
        ),
        (
            timezone.localdate().replace(year=timezone.localdate().year - 121),
            "niet meer dan 120 jaar geleden",
        ),
    ],
)
def test_impossible_birth_date_is_refused_next_to_the_field(client, alice, birth_date, message):
    client.force_login(alice)

    response = client.post(
        reverse("accounts:household_add"),
        {"first_name": "Lotte", "last_name": "Peeters", "birth_date": birth_date.isoformat()},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'id="id_birth_date_error"' in html
    assert 'aria-describedby="id_birth_date_error"' in html
    assert not HouseholdMember.objects.exists()


def test_household_pages_need_a_login(client):
    response = client.get(reverse("accounts:household"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
