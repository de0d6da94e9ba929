"""Only an association's own members see its members; only its admins change them."""

import pytest
from django.urls import reverse

from associations import services
from associations.errors import AssociationError
from associations.models import Invitation, Membership, Role
from tests.associations.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_member_of_one_association_cannot_see_or_change_anothers_members(client, alice, bob, choir, ksa):
    bob_membership = Membership.objects.get(association=ksa, user=bob)
    client.force_login(alice)  # admin of the choir, outsider to KSA

    assert client.get(reverse("associations:members", args=[ksa.slug])).status_code == 404
    invite = client.post(
        reverse("associations:invite", args=[ksa.slug]), {"email": "x@example.be", "role": "admin"}
    )
    demote = client.post(
        reverse("associations:change_role", args=[ksa.slug, bob_membership.pk]), {"role": "member"}
    )
    remove = client.post(reverse("associations:remove_member", args=[ksa.slug, bob_membership.pk]))
    edit = client.post(reverse("associations:edit", args=[ksa.slug]), {"name": "Gekaapt"})

    assert {invite.status_code, demote.status_code, remove.status_code, edit.status_code} == {404}
    bob_membership.refresh_from_db()
    assert bob_membership.role == Role.ADMIN
    assert not Invitation.objects.exists()
    ksa.refresh_from_db()
    assert ksa.name == "KSA Dorpsveld"


def test_a_membership_of_another_association_cannot_be_changed_through_ones_own(
    client, alice, bob, choir, ksa
):
    bob_membership = Membership.objects.get(association=ksa, user=bob)
    client.force_login(alice)

    response = client.post(reverse("associations:remove_member", args=[choir.slug, bob_membership.pk]))

    assert response.status_code == 400
    assert Membership.objects.filter(pk=bob_membership.pk).exists()


def test_plain_member_sees_names_but_not_emails_and_cannot_invite_or_remove(client, alice, carla, ksa, bob):
    MembershipFactory(association=ksa, user=carla, role=Role.MEMBER)
    bob_membership = Membership.objects.get(association=ksa, user=bob)
    client.force_login(carla)

    page = client.get(reverse("associations:members", args=[ksa.slug])).content.decode()
    invite = client.post(
        reverse("associations:invite", args=[ksa.slug]), {"email": "x@example.be", "role": "member"}
    )
    remove = client.post(reverse("associations:remove_member", args=[ksa.slug, bob_membership.pk]))

    assert "Bob Janssens" in page
    assert "bob@example.be" not in page
    assert "Iemand uitnodigen" not in page
    assert invite.status_code == 403
    assert remove.status_code == 403
    assert not Invitation.objects.exists()
    assert Membership.objects.filter(pk=bob_membership.pk).exists()


def test_admin_sees_member_emails(client, bob, carla, ksa):
    MembershipFactory(association=ksa, user=carla, role=Role.MEMBER)
    client.force_login(bob)

    page = client.get(reverse("associations:members", args=[ksa.slug])).content.decode()

    assert "carla@example.be" in page


def test_the_last_admin_can_be_neither_removed_nor_demoted(client, bob, ksa):
    bob_membership = Membership.objects.get(association=ksa, user=bob)
    client.force_login(bob)

    remove = client.post(reverse("associations:remove_member", args=[ksa.slug, bob_membership.pk]))
    demote = client.post(
        reverse("associations:change_role", args=[ksa.slug, bob_membership.pk]), {"role": "member"}
    )

    assert remove.status_code == 400
    assert "minstens één beheerder" in remove.content.decode()
    assert demote.status_code == 400
    assert f'id="role-error-{bob_membership.pk}"' in demote.content.decode()
    bob_membership.refresh_from_db()
    assert bob_membership.role == Role.ADMIN


def test_with_a_second_admin_the_first_may_step_down(client, bob, carla, ksa):
    MembershipFactory(association=ksa, user=carla, role=Role.ADMIN)
    bob_membership = Membership.objects.get(association=ksa, user=bob)
    client.force_login(bob)

    response = client.post(
        reverse("associations:change_role", args=[ksa.slug, bob_membership.pk]), {"role": "booker"}
    )

    assert response.status_code == 302
    bob_membership.refresh_from_db()
    assert bob_membership.role == Role.BOOKER


def test_admin_removes_a_member(client, bob, carla, ksa):
    carla_membership = MembershipFactory(association=ksa, user=carla, role=Role.BOOKER)
    client.force_login(bob)

    response = client.post(reverse("associations:remove_member", args=[ksa.slug, carla_membership.pk]))

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=carla_membership.pk).exists()


def test_services_refuse_non_admins(carla, ksa, bob):
    MembershipFactory(association=ksa, user=carla, role=Role.BOOKER)
    bob_membership = Membership.objects.get(association=ksa, user=bob)

    with pytest.raises(AssociationError):
        services.invite_member(association=ksa, invited_by=carla, email="x@example.be", role=Role.ADMIN)
    with pytest.raises(AssociationError):
        services.change_role(
            association=ksa, changed_by=carla, membership_id=bob_membership.pk, role=Role.MEMBER
        )
    with pytest.raises(AssociationError):
        services.remove_member(association=ksa, removed_by=carla, membership_id=bob_membership.pk)


def test_member_pages_need_a_login(client, ksa):
    response = client.get(reverse("associations:members", args=[ksa.slug]))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
