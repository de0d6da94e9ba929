import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from payments import services
from payments.models import OrderStatus, Payment, Refund

pytestmark = pytest.mark.django_db


@pytest.fixture
def expired_order(alice, make_order):
    order = make_order(user=alice, hold_minutes=5)
    services.expire_unpaid_orders(now=timezone.now() + datetime.timedelta(minutes=6))
    order.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED
    return order


def test_late_money_is_honoured_when_the_app_can_still_confirm(expired_order, clerk, hall_handler):
    hall_handler.late_ok = True
    services.record_counter_payment(
        order=expired_order, amount=Decimal("120"), method=Payment.Method.CASH, staff=clerk
    )

    expired_order.refresh_from_db()
    assert expired_order.status == OrderStatus.PAID
    assert expired_order.needs_attention  # staff see it
    assert len(hall_handler.events("paid")) == 1
    assert expired_order.payments.get().is_late
    assert not Refund.objects.exists()


def test_late_money_is_refunded_when_the_place_is_gone(
    expired_order, clerk, hall_handler, django_capture_on_commit_callbacks
):
    hall_handler.late_ok = False
    with django_capture_on_commit_callbacks(execute=True):
        services.record_counter_payment(
            order=expired_order, amount=Decimal("120"), method=Payment.Method.CASH, staff=clerk
        )

    expired_order.refresh_from_db()
    assert expired_order.status == OrderStatus.EXPIRED
    assert expired_order.needs_attention
    assert hall_handler.events("paid") == []
    refund = Refund.objects.get()
    assert refund.amount == Decimal("120.00") and refund.is_automatic
    assert refund.status == Refund.Status.SUCCEEDED  # cash handed back at the counter


def test_late_bank_transfer_is_refunded_to_the_payers_iban(expired_order, hall_handler):
    hall_handler.late_ok = False
    services.record_payment(
        order_id=expired_order.pk,
        provider="bank_transfer",
        amount=Decimal("120"),
        method=Payment.Method.TRANSFER,
        reference="coda:test:1",
        refund_iban="BE62 5100 0754 7061",
    )
    refund = Refund.objects.get()
    assert refund.iban == "BE62510007547061"
    assert refund.status == Refund.Status.PENDING  # staff execute the transfer
