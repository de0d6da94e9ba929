"""A person asks to be forgotten; staff carry it out, which anonymises the account and is logged."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts.models import ErasureRequest, HouseholdMember, User
from associations.models import Membership, Role
from tests.accounts.factories import HouseholdMemberFactory, UserFactory
from tests.associations.factories import AssociationFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return UserFactory(email="dirk@dorpsveld.be", is_staff=True, is_superuser=True)


def test_requesting_erasure_records_one_request_and_confirms_by_mail(
    client, alice, staff, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:erasure_request"), {"reason": "Verhuisd"})
        client.post(reverse("accounts:erasure_request"), {"reason": "Nog eens"})

    assert ErasureRequest.objects.filter(user=alice).count() == 1
    assert [message.to for message in mail.outbox] == [["alice@example.be"], ["dirk@dorpsveld.be"]]
    assert "behandelt uw verzoek" in client.get(reverse("accounts:erasure_request")).content.decode()


def test_staff_erase_the_account_its_children_and_memberships(client, alice, staff):
    HouseholdMemberFactory(user=alice, first_name="Lotte")
    choir = AssociationFactory(name="Koor Cantabile")
    MembershipFactory(association=choir, user=alice, role=Role.MEMBER)
    erasure = ErasureRequest.objects.create(user=alice, email=alice.email)
    client.force_login(staff)

    assert "alice@example.be" in client.get(reverse("accounts_erasure_index")).content.decode()
    response = client.post(reverse("accounts_erasure_confirm", args=[erasure.pk]))

    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.email.endswith("@gewist.invalid")
    assert (alice.first_name, alice.last_name, alice.street, alice.is_active) == ("", "", "", False)
    assert not alice.has_usable_password()
    assert not HouseholdMember.objects.exists()
    assert not Membership.objects.exists()
    assert not User.objects.filter(email="alice@example.be").exists()
    assert ModelLogEntry.objects.filter(action="accounts.erase", user=staff).count() == 1


def test_residents_cannot_reach_the_erasure_back_office(client, alice, bob):
    erasure = ErasureRequest.objects.create(user=bob, email=bob.email)
    client.force_login(alice)

    response = client.post(reverse("accounts_erasure_confirm", args=[erasure.pk]))

    assert response.status_code in (302, 403)
    bob.refresh_from_db()
    assert bob.email == "bob@example.be"
