"""start_payment never holds a row lock (or a transaction) while Stripe answers.

The loopback Stripe calls ON_SESSION_CREATE hooks while it handles the Checkout Session request, i.e.
while our code waits on the HTTP call; the hooks look at the database from a second connection.
"""

import datetime
from decimal import Decimal

import pytest
import stripe
from django.db import OperationalError, connections, transaction
from django.urls import reverse

from payments import services
from payments.errors import PaymentError
from payments.models import OrderStatus, PaymentAttempt
from payments.providers.stripe_checkout import StripeProvider
from payments.services.common import lock_order
from tests.payments import loopback_stripe

RETURN_URL = "http://testserver/terug/"


@pytest.fixture
def while_stripe_answers():
    """Register a hook that runs inside the Checkout Session request; returns what each call gave."""
    results: list = []

    def register(hook):
        loopback_stripe.ON_SESSION_CREATE.append(lambda data: results.append(hook(data)))
        return results

    yield register
    loopback_stripe.ON_SESSION_CREATE.clear()


def probe_order_row(order_id: int):
    """From a second connection: can the order row be locked right now, and what attempts exist?"""
    probe = connections.create_connection("default")
    try:
        with probe.cursor() as cursor:
            cursor.execute("SELECT id FROM payments_order WHERE id = %s FOR UPDATE NOWAIT", [order_id])
            cursor.execute("SELECT status FROM payments_paymentattempt WHERE order_id = %s", [order_id])
            return "free", [row[0] for row in cursor.fetchall()]
    except OperationalError as exc:
        return "locked", str(exc)
    finally:
        probe.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_order_row_is_not_locked_while_stripe_creates_the_session(
    alice, make_order, stripe_settings, while_stripe_answers
):
    order = make_order(user=alice)
    seen = while_stripe_answers(lambda data: probe_order_row(order.pk))

    start = services.start_payment(order=order, provider="stripe", return_url=RETURN_URL)

    assert seen == [("free", ["starting"])]  # the intent was committed before the call
    attempt = order.attempts.get()
    assert attempt.status == PaymentAttempt.Status.OPEN
    assert start.redirect_url == attempt.redirect_url and attempt.external_id
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING and order.provider == "stripe"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_control_the_probe_does_see_a_held_lock(alice, make_order):
    order = make_order(user=alice)
    with transaction.atomic():
        lock_order(order.pk)
        state, message = probe_order_row(order.pk)
    assert state == "locked" and "could not obtain lock" in message
    assert probe_order_row(order.pk)[0] == "free"


@pytest.mark.django_db(transaction=True)
def test_no_transaction_is_open_while_stripe_creates_the_session(
    alice, make_order, stripe_settings, while_stripe_answers
):
    order = make_order(user=alice)
    ours = connections["default"]  # this thread's connection, read from the loopback server's thread
    seen = while_stripe_answers(lambda data: ours.in_atomic_block)

    services.start_payment(order=order, provider="stripe", return_url=RETURN_URL)

    assert seen == [False]
    assert order.attempts.get().status == PaymentAttempt.Status.OPEN


@pytest.mark.django_db
def test_start_payment_with_stripe_refuses_to_run_inside_a_callers_transaction(
    alice, make_order, stripe_settings
):
    order = make_order(user=alice)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.start_payment(order=order, provider="stripe", return_url=RETURN_URL)
    with transaction.atomic():  # bank transfer makes no HTTP call: fine inside a transaction
        services.start_payment(order=order, provider="bank_transfer", return_url=RETURN_URL)


def meanwhile(monkeypatch, what):
    """Run ``what(order)`` right after Stripe answered, before the session is stored."""
    original = StripeProvider.start

    def start(self, *, order, **kwargs):
        result = original(self, order=order, **kwargs)
        what(order)
        return result

    monkeypatch.setattr(StripeProvider, "start", start)


def session_status(attempt: PaymentAttempt) -> str:
    return stripe.checkout.Session.retrieve(attempt.external_id, api_key="sk_test_dorpsplein").status


@pytest.mark.django_db
def test_order_paid_meanwhile_the_session_is_expired_and_the_customer_told(
    client, alice, clerk, make_order, stripe_settings, monkeypatch
):
    order = make_order(user=alice)
    meanwhile(
        monkeypatch,
        lambda o: services.record_counter_payment(
            order=o, amount=Decimal("120.00"), method="cash", staff=clerk
        ),
    )

    with pytest.raises(PaymentError) as caught:
        services.start_payment(order=order, provider="stripe", return_url=RETURN_URL)

    assert caught.value.code == "already_paid"
    attempt = order.attempts.get()
    assert attempt.status == PaymentAttempt.Status.ABANDONED
    assert session_status(attempt) == "expired"
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID and order.provider == ""


@pytest.mark.django_db
def test_order_expired_meanwhile_gives_a_clear_message_on_the_choice_page(
    client, alice, make_order, stripe_settings, monkeypatch
):
    order = make_order(user=alice)
    meanwhile(
        monkeypatch,
        lambda o: services.expire_order(order_id=o.pk, now=o.expires_at + datetime.timedelta(seconds=1)),
    )
    client.force_login(alice)

    page = client.post(reverse("payments:choose", args=[order.number]), {"provider": "stripe"})

    assert page.status_code == 200
    assert "Deze bestelling is vervallen of geannuleerd." in page.content.decode()
    attempt = order.attempts.get()
    assert attempt.status == PaymentAttempt.Status.ABANDONED
    assert session_status(attempt) == "expired"
    order.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED


@pytest.mark.django_db
def test_amount_changed_meanwhile_the_session_is_not_used(
    alice, clerk, make_order, stripe_settings, monkeypatch
):
    order = make_order(user=alice)
    meanwhile(
        monkeypatch,
        lambda o: services.record_counter_payment(
            order=o, amount=Decimal("20.00"), method="cash", staff=clerk
        ),
    )

    with pytest.raises(PaymentError) as caught:
        services.start_payment(order=order, provider="stripe", return_url=RETURN_URL)

    assert caught.value.code == "amount_changed"
    assert order.attempts.get().status == PaymentAttempt.Status.ABANDONED


@pytest.mark.django_db
def test_each_attempt_has_its_own_idempotency_key(alice, make_order, stripe_settings, monkeypatch):
    keys = []
    original = stripe.checkout.Session.create

    def create(**params):
        keys.append(params["idempotency_key"])
        return original(**params)

    monkeypatch.setattr(stripe.checkout.Session, "create", create)
    order = make_order(user=alice)
    services.start_payment(order=order, provider="stripe", return_url=RETURN_URL)
    services.start_payment(order=order, provider="stripe", return_url=RETURN_URL)

    attempts = list(order.attempts.order_by("pk"))
    assert keys == [f"attempt-{a.pk}" for a in attempts]
    assert len({a.external_id for a in attempts}) == 2


@pytest.mark.django_db(transaction=True)
def test_a_stripe_refund_is_sent_after_commit_with_no_lock_held(
    client, alice, make_order, stripe_settings, monkeypatch
):
    from tests.payments.test_stripe_checkout import completed_event, customer_pays, deliver

    order = make_order(user=alice)
    services.start_payment(order=order, provider="stripe", return_url=RETURN_URL)
    paid = customer_pays(order.attempts.get().external_id)
    assert deliver(client, completed_event(paid, "evt_paid_for_refund")).status_code == 200
    ours = connections["default"]
    seen = []
    original = stripe.Refund.create

    def create(**params):
        seen.append(ours.in_atomic_block)
        if ours.vendor == "postgresql":
            seen.append(probe_order_row(order.pk)[0])
        return original(**params)

    monkeypatch.setattr(stripe.Refund, "create", create)

    services.refund_order(order=order, amount=Decimal("30.00"), reason="Annulatie 25 %")

    assert seen[0] is False and seen[1:] in ([], ["free"])
    assert order.refunds.get().status == "succeeded"
