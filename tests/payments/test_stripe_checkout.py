"""Stripe Checkout and refunds end to end against localstripe on loopback (plus the Checkout fake)."""

import datetime
import json
import time
from decimal import Decimal

import pytest
import stripe
from django.urls import reverse

from payments import services
from payments.models import OrderStatus, Refund, WebhookEvent
from tests.payments.conftest import WEBHOOK_SECRET


def deliver(client, event: dict, *, secret: str = WEBHOOK_SECRET):
    payload = json.dumps(event)
    header = stripe.WebhookSignature.generate_signature_header(payload, secret)
    return client.post(
        reverse("payments:stripe_webhook"),
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )


def customer_pays(session_id: str) -> dict:
    """What the hosted page does when the customer confirms: the PaymentIntent is confirmed in localstripe."""
    session = stripe.checkout.Session.retrieve(session_id, api_key="sk_test_dorpsplein")
    stripe.PaymentIntent.confirm(session.payment_intent, api_key="sk_test_dorpsplein")
    return stripe.checkout.Session.retrieve(session_id, api_key="sk_test_dorpsplein").to_dict()


def completed_event(session: dict, event_id: str) -> dict:
    return {
        "id": event_id,
        "object": "event",
        "type": "checkout.session.completed",
        "created": int(time.time()),
        "data": {"object": session},
    }


@pytest.mark.django_db
def test_checkout_payment_and_refund_end_to_end(
    client, alice, make_order, hall_handler, stripe_settings, django_capture_on_commit_callbacks
):
    alice.preferred_language = "en"
    alice.save()
    order = make_order(user=alice)
    client.force_login(alice)

    response = client.post(reverse("payments:choose", args=[order.number]), {"provider": "stripe"})
    assert response.status_code == 302
    attempt = order.attempts.get()
    assert response["Location"] == attempt.redirect_url
    assert response["Location"].startswith(stripe_settings.STRIPE_API_BASE)
    session = stripe.checkout.Session.retrieve(attempt.external_id, api_key="sk_test_dorpsplein")
    assert session.payment_method_types == ["card", "bancontact"]
    assert session.locale == "en"
    assert session.amount_total == 12000

    paid_session = customer_pays(attempt.external_id)
    assert deliver(client, completed_event(paid_session, "evt_paid_1")).status_code == 200

    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    payment = order.payments.get()
    assert payment.provider_reference == paid_session["payment_intent"]
    assert len(hall_handler.events("paid")) == 1

    with django_capture_on_commit_callbacks(execute=True):
        services.refund_order(order=order, amount=Decimal("30.00"), reason="Annulatie 25 %")
    refund = Refund.objects.get()
    assert refund.status == Refund.Status.SUCCEEDED
    remote = stripe.Refund.retrieve(refund.provider_reference, api_key="sk_test_dorpsplein")
    assert remote.amount == 3000 and remote.status == "succeeded"
    order.refresh_from_db()
    assert order.status == OrderStatus.PARTIALLY_REFUNDED


@pytest.mark.django_db
def test_return_page_confirms_before_the_webhook_arrives(
    client, alice, make_order, hall_handler, stripe_settings
):
    order = make_order(user=alice)
    client.force_login(alice)
    client.post(reverse("payments:choose", args=[order.number]), {"provider": "stripe"})
    session_id = order.attempts.get().external_id
    customer_pays(session_id)

    page = client.get(reverse("payments:stripe_return", args=[order.number]), {"session_id": session_id})

    assert "Bedankt, uw betaling is ontvangen." in page.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    # the webhook arriving afterwards books nothing more
    session = stripe.checkout.Session.retrieve(session_id, api_key="sk_test_dorpsplein").to_dict()
    assert deliver(client, completed_event(session, "evt_after_return")).status_code == 200
    assert order.payments.count() == 1
    assert len(hall_handler.events("paid")) == 1
    assert WebhookEvent.objects.get(event_id="evt_after_return").processed_at is not None


@pytest.mark.django_db
def test_stripe_money_for_an_expired_order_is_refunded_through_stripe(
    client, alice, make_order, hall_handler, stripe_settings, django_capture_on_commit_callbacks
):
    order = make_order(user=alice)
    start = services.start_payment(order=order, provider="stripe", return_url="http://testserver/terug/")
    session_id = order.attempts.get().external_id
    assert start.redirect_url.endswith(session_id)
    services.expire_unpaid_orders(now=order.expires_at + datetime.timedelta(seconds=1))
    hall_handler.late_ok = False  # the hall was given to someone else

    paid_session = customer_pays(session_id)
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver(client, completed_event(paid_session, "evt_late")).status_code == 200

    order.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED and order.needs_attention
    refund = Refund.objects.get(order=order)
    assert refund.is_automatic and refund.status == Refund.Status.SUCCEEDED
    remote = stripe.Refund.retrieve(refund.provider_reference, api_key="sk_test_dorpsplein")
    assert remote.amount == 12000 and remote.payment_intent == paid_session["payment_intent"]
    assert hall_handler.events("paid") == []


@pytest.mark.django_db
def test_stripe_unreachable_gives_a_message_and_keeps_the_order_open(client, alice, make_order, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_dorpsplein"
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens on the discard port
    settings.PAYMENT_PROVIDERS = ["stripe", "bank_transfer"]
    order = make_order(user=alice)
    client.force_login(alice)

    response = client.post(reverse("payments:choose", args=[order.number]), {"provider": "stripe"})

    assert response.status_code == 200
    assert "Online betalen lukt nu niet" in response.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.OPEN
    assert order.attempts.get().status == "failed"  # noted before the call, marked failed after it
    stripe.api_base = "https://api.stripe.com"
