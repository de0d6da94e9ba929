"""Cancel against pay: the customer cancels while the money for the same order comes in.

Legal end states of one pair (room, with free cancellation four months ahead):
- cancel first: booking cancelled, order cancelled, the payment stored as late money, the order flagged
  and an automatic refund of the full amount (cash at the counter: executed at once);
- pay first: the booking was confirmed, then cancelled: order refunded by refund_order (not automatic).

Legal end states of one pair (loan, cancellable only before it is paid):
- cancel first: loan cancelled, order cancelled, late money flagged and refunded automatically;
- pay first: loan paid and its stock confirmed, the cancel refused with LoanError.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import Sum

from calendars.models import Allocation, AllocationState
from payments import services as payment_services
from payments.models import Order, OrderStatus, Payment, Refund
from reservations.loans import services as loan_services
from reservations.loans.errors import LoanError
from reservations.loans.models import Loan, LoanState
from reservations.rooms import services as room_services
from reservations.rooms.models import Booking, BookingState
from tests.cross.racing import is_deadlock, race, unexpected
from tests.payments.factories import check_out
from tests.reservations.rooms.conftest import local

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROUNDS = 50


def instant_bookings(room, customer, first_day, count):
    """Instant bookings, each checked out on its own (its own order), as the basket page does."""
    bookings = []
    for n in range(count):
        booking = room_services.request_booking(
            room=room,
            customer=customer,
            start=local(first_day + dt.timedelta(days=n), 14),
            end=local(first_day + dt.timedelta(days=n), 17),
            purpose="Feest",
            people=30,
        )
        check_out(booking)
        bookings.append(booking)
    return bookings


def lend(user, item, quantity, pickup, back):
    """An auto-approved online loan, checked out on its own."""
    loan = loan_services.request_loan(user=user, lines=[(item, quantity)], pickup_at=pickup, return_at=back)
    check_out(loan)
    return loan


def pay(order_id: int, reference: str) -> Payment:
    return payment_services.record_payment(
        order_id=order_id,
        provider="counter",
        amount=Order.objects.get(pk=order_id).total,
        method=Payment.Method.CASH,
        reference=reference,
    )


def allocated(resource) -> int:
    live = Allocation.objects.filter(resource=resource).exclude(state=AllocationState.RELEASED)
    return live.aggregate(total=Sum("quantity"))["total"] or 0


def test_cancel_booking_against_its_payment(instant_room, alice, far_day):
    bookings = instant_bookings(instant_room, alice, far_day, ROUNDS)

    outcomes = race(
        ROUNDS,
        lambda n: room_services.cancel_booking(booking=Booking.objects.get(pk=bookings[n].pk), by=alice),
        lambda n: pay(bookings[n].order_id, f"room-{n}"),
    )

    assert [o for o in sum(outcomes, []) if is_deadlock(o)] == []
    assert unexpected(outcomes) == []  # both always succeed: nothing to refuse in either order
    seen = set()
    for booking, (cancelled, payment) in zip(bookings, outcomes, strict=True):
        booking.refresh_from_db()
        order = Order.objects.get(pk=booking.order_id)
        assert isinstance(cancelled, Booking) and isinstance(payment, Payment)
        assert booking.state == BookingState.CANCELLED
        assert booking.allocation.state == AllocationState.RELEASED
        payment = Payment.objects.get(order=order)
        assert payment.applied_at is not None
        refund = Refund.objects.get(order=order)
        assert refund.amount == order.total and refund.status == Refund.Status.SUCCEEDED
        if order.status == OrderStatus.CANCELLED:
            seen.add("cancel first")
            assert payment.is_late and order.needs_attention and refund.is_automatic
        else:
            seen.add("pay first")
            assert order.status == OrderStatus.REFUNDED
            assert not payment.is_late and not refund.is_automatic
    assert seen == {"cancel first", "pay first"}
    assert allocated(instant_room.resource) == 0  # nothing confirmed is left
    assert Payment.objects.count() == ROUNDS


def test_cancel_loan_against_its_payment(alice, chairs, saturday):
    pickup, back = saturday
    chairs.auto_approve_up_to = 5
    chairs.save(update_fields=["auto_approve_up_to"])
    loans = [lend(alice, chairs, 1, pickup, back) for _ in range(ROUNDS)]
    assert {loan.state for loan in loans} == {LoanState.AWAITING_PAYMENT}

    outcomes = race(
        ROUNDS,
        lambda n: loan_services.cancel_loan(loan=Loan.objects.get(pk=loans[n].pk), by=alice),
        lambda n: pay(loans[n].order_id, f"loan-{n}"),
    )

    assert [o for o in sum(outcomes, []) if is_deadlock(o)] == []
    assert unexpected(outcomes, LoanError) == []
    seen = set()
    for loan, (cancelled, payment) in zip(loans, outcomes, strict=True):
        loan.refresh_from_db()
        order = Order.objects.get(pk=loan.order_id)
        assert isinstance(payment, Payment)
        payment = Payment.objects.get(order=order)
        assert payment.applied_at is not None
        mine = Allocation.objects.filter(reference_id=str(loan.pk), resource=chairs.resource)
        states = set(mine.values_list("state", flat=True))
        if isinstance(cancelled, LoanError):
            seen.add("pay first")
            assert cancelled.field == "state"
            assert loan.state == LoanState.PAID and order.status == OrderStatus.PAID
            assert not payment.is_late and not Refund.objects.filter(order=order).exists()
            assert states == {AllocationState.CONFIRMED}
        else:
            seen.add("cancel first")
            assert loan.state == LoanState.CANCELLED and order.status == OrderStatus.CANCELLED
            assert payment.is_late and order.needs_attention
            refund = Refund.objects.get(order=order)
            assert refund.is_automatic and refund.amount == order.total
            assert refund.status == Refund.Status.SUCCEEDED
            assert states == {AllocationState.RELEASED}
    assert seen == {"cancel first", "pay first"}
    paid = Loan.objects.filter(state=LoanState.PAID).count()
    assert allocated(chairs.resource) == paid  # one chair per paid loan, none for the cancelled ones
    assert Payment.objects.count() == ROUNDS
    assert Payment.objects.aggregate(total=Sum("amount"))["total"] == sum(
        (Order.objects.get(pk=loan.order_id).total for loan in loans), Decimal("0")
    )
