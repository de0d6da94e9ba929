"""Payment first: money that reaches the system is stored before any handler runs, and stays on the books
when a handler cannot confirm (docs/locking.md)."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.db import OperationalError
from django.urls import reverse

from calendars.errors import HoldExpiredError
from payments import services
from payments.models import OrderStatus, Payment, Refund

pytestmark = pytest.mark.django_db


def pay(order, reference="coda:test:42"):
    return services.record_payment(
        order_id=order.pk,
        provider="bank_transfer",
        amount=order.total,
        method=Payment.Method.TRANSFER,
        reference=reference,
    )


def test_a_handler_that_cannot_confirm_keeps_the_money_flags_the_order_and_proposes_a_refund(
    alice, make_order, hall_handler, monkeypatch, django_capture_on_commit_callbacks
):
    order = make_order(user=alice)

    def sold_out(*, order, lines):
        raise HoldExpiredError()

    monkeypatch.setattr(hall_handler, "on_paid", sold_out)
    with django_capture_on_commit_callbacks(execute=True):
        payment = pay(order)

    order.refresh_from_db()
    assert Payment.objects.get() == payment and payment.applied_at is not None
    assert order.status == OrderStatus.OPEN  # not paid: nothing was confirmed
    assert order.needs_attention and "terugbetaling is voorgesteld" in order.attention_reason
    refund = Refund.objects.get()
    assert refund.status == Refund.Status.PROPOSED and refund.amount == Decimal("120.00")
    assert [m.to for m in mail.outbox] == [[alice.email]]
    assert "konden ze niet bevestigen" in mail.outbox[0].subject


def test_the_same_payment_reported_twice_is_booked_and_applied_once(alice, make_order, hall_handler):
    order = make_order(user=alice)
    first = pay(order)
    second = pay(order)
    assert first == second and Payment.objects.count() == 1
    assert len(hall_handler.events("paid")) == 1


def test_a_lock_timeout_while_applying_leaves_the_payment_stored_for_the_retry_task(
    alice, make_order, hall_handler, monkeypatch
):
    order = make_order(user=alice)
    real_on_paid = hall_handler.on_paid

    def database_trouble(*, order, lines):
        raise OperationalError("canceling statement due to lock timeout")

    monkeypatch.setattr(hall_handler, "on_paid", database_trouble)
    with pytest.raises(OperationalError):
        pay(order)
    payment = Payment.objects.get()
    assert payment.applied_at is None and not Refund.objects.exists()

    monkeypatch.setattr(hall_handler, "on_paid", real_on_paid)
    assert services.apply_pending_payments() == 1
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID and Payment.objects.get().applied_at is not None
    assert services.apply_pending_payments() == 0


def test_staff_confirm_a_proposed_refund_once(alice, clerk, make_order, hall_handler, monkeypatch, client):
    order = make_order(user=alice)
    def sold_out(*, order, lines):
        raise HoldExpiredError()

    monkeypatch.setattr(hall_handler, "on_paid", sold_out)
    pay(order)
    refund = Refund.objects.get()
    clerk.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="payments"),
    )
    client.force_login(clerk)
    url = reverse("payments_admin:order", args=[order.pk])
    page = client.get(url).content.decode()
    assert "Terugbetaling bevestigen" in page

    confirm = {"action": "confirm_refund", "refund": refund.pk, "iban": "BE62 5100 0754 7061"}
    response = client.post(url, confirm)
    assert response.status_code == 302
    refund.refresh_from_db()
    assert refund.status == Refund.Status.PENDING and refund.iban == "BE62510007547061"

    client.post(url, {"action": "confirm_refund", "refund": refund.pk})
    refund.refresh_from_db()
    assert refund.status == Refund.Status.PENDING  # the second click changes nothing
    assert client.post(url, {"action": "confirm_refund", "refund": "²"}).status_code == 404
