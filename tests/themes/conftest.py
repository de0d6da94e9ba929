import pytest

from tests.cms.factories import UserFactory, build_site


@pytest.fixture
def site(db):
    return build_site()


@pytest.fixture
def sam(db):
    """A superuser of the municipality."""
    return UserFactory(email="sam@dorpsveld.be", first_name="Sam", is_staff=True, is_superuser=True)
