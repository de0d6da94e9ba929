"""Pay against expiry: the money arrives just as the expiry task ends the order (its expires_at passed).

Legal end states of one pair (nobody else wants the room or the chair, so late money is honoured):
- pay first: order paid, booking confirmed / loan paid, the expiry finds nothing to do (False);
- expire first (True): the order expired, then the late payment is honoured: order paid and flagged
  for staff, the payment marked late, the booking confirmed / the loan paid again, no refund.
Never a payment lost, never a confirmed booking or paid loan without a paid order, never an exception.
"""

import datetime as dt

import pytest
from django.db.models import Sum
from django.utils import timezone

from calendars.models import Allocation, AllocationState
from payments import services as payment_services
from payments.models import Order, OrderStatus, Payment, Refund
from reservations.loans.models import Loan, LoanState
from reservations.rooms.models import Booking, BookingState
from tests.cross.racing import race, unexpected
from tests.cross.test_cancel_vs_pay import instant_bookings, lend, pay

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROUNDS = 50


def past_expiry(order_ids) -> None:
    Order.objects.filter(pk__in=order_ids).update(expires_at=timezone.now() - dt.timedelta(minutes=1))


def check_pair(order: Order, payment, expired) -> str:
    assert isinstance(payment, Payment) and isinstance(expired, bool)
    payment = Payment.objects.get(order=order)
    assert payment.applied_at is not None
    assert order.status == OrderStatus.PAID
    assert not Refund.objects.filter(order=order).exists()
    if expired:
        assert payment.is_late and order.needs_attention
        assert "Laattijdige betaling aanvaard" in order.attention_reason
        return "expire first"
    assert not payment.is_late and not order.needs_attention
    return "pay first"


def test_payment_against_expiry_of_a_room_order(instant_room, alice, far_day):
    bookings = instant_bookings(instant_room, alice, far_day, ROUNDS)
    past_expiry([b.order_id for b in bookings])

    outcomes = race(
        ROUNDS,
        lambda n: pay(bookings[n].order_id, f"room-{n}"),
        lambda n: payment_services.expire_order(order_id=bookings[n].order_id),
    )

    assert unexpected(outcomes) == []  # no deadlock, no error of any kind
    seen = set()
    for booking, (payment, expired) in zip(bookings, outcomes, strict=True):
        booking.refresh_from_db()
        seen.add(check_pair(Order.objects.get(pk=booking.order_id), payment, expired))
        assert booking.state == BookingState.CONFIRMED
        assert booking.allocation.state == AllocationState.CONFIRMED
    assert seen == {"pay first", "expire first"}
    assert Payment.objects.count() == ROUNDS
    confirmed = Allocation.objects.filter(resource=instant_room.resource, state=AllocationState.CONFIRMED)
    assert confirmed.count() == Booking.objects.filter(state=BookingState.CONFIRMED).count() == ROUNDS


def test_payment_against_expiry_of_a_loan_order(alice, chairs, saturday):
    pickup, back = saturday
    chairs.auto_approve_up_to = 5
    chairs.save(update_fields=["auto_approve_up_to"])
    loans = [lend(alice, chairs, 1, pickup, back) for _ in range(ROUNDS)]
    past_expiry([loan.order_id for loan in loans])

    outcomes = race(
        ROUNDS,
        lambda n: pay(loans[n].order_id, f"loan-{n}"),
        lambda n: payment_services.expire_order(order_id=loans[n].order_id),
    )

    assert unexpected(outcomes) == []
    seen = set()
    for loan, (payment, expired) in zip(loans, outcomes, strict=True):
        loan.refresh_from_db()
        seen.add(check_pair(Order.objects.get(pk=loan.order_id), payment, expired))
        assert loan.state == LoanState.PAID
        mine = Allocation.objects.filter(reference_id=str(loan.pk), resource=chairs.resource)
        assert mine.filter(state=AllocationState.CONFIRMED).count() == 1  # re-claimed once after expiry
    assert seen == {"pay first", "expire first"}
    assert Payment.objects.count() == ROUNDS
    live = Allocation.objects.filter(resource=chairs.resource).exclude(state=AllocationState.RELEASED)
    assert live.aggregate(total=Sum("quantity"))["total"] == Loan.objects.filter(state=LoanState.PAID).count()
