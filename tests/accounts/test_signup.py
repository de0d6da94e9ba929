"""Sign-up, e-mail confirmation and login through django-allauth, in our own page layout."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.accounts.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "dirk@example.be",
    "password1": "Lange-Zin-2026!",
    "password2": "Lange-Zin-2026!",
    "first_name": "Dirk",
    "last_name": "Claes",
    "postal_code": "9999",
}


def test_signup_with_a_taken_email_says_so_next_to_the_field_and_creates_nothing(client, alice):
    response = client.post(reverse("account_signup"), {**SIGNUP, "email": "Alice@Example.be"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Er is al een gebruiker geregistreerd met dit e-mailadres." in html
    assert 'aria-invalid="true"' in html
    assert User.objects.count() == 1
    assert mail.outbox == []


def test_signup_sends_a_confirmation_mail_and_confirming_logs_the_person_in(client, settings):
    dorpsveld = MunicipalityFactory()
    response = client.post(reverse("account_signup"), SIGNUP)

    assert response.status_code == 302
    dirk = User.objects.get(email="dirk@example.be")
    assert (dirk.first_name, dirk.last_name, dirk.is_resident_of(dorpsveld)) == ("Dirk", "Claes", True)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["dirk@example.be"]
    assert mail.outbox[0].subject == "[Dorpsplein] Bevestig uw e-mailadres"
    assert client.get(reverse("accounts:dashboard")).status_code == 302  # not logged in before confirming

    confirm_url = re.search(r"https?://[^/\s]+(/account/confirm-email/\S+/)", mail.outbox[0].body).group(1)
    assert client.get(confirm_url).status_code == 200
    response = client.post(confirm_url)

    assert response.status_code == 302
    dashboard = client.get(reverse("accounts:dashboard"))
    assert dashboard.status_code == 200
    assert "Welkom, Dirk" in dashboard.content.decode()


def test_allauth_pages_use_the_site_layout_with_labelled_fields(client):
    html = client.get(reverse("account_login")).content.decode()

    assert 'class="skip-link"' in html
    assert '<main id="main"' in html
    assert re.search(r'<label for="id_login">', html)
    assert re.search(r'<label for="id_password">', html)


def test_login_with_wrong_password_shows_a_message_and_stays_logged_out(client, alice):
    response = client.post(reverse("account_login"), {"login": "alice@example.be", "password": "fout"})

    assert response.status_code == 200
    assert "e-mailadres en/of wachtwoord is niet correct" in response.content.decode()
    assert client.get(reverse("accounts:dashboard")).status_code == 302


def test_password_reset_mail_is_in_plain_dutch_and_signed_by_the_municipality(client, alice):
    response = client.post(reverse("account_reset_password"), {"email": "alice@example.be"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "[Dorpsplein] Nieuw wachtwoord kiezen"
    assert "Kies een nieuw wachtwoord via deze link" in mail.outbox[0].body
    assert "Gemeente Dorpsveld" in mail.outbox[0].body
