"""Paying an instant room by bank transfer keeps the room held until the transfer is due."""

import datetime as dt
from decimal import Decimal

import pytest

from calendars import services as calendar_services
from calendars.models import AllocationState
from payments import services as payment_services
from payments.errors import PaymentError
from payments.models import OrderStatus
from reservations.rooms.errors import RoomHireError
from reservations.rooms.models import BookingState
from tests.reservations.rooms.test_payments_handler import book

pytestmark = pytest.mark.django_db


def pay_by_transfer(booking):
    return payment_services.start_payment(order=booking.order, provider="bank_transfer", return_url="/")


def test_choosing_bank_transfer_holds_the_room_until_the_order_expires(instant_room, alice, bob, far_day):
    alice_booking = book(instant_room, alice, far_day)
    pay_by_transfer(alice_booking)

    alice_booking.refresh_from_db()
    allocation = alice_booking.allocation
    assert allocation.state == AllocationState.HELD
    assert allocation.hold_expires_at == alice_booking.order.expires_at
    assert alice_booking.order.expires_at - alice_booking.created_at > dt.timedelta(days=10)

    # An hour later the short online hold would have lapsed; the room is still Alice's.
    with pytest.raises(RoomHireError):
        book(instant_room, bob, far_day)

    payment_services.record_payment(
        order_id=alice_booking.order_id, provider="bank_transfer", amount=Decimal("45.00"),
        method="transfer", reference="coda:hold:1",
    )
    alice_booking.refresh_from_db()
    assert alice_booking.state == BookingState.CONFIRMED
    assert alice_booking.order.status == OrderStatus.PAID


def test_bank_transfer_is_refused_when_the_room_was_already_given_away(instant_room, alice, bob, far_day):
    alice_booking = book(instant_room, alice, far_day)
    lapsed = alice_booking.allocation.hold_expires_at + dt.timedelta(seconds=1)
    calendar_services.release_expired_holds(now=lapsed)
    book(instant_room, bob, far_day)

    with pytest.raises(PaymentError, match="niet langer"):
        pay_by_transfer(alice_booking)

    alice_booking.order.refresh_from_db()
    assert alice_booking.order.provider == ""
    assert alice_booking.order.due_date is None
