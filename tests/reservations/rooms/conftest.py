import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from associations.models import Role
from reservations.rooms.models import RoomMode
from tests.accounts.factories import UserFactory
from tests.associations.factories import AssociationFactory, MembershipFactory
from tests.reservations.rooms.factories import RoomFactory, give_tariffs, open_every_day

BRUSSELS = ZoneInfo("Europe/Brussels")


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


@pytest.fixture
def now():
    return at(2030, 1, 10, 9)


@pytest.fixture
def alice(db):
    """A resident of Dorpsveld."""
    return UserFactory(email="alice@example.be", first_name="Alice", last_name="Peeters", postal_code="9999")


@pytest.fixture
def bob(db):
    """Booker of the recognised football club."""
    return UserFactory(email="bob@example.be", first_name="Bob", last_name="Janssens", postal_code="9999")


@pytest.fixture
def carol(db):
    """A plain member of the football club, not a booker."""
    return UserFactory(email="carol@example.be", first_name="Carol", last_name="Maes", postal_code="9999")


@pytest.fixture
def clerk(db):
    return UserFactory(
        email="clerk@dorpsveld.be", first_name="Carla", last_name="Balie", is_staff=True, is_superuser=True
    )


@pytest.fixture
def club(db, bob, carol):
    club = AssociationFactory(name="KFC Dorpsveld", recognised=True, email="info@kfc-dorpsveld.be")
    MembershipFactory(association=club, user=bob, role=Role.BOOKER)
    MembershipFactory(association=club, user=carol, role=Role.MEMBER)
    return club


@pytest.fixture
def instant_room(db):
    room = RoomFactory(name="Polyvalente zaal", slug="polyvalente-zaal", mode=RoomMode.INSTANT)
    give_tariffs(room)
    open_every_day(room.resource)
    return room


@pytest.fixture
def approval_room(db):
    room = RoomFactory(name="Feestzaal", slug="feestzaal", mode=RoomMode.ON_APPROVAL, capacity=200)
    give_tariffs(room)
    open_every_day(room.resource)
    return room


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BRUSSELS)


@pytest.fixture
def far_day():
    """A day four months ahead: free cancellation still applies."""
    from django.utils import timezone

    return timezone.localdate() + dt.timedelta(days=120)
