"""Late money on gone capacity: the order expired, someone else took the room or the stock, and then the
money arrives (counter, bank transfer, Stripe webhook); or a handler cannot confirm. Whatever happens the
payment row exists, the order is flagged with a reason, a refund is made or proposed, the other
customer's booking is untouched and the payer gets an e-mail. Runs on SQLite and on PostgreSQL."""

import datetime as dt
import json

import pytest
import stripe
from django.db.models import Sum

from calendars.errors import AllocationError
from calendars.models import Allocation, AllocationState
from payments import services as payment_services
from payments import tasks as payment_tasks
from payments.models import Order, OrderStatus, Payment, Refund, WebhookEvent
from payments.webhooks import receive_stripe_webhook
from reservations.loans.models import Loan, LoanState
from reservations.rooms import services as room_services
from reservations.rooms.handlers import BookingPaymentHandler
from reservations.rooms.models import Booking, BookingState
from tests.cross.test_cancel_vs_pay import instant_bookings, lend
from tests.payments.test_stripe_webhook import paid_session_event

pytestmark = pytest.mark.django_db

NOT_CONFIRMED = "We ontvingen je betaling voor"


def expire(order: Order) -> None:
    assert payment_services.expire_order(order_id=order.pk, now=order.expires_at + dt.timedelta(seconds=1))


@pytest.fixture
def room_taken_after_expiry(instant_room, alice, bob, far_day):
    (first,) = instant_bookings(instant_room, alice, far_day, 1)
    expire(first.order)
    (second,) = instant_bookings(instant_room, bob, far_day, 1)
    assert second.state == BookingState.AWAITING_PAYMENT
    return first, second


def assert_second_untouched(second: Booking) -> None:
    second.refresh_from_db()
    assert second.state == BookingState.AWAITING_PAYMENT
    assert second.allocation.state == AllocationState.HELD
    assert not Payment.objects.filter(order=second.order).exists()


def assert_late_money_kept(order: Order, *, refund_status: str) -> Refund:
    order.refresh_from_db()
    payment = Payment.objects.get(order=order)
    assert payment.is_late and payment.applied_at is not None
    assert order.status == OrderStatus.EXPIRED
    assert order.needs_attention and "Laattijdige betaling" in order.attention_reason
    refund = Refund.objects.get(order=order)
    assert refund.is_automatic and refund.amount == payment.amount and refund.status == refund_status
    return refund


def test_late_bank_transfer_for_a_room_someone_else_took(
    room_taken_after_expiry, alice, mailoutbox, django_capture_on_commit_callbacks
):
    first, second = room_taken_after_expiry
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        payment_services.record_payment(
            order_id=first.order_id,
            provider="bank_transfer",
            amount=first.order.total,
            method=Payment.Method.TRANSFER,
            reference="coda:2027:1",
            refund_iban="BE71 0961 2345 6769",
        )
    refund = assert_late_money_kept(first.order, refund_status=Refund.Status.PENDING)  # staff transfer it
    assert refund.iban == "BE71096123456769"
    assert Booking.objects.get(pk=first.pk).state == BookingState.EXPIRED
    assert_second_untouched(second)
    assert [m.to for m in mailoutbox] == [[alice.email]]
    assert NOT_CONFIRMED in mailoutbox[0].subject


def test_late_stripe_payment_for_a_room_someone_else_took_through_the_webhook(
    room_taken_after_expiry, alice, settings, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    settings.STRIPE_WEBHOOK_SECRET = "whsec_cross"
    settings.STRIPE_SECRET_KEY = "sk_test_cross"
    executed: list[int] = []
    monkeypatch.setattr(payment_tasks.execute_refund, "delay", executed.append)  # no call to Stripe here
    first, second = room_taken_after_expiry
    payload = json.dumps(paid_session_event(first.order, event_id="evt_late"))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        receive_stripe_webhook(
            payload=payload.encode(),
            signature=stripe.WebhookSignature.generate_signature_header(payload, "whsec_cross"),
        )
    refund = assert_late_money_kept(first.order, refund_status=Refund.Status.PENDING)
    assert executed == [refund.pk]  # the refund goes back through Stripe automatically
    assert WebhookEvent.objects.get(event_id="evt_late").processed_at is not None
    assert_second_untouched(second)
    assert [m.to for m in mailoutbox] == [[alice.email]]


def test_late_counter_payment_for_a_loan_whose_stock_was_taken(
    alice, bob, tents, saturday, mailoutbox, django_capture_on_commit_callbacks
):
    pickup, back = saturday
    tents.auto_approve_up_to = 4
    tents.save(update_fields=["auto_approve_up_to"])
    first = lend(alice, tents, 4, pickup, back)
    expire(first.order)
    second = lend(bob, tents, 4, pickup, back)
    assert second.state == LoanState.AWAITING_PAYMENT
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        payment_services.record_payment(
            order_id=first.order_id,
            provider="counter",
            amount=first.order.total,
            method=Payment.Method.CASH,
            reference="kassa-1",
        )
    assert_late_money_kept(first.order, refund_status=Refund.Status.SUCCEEDED)  # cash handed back
    assert Loan.objects.get(pk=first.pk).state == LoanState.EXPIRED
    second.refresh_from_db()
    assert second.state == LoanState.AWAITING_PAYMENT
    live = Allocation.objects.filter(resource=tents.resource).exclude(state=AllocationState.RELEASED)
    assert live.aggregate(total=Sum("quantity"))["total"] == 4 == tents.stock
    assert set(live.values_list("reference_id", flat=True)) == {str(second.pk)}
    assert [m.to for m in mailoutbox] == [[alice.email]]


def test_a_handler_that_cannot_confirm_keeps_the_money_and_proposes_a_refund(
    instant_room, alice, far_day, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    (booking,) = instant_bookings(instant_room, alice, far_day, 1)

    def on_paid(self, *, order, lines):
        raise AllocationError("De zaal is intussen niet meer vrij.")

    monkeypatch.setattr(BookingPaymentHandler, "on_paid", on_paid)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        payment = payment_services.record_payment(
            order_id=booking.order_id,
            provider="counter",
            amount=booking.order.total,
            method=Payment.Method.CASH,
            reference="kassa-2",
        )
    assert Payment.objects.filter(pk=payment.pk, applied_at__isnull=False).exists()
    order = Order.objects.get(pk=booking.order_id)
    assert order.status == OrderStatus.OPEN  # the savepoint rolled "paid" back with the handler
    assert order.needs_attention and "Een terugbetaling is voorgesteld" in order.attention_reason
    assert "niet meer vrij" in order.attention_reason
    refund = Refund.objects.get(order=order)
    assert refund.status == Refund.Status.PROPOSED and refund.amount == payment.amount
    assert Booking.objects.get(pk=booking.pk).state == BookingState.AWAITING_PAYMENT
    assert [m.to for m in mailoutbox] == [[alice.email]]
    assert NOT_CONFIRMED in mailoutbox[0].subject
    room_services.cancel_booking(booking=booking, by=alice)  # the customer can still let the room go
