"""What other apps (room hire, loans, tickets) ask the registry."""

import pytest

from associations.models import Role
from associations.selectors import associations_of, bookable_associations_for, members_of, user_can_book_for
from tests.associations.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "can_book"), [(Role.ADMIN, True), (Role.BOOKER, True), (Role.MEMBER, False)]
)
def test_admins_and_bookers_may_book_for_their_association(carla, ksa, role, can_book):
    MembershipFactory(association=ksa, user=carla, role=role)

    assert user_can_book_for(carla, ksa) is can_book
    assert (ksa in bookable_associations_for(carla)) is can_book
    assert list(associations_of(carla)) == [ksa]


def test_outsiders_and_anonymous_visitors_may_not_book(alice, ksa):
    from django.contrib.auth.models import AnonymousUser

    assert user_can_book_for(alice, ksa) is False
    assert user_can_book_for(AnonymousUser(), ksa) is False
    assert members_of(association=ksa, viewer=alice) is None
