import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tests.calendars.factories import ResourceFactory, UserFactory

BRUSSELS = ZoneInfo("Europe/Brussels")


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    """A Brussels wall-clock moment, as people type it in a booking form."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


@pytest.fixture
def alice(db):
    return UserFactory(email="alice@example.be", first_name="Alice")


@pytest.fixture
def bob(db):
    return UserFactory(email="bob@example.be", first_name="Bob")


@pytest.fixture
def room(db):
    return ResourceFactory(name="Zaal De Linde")


@pytest.fixture
def sports_hall(db):
    """A divisible hall: the whole, and parts A, B and C."""
    whole = ResourceFactory(name="Sporthal")
    parts = [ResourceFactory(name=f"Sporthal deel {letter}", parent=whole) for letter in "ABC"]
    return whole, parts


@pytest.fixture
def now():
    """A fixed 'now' far enough before the bookings in the tests."""
    return at(2030, 1, 10, 9)
