import datetime

import pytest

from tests.cms.factories import UserFactory, build_site

# A Monday: the town hall is open in the morning and, after a lunch break, in the afternoon.
A_MONDAY = datetime.date(2026, 11, 23)
A_SUNDAY = datetime.date(2026, 11, 22)


@pytest.fixture
def site(db):
    return build_site()


@pytest.fixture
def today_is(monkeypatch):
    """Freeze 'today' (Europe/Brussels) as the footer sees it."""

    def freeze(day: datetime.date) -> None:
        monkeypatch.setattr("cms.selectors.local_today", lambda: day)

    return freeze


@pytest.fixture
def alice(db):
    """A resident without any staff rights."""
    return UserFactory(email="alice@example.be", first_name="Alice")


@pytest.fixture
def sam(db):
    """A superuser of the municipality."""
    return UserFactory(email="sam@dorpsveld.be", first_name="Sam", is_staff=True, is_superuser=True)
