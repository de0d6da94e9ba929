"""Personas: bob runs KSA Dorpsveld, alice runs the choir, carla lives outside the municipality."""

import pytest

from associations.models import Role
from tests.accounts.factories import UserFactory
from tests.associations.factories import AssociationFactory, MembershipFactory


@pytest.fixture
def alice(db):
    return UserFactory(email="alice@example.be", first_name="Alice", last_name="Peeters")


@pytest.fixture
def bob(db):
    return UserFactory(email="bob@example.be", first_name="Bob", last_name="Janssens")


@pytest.fixture
def carla(db):
    return UserFactory(email="carla@example.be", first_name="Carla", last_name="Maes", postal_code="3211")


@pytest.fixture
def ksa(bob):
    association = AssociationFactory(
        name="KSA Dorpsveld", slug="ksa-dorpsveld", category="youth", recognised=True
    )
    MembershipFactory(association=association, user=bob, role=Role.ADMIN)
    return association


@pytest.fixture
def choir(alice):
    association = AssociationFactory(name="Koor Cantabile", slug="koor-cantabile", category="culture")
    MembershipFactory(association=association, user=alice, role=Role.ADMIN)
    return association
