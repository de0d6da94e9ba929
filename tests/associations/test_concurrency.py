"""Two admins demoting each other at the same moment must still leave one admin."""

import threading

import pytest
from django.db import connection

from associations import services
from associations.errors import AssociationError
from associations.models import Membership, Role
from tests.accounts.factories import UserFactory
from tests.associations.factories import AssociationFactory, MembershipFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_admins_demoting_each_other_at_once_leave_one_admin():
    association = AssociationFactory(name="SK Dorpsveld")
    bob = UserFactory(email="bob@example.be")
    carla = UserFactory(email="carla@example.be")
    bob_membership = MembershipFactory(association=association, user=bob, role=Role.ADMIN)
    carla_membership = MembershipFactory(association=association, user=carla, role=Role.ADMIN)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def demote(actor, membership):
        try:
            barrier.wait(timeout=10)
            services.change_role(
                association=association, changed_by=actor, membership_id=membership.pk, role=Role.MEMBER
            )
            outcomes.append("demoted")
        except AssociationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=demote, args=(bob, carla_membership)),
        threading.Thread(target=demote, args=(carla, bob_membership)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["demoted", "refused"]
    assert Membership.objects.filter(association=association, role=Role.ADMIN).count() == 1
