"""What payments tells room hire: late money, reminders, and the staff dashboard count."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.test import RequestFactory
from django.utils import timezone

from payments import services as payment_services
from payments.models import OrderStatus
from reservations.rooms import services
from reservations.rooms import tasks as tasks_rooms
from reservations.rooms.models import Booking, BookingState
from tests.payments.factories import check_out
from tests.reservations.rooms.conftest import local

pytestmark = pytest.mark.django_db


def book(room, customer, day, hour=14):
    """An instant booking, checked out of the basket: one order waiting for payment."""
    booking = services.request_booking(
        room=room,
        customer=customer,
        start=local(day, hour),
        end=local(day, hour + 3),
        purpose="Feest",
        people=30,
    )
    if booking.state == BookingState.AWAITING_PAYMENT and booking.order_id is None:
        check_out(booking)
    return booking


def expire(booking):
    payment_services.expire_order(
        order_id=booking.order_id, now=booking.order.expires_at + dt.timedelta(seconds=1)
    )


def test_late_money_confirms_when_the_room_is_still_free(instant_room, alice, far_day):
    booking = book(instant_room, alice, far_day)
    expire(booking)
    payment_services.record_payment(
        order_id=booking.order_id,
        provider="bank_transfer",
        amount=Decimal("45.00"),
        method="transfer",
        reference="x1",
    )
    booking.refresh_from_db()
    assert booking.state == BookingState.CONFIRMED
    assert booking.order.status == OrderStatus.PAID


def test_late_money_is_refunded_when_someone_else_took_the_room(instant_room, alice, bob, far_day):
    booking = book(instant_room, alice, far_day)
    expire(booking)
    book(instant_room, bob, far_day)
    payment_services.record_payment(
        order_id=booking.order_id,
        provider="bank_transfer",
        amount=Decimal("45.00"),
        method="transfer",
        reference="x2",
        refund_iban="BE71096123456769",
    )
    booking.refresh_from_db()
    assert booking.state == BookingState.EXPIRED
    assert booking.order.refunds.count() == 1


def test_reminder_goes_out_once_a_few_days_before(
    instant_room, alice, clerk, django_capture_on_commit_callbacks
):
    soon = timezone.localdate() + dt.timedelta(days=2)
    instant_room.resource.lead_time = dt.timedelta(0)
    booking = book(instant_room, alice, soon)
    payment_services.record_counter_payment(
        order=booking.order, amount=Decimal("45.00"), method="cash", staff=clerk
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks_rooms.send_booking_reminders() == 1
        assert tasks_rooms.send_booking_reminders() == 0
    assert [m.subject for m in mail.outbox] == [f"Herinnering: {instant_room}"]


def test_staff_dashboard_counts_waiting_requests(approval_room, alice, clerk, far_day):
    from reservations.rooms.wagtail_hooks import pending_requests

    book(approval_room, alice, far_day)
    request = RequestFactory().get("/admin/")
    request.user = clerk
    (item,) = pending_requests(request)
    assert item.count == 1 and "wacht op goedkeuring" in item.text
    request.user = alice
    assert list(pending_requests(request)) == []


def test_expired_option_becomes_expired(approval_room, alice, far_day):
    booking = book(approval_room, alice, far_day)
    later = booking.allocation.hold_expires_at + dt.timedelta(minutes=1)
    assert services.expire_booking_options(now=later) == 1
    assert Booking.objects.get(pk=booking.pk).state == BookingState.EXPIRED
