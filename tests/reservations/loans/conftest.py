import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from associations.models import Role
from tests.accounts.factories import UserFactory
from tests.associations.factories import AssociationFactory, MembershipFactory
from tests.reservations.loans.factories import (
    DepotFactory,
    LoanItemFactory,
    add_tariffs,
    make_kit,
    open_depot,
)

BRUSSELS = ZoneInfo("Europe/Brussels")


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    """A Brussels wall-clock moment, as typed in the request form."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


@pytest.fixture
def alice(db):
    """A resident of Dorpsveld and booker of the Chiro."""
    return UserFactory(email="alice@example.be", first_name="Alice", last_name="Peeters", postal_code="9999")


@pytest.fixture
def bob(db):
    return UserFactory(email="bob@example.be", first_name="Bob", last_name="Janssens", postal_code="9999")


@pytest.fixture
def chiro(alice):
    association = AssociationFactory(name="Chiro Dorpsveld", slug="chiro-dorpsveld", recognised=True)
    MembershipFactory(association=association, user=alice, role=Role.BOOKER)
    return association


@pytest.fixture
def clerk(db):
    return UserFactory(
        email="carla@dorpsveld.be", first_name="Carla", last_name="Depot", is_staff=True, is_superuser=True
    )


@pytest.fixture
def depot(db):
    return open_depot(DepotFactory())


@pytest.fixture
def chairs(depot):
    item = LoanItemFactory(name="Klapstoel", slug="klapstoel", depot=depot, stock=100)
    add_tariffs(item, price="0.50")
    return item


@pytest.fixture
def tables(depot):
    item = LoanItemFactory(name="Feesttafel", slug="feesttafel", depot=depot, stock=30)
    add_tariffs(item, price="3.00")
    return item


@pytest.fixture
def tents(depot):
    item = LoanItemFactory(
        name="Partytent 3x6 m", slug="partytent", depot=depot, stock=4, deposit=Decimal("50.00")
    )
    add_tariffs(item, price="25.00")
    return item


@pytest.fixture
def party_pack(chairs, tables, tents):
    return make_kit("Feestpakket", "feestpakket", [(tents, 2), (tables, 10), (chairs, 40)])


@pytest.fixture
def saturday():
    """Pickup Friday 10:00, return Monday 10:00 (the depot is open every day 8–18 in these tests)."""
    return at(2030, 6, 7, 10), at(2030, 6, 10, 10)
