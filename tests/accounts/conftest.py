import pytest

from tests.accounts.factories import UserFactory


@pytest.fixture
def alice(db):
    return UserFactory(email="alice@example.be", first_name="Alice", last_name="Peeters")


@pytest.fixture
def bob(db):
    return UserFactory(email="bob@example.be", first_name="Bob", last_name="Janssens")
