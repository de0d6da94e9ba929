"""Admins invite people by e-mail; the invitee joins once, before the link expires."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from associations.models import Invitation, Membership, Role
from tests.associations.factories import InvitationFactory

pytestmark = pytest.mark.django_db


def test_admin_invites_by_email_and_the_invitee_joins_with_the_link(
    client, bob, carla, ksa, django_capture_on_commit_callbacks
):
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("associations:invite", args=[ksa.slug]), {"email": "Carla@Example.be", "role": "booker"}
        )

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["carla@example.be"]
    assert "KSA Dorpsveld" in mail.outbox[0].subject
    accept_path = re.search(r"https?://[^/\s]+(/verenigingen/uitnodiging/\S+/)", mail.outbox[0].body).group(1)

    client.force_login(carla)
    assert "KSA Dorpsveld" in client.get(accept_path).content.decode()
    response = client.post(accept_path)

    assert response.status_code == 302
    assert Membership.objects.get(association=ksa, user=carla).role == Role.BOOKER


def test_an_invitation_cannot_be_used_twice(client, carla, ksa):
    invitation = InvitationFactory(association=ksa, email="carla@example.be")
    client.force_login(carla)
    client.post(reverse("associations:accept_invitation", args=[invitation.token]))
    Membership.objects.filter(user=carla).delete()

    response = client.post(reverse("associations:accept_invitation", args=[invitation.token]))

    assert response.status_code == 400
    assert "al gebruikt" in response.content.decode()
    assert not Membership.objects.filter(user=carla).exists()


def test_an_expired_invitation_is_refused(client, carla, ksa):
    invitation = InvitationFactory(
        association=ksa, email="carla@example.be", expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    client.force_login(carla)

    response = client.post(reverse("associations:accept_invitation", args=[invitation.token]))

    assert response.status_code == 400
    assert "verlopen" in response.content.decode()
    assert not Membership.objects.filter(user=carla).exists()


def test_an_invitation_for_someone_else_is_refused(client, alice, ksa):
    invitation = InvitationFactory(association=ksa, email="carla@example.be", role=Role.ADMIN)
    client.force_login(alice)

    response = client.post(reverse("associations:accept_invitation", args=[invitation.token]))

    assert response.status_code == 400
    assert "carla@example.be" in response.content.decode()
    assert not Membership.objects.filter(user=alice).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_accepting_needs_a_login_and_an_unknown_token_is_a_404(client, carla, ksa):
    invitation = InvitationFactory(association=ksa, email="carla@example.be")

    response = client.get(reverse("associations:accept_invitation", args=[invitation.token]))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]

    client.force_login(carla)
    assert client.get(reverse("associations:accept_invitation", args=["verzonnen"])).status_code == 404


def test_inviting_an_existing_member_or_a_bad_address_is_explained(client, bob, ksa):
    client.force_login(bob)

    existing = client.post(
        reverse("associations:invite", args=[ksa.slug]), {"email": "bob@example.be", "role": "member"}
    )
    bad = client.post(
        reverse("associations:invite", args=[ksa.slug]), {"email": "geen-adres", "role": "member"}
    )

    assert "al lid van de vereniging" in existing.content.decode()
    assert 'id="id_email_error"' in bad.content.decode()
    assert not Invitation.objects.exists()


def test_tokens_are_long_and_unguessable(ksa):
    first, second = InvitationFactory(association=ksa), InvitationFactory(association=ksa)
    assert len(first.token) >= 40
    assert first.token != second.token
