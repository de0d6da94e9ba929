from decimal import Decimal

import pytest

from payments import registry, services
from payments.services import LineSpec
from tests.accounts.factories import MunicipalityFactory
from tests.payments.factories import BookableFactory, UserFactory
from tests.payments.loopback_stripe import WEBHOOK_SECRET  # noqa: F401 (the Stripe tests import it here)


class RecordingHandler:
    """A feature app's handler that remembers every call, and whether it could still confirm late."""

    def __init__(self, *, late_ok: bool = True) -> None:
        self.calls: list[tuple[str, str, list[int]]] = []
        self.late_ok = late_ok

    def _record(self, event, order, lines):
        self.calls.append((event, order.number, [line.pk for line in lines]))

    def on_paid(self, *, order, lines):
        self._record("paid", order, lines)

    def on_expired(self, *, order, lines):
        self._record("expired", order, lines)

    def on_cancelled(self, *, order, lines):
        self._record("cancelled", order, lines)

    def on_refunded(self, *, order, lines, refund):
        self._record("refunded", order, lines)

    def can_confirm_late(self, line) -> bool:
        return self.late_ok

    def events(self, event: str) -> list:
        return [c for c in self.calls if c[0] == event]


@pytest.fixture
def hall_handler():
    handler = RecordingHandler()
    registry.register_handler("tests.hall", handler)
    yield handler
    registry.unregister_handler("tests.hall")


@pytest.fixture
def loan_handler():
    handler = RecordingHandler()
    registry.register_handler("tests.loan", handler)
    yield handler
    registry.unregister_handler("tests.loan")


@pytest.fixture
def alice(db):
    return UserFactory(email="alice@example.be", first_name="Alice", last_name="Peeters", postal_code="9999")


@pytest.fixture
def bob(db):
    return UserFactory(email="bob@example.be", first_name="Bob", last_name="Janssens")


@pytest.fixture
def clerk(db):
    """Dorpsveld's counter and finance clerk: staff of Dorpsveld only."""
    user = UserFactory(
        email="clerk@dorpsveld.be", first_name="Carla", last_name="Baliebediende", is_staff=True
    )
    user.staff_municipalities.add(MunicipalityFactory())
    return user


@pytest.fixture
def hall(db):
    return BookableFactory(name="Zaal De Linde")


@pytest.fixture
def make_order(hall, hall_handler):
    def make(*, user, price="120.00", vat="21", municipality=None, **kwargs):
        return services.create_order(
            municipality=municipality or MunicipalityFactory(),
            lines=[
                LineSpec(
                    description="Zaal De Linde, zaterdag",
                    unit_price=Decimal(price),
                    vat_rate=Decimal(vat),
                    handler="tests.hall",
                    target=hall,
                )
            ],
            user=user,
            **kwargs,
        )

    return make

