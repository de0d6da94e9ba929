"""The webhook endpoint: signed, stored, each event once, any order, one payment per PaymentIntent."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from payments import services
from payments.models import OrderStatus, Payment, WebhookEvent
from tests.payments.test_stripe_checkout import WEBHOOK_SECRET, deliver


@pytest.fixture
def webhook_settings(settings):
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_SECRET_KEY = "sk_test_dorpsplein"
    return settings


def paid_session_event(order, *, event_id: str, event_type: str = "checkout.session.completed") -> dict:
    return {
        "id": event_id,
        "object": "event",
        "type": event_type,
        "data": {
            "object": {
                "id": "cs_test_abc",
                "object": "checkout.session",
                "payment_status": "paid",
                "payment_intent": "pi_test_123",
                "amount_total": int(order.total * 100),
                "metadata": {"order_id": str(order.pk), "order_number": order.number},
            }
        },
    }


@pytest.mark.django_db
def test_same_webhook_three_times_and_out_of_order_records_one_payment(
    client, alice, make_order, hall_handler, webhook_settings
):
    order = make_order(user=alice)
    completed = paid_session_event(order, event_id="evt_completed")
    async_succeeded = paid_session_event(
        order, event_id="evt_async", event_type="checkout.session.async_payment_succeeded"
    )
    expired_later = {**paid_session_event(order, event_id="evt_expired"), "type": "checkout.session.expired"}

    for event in (async_succeeded, completed, expired_later, completed, async_succeeded, completed):
        assert deliver(client, event).status_code == 200

    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert Payment.objects.filter(order=order).count() == 1
    assert len(hall_handler.events("paid")) == 1
    assert WebhookEvent.objects.get(event_id="evt_completed").delivery_count == 3
    assert WebhookEvent.objects.count() == 3


@pytest.mark.django_db
def test_bad_signature_gets_400_and_changes_nothing(client, alice, make_order, webhook_settings):
    order = make_order(user=alice)
    response = deliver(client, paid_session_event(order, event_id="evt_forged"), secret="whsec_wrong")

    assert response.status_code == 400
    assert not WebhookEvent.objects.exists()
    order.refresh_from_db()
    assert order.status == OrderStatus.OPEN
    assert not order.payments.exists()


@pytest.mark.django_db
def test_missing_signature_and_garbage_get_400(client, webhook_settings):
    url = reverse("payments:stripe_webhook")
    assert client.post(url, data="{}", content_type="application/json").status_code == 400
    assert client.get(url).status_code == 405


@pytest.mark.django_db
def test_event_for_unknown_order_is_stored_and_answered_200(client, alice, make_order, webhook_settings):
    order = make_order(user=alice)
    event = paid_session_event(order, event_id="evt_unknown")
    event["data"]["object"]["metadata"] = {"order_id": "999999"}
    assert deliver(client, event).status_code == 200
    assert WebhookEvent.objects.get(event_id="evt_unknown").processed_at is not None


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_payment_notifications_record_one_payment(
    alice, make_order, hall_handler, webhook_settings
):
    order = make_order(user=alice)
    barrier = threading.Barrier(20)
    statuses = []

    def notify(number: int) -> None:
        try:
            # half are the very same event re-delivered, half are other events about the same payment
            event_id = "evt_same" if number % 2 else f"evt_other_{number}"
            barrier.wait(timeout=10)
            statuses.append(deliver(Client(), paid_session_event(order, event_id=event_id)).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=notify, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [200] * 20
    assert Payment.objects.filter(order=order).count() == 1
    assert len(hall_handler.events("paid")) == 1
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_counter_and_service_calls_book_once(alice, make_order, hall_handler):
    order = make_order(user=alice)
    barrier = threading.Barrier(20)

    def book() -> None:
        try:
            barrier.wait(timeout=10)
            services.record_payment(
                order_id=order.pk, provider="stripe", amount=order.total, method="online", reference="pi_same"
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=book) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Payment.objects.filter(order=order).count() == 1
    assert len(hall_handler.events("paid")) == 1


@pytest.mark.django_db
def test_failed_stripe_refund_is_shown_to_staff(client, alice, make_order, webhook_settings):
    order = make_order(user=alice)
    deliver(client, paid_session_event(order, event_id="evt_paid"))
    refund = services.refund_order(order=order, reason="Annulatie")[0]  # task not run: still pending
    event = {
        "id": "evt_refund_failed",
        "type": "refund.failed",
        "data": {"object": {"id": "re_123", "status": "failed", "metadata": {"refund_id": str(refund.pk)}}},
    }
    assert deliver(client, event).status_code == 200
    refund.refresh_from_db()
    order.refresh_from_db()
    assert refund.status == "failed"
    assert order.needs_attention


@pytest.mark.django_db
def test_a_session_whose_order_id_is_not_a_plain_number_finds_no_order():
    """"²".isdigit() is true and int("²") fails: such metadata must mean "unknown order", not a 500."""
    from payments.webhooks import order_for_session

    assert order_for_session({"id": "cs_unknown", "metadata": {"order_id": "²"}}) is None
