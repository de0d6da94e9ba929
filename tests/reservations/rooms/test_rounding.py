"""One rounding rule: half a cent rounds up, in the room quote and in the order it becomes."""

import datetime as dt
from decimal import Decimal

import pytest

from accounts.categories import CustomerCategory
from reservations.rooms import services
from reservations.rooms.services.bookings import _rent_request
from tests.payments.factories import check_out
from tests.reservations.rooms.conftest import local
from tests.reservations.rooms.factories import give_tariffs

pytestmark = pytest.mark.django_db


def test_half_a_cent_of_rent_rounds_up_in_the_quote_and_the_order(instant_room, alice, far_day):
    give_tariffs(instant_room, hourly={CustomerCategory.RESIDENT: "10.01"})
    start, end = local(far_day, 14), local(far_day, 16, 30)  # 2.5 h x € 10,01 = € 25,025

    quote = services.quote_booking(room=instant_room, category="resident", start=start, end=end)
    assert quote.lines[0].quantity == Decimal("2.50")
    assert quote.total == Decimal("25.03")  # half-even would give 25.02

    booking = services.request_booking(
        room=instant_room, customer=alice, start=start, end=end, purpose="Repetitie", people=10
    )
    check_out(booking)
    line = booking.order.lines.get()
    assert line.total == Decimal("25.03")
    assert booking.order.total == Decimal("25.03")
    assert booking.total == Decimal("25.03")


def test_hours_are_rounded_half_up_too(instant_room, far_day):
    start = local(far_day, 14)
    end = start + dt.timedelta(seconds=18)  # 0.005 h; half-even would make it 0.00
    assert _rent_request(instant_room, "resident", start, end).quantity == Decimal("0.01")
