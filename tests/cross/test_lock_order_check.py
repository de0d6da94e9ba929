"""calendars.locking's check of the one lock order (docs/locking.md): resources → feature rows → order →
counter. Runs on SQLite too (the check is bookkeeping, not database locks)."""

import logging

import pytest
from django.db import transaction

from calendars.locking import LockLevel, LockOrderError, lock_resources, lock_row, note_created
from payments import services as payment_services
from payments.models import Order, Payment
from reservations.rooms import services as room_services
from reservations.rooms.models import Booking, BookingState
from tests.cross.test_cancel_vs_pay import instant_bookings

pytestmark = pytest.mark.django_db


@pytest.fixture
def booking(instant_room, alice, far_day):
    (booking,) = instant_bookings(instant_room, alice, far_day, 1)
    return booking


def test_tests_refuse_a_lock_out_of_order(settings):
    assert settings.LOCK_ORDER_CHECK == "raise"


def test_resources_after_the_order_are_refused(booking):
    with transaction.atomic():
        lock_row(Order, booking.order_id, level=LockLevel.ORDER)
        with pytest.raises(LockOrderError, match="calendars.resource"):
            lock_resources([booking.room.resource_id])


def test_a_feature_row_after_the_order_is_refused(booking):
    with transaction.atomic():
        lock_row(Order, booking.order_id, level=LockLevel.ORDER)
        with pytest.raises(LockOrderError, match="rooms.booking"):
            lock_row(Booking, booking.pk, level=LockLevel.FEATURE)


def test_the_global_order_and_relocking_what_is_held_are_allowed(booking):
    with transaction.atomic():
        lock_resources([booking.room.resource_id])
        lock_row(Booking, booking.pk, level=LockLevel.FEATURE)
        lock_row(Order, booking.order_id, level=LockLevel.ORDER)
        lock_resources([booking.room.resource_id])  # held already: never waits
        lock_row(Booking, booking.pk, level=LockLevel.FEATURE)


def test_a_row_created_in_the_transaction_may_be_locked_later(booking, alice):
    with transaction.atomic():
        lock_row(Order, booking.order_id, level=LockLevel.ORDER)
        fresh = Booking.objects.create(
            room=booking.room,
            customer=alice,
            start=booking.start,
            end=booking.end,
            people=1,
            category="resident",
        )
        note_created(fresh)
        lock_row(Booking, fresh.pk, level=LockLevel.FEATURE)


def test_separate_transactions_in_one_test_keep_separate_trails(booking):
    with transaction.atomic():
        lock_row(Order, booking.order_id, level=LockLevel.ORDER)
    with transaction.atomic():
        lock_resources([booking.room.resource_id])  # a new transaction starts from nothing


def test_separate_service_calls_in_one_test_do_not_interfere(instant_room, alice, far_day):
    """Each service is its own transaction: paying one order, then booking, then cancelling, then
    paying again all lock in the global order on their own."""
    first, second = instant_bookings(instant_room, alice, far_day, 2)
    for booking in (first, second):
        payment_services.record_payment(
            order_id=booking.order_id,
            provider="counter",
            amount=booking.order.total,
            method=Payment.Method.CASH,
        )
    room_services.cancel_booking(booking=first, by=alice)
    assert Booking.objects.get(pk=first.pk).state == BookingState.CANCELLED
    assert Booking.objects.get(pk=second.pk).state == BookingState.CONFIRMED


def test_off_and_log_do_not_raise(settings, booking, caplog):
    settings.LOCK_ORDER_CHECK = "off"
    with transaction.atomic():
        lock_row(Order, booking.order_id, level=LockLevel.ORDER)
        lock_resources([booking.room.resource_id])
    settings.LOCK_ORDER_CHECK = "log"
    with caplog.at_level(logging.WARNING, logger="calendars.locking"), transaction.atomic():
        lock_row(Order, booking.order_id, level=LockLevel.ORDER)
        lock_resources([booking.room.resource_id])
    assert "lock order" in caplog.text and "docs/locking.md" in caplog.text
