import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from payments import services, tasks
from payments.models import Order, OrderStatus

pytestmark = pytest.mark.django_db


def test_periodic_task_expires_orders_whose_hold_ended(alice, make_order, hall_handler):
    order = make_order(user=alice, hold_minutes=1)
    Order.objects.filter(pk=order.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert tasks.expire_unpaid_orders.delay().get() == 1
    order.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED
    assert len(hall_handler.events("expired")) == 1


def test_bank_transfer_customer_gets_instructions_then_one_reminder(
    alice, make_order, django_capture_on_commit_callbacks
):
    order = make_order(user=alice)
    with django_capture_on_commit_callbacks(execute=True):
        services.start_payment(order=order, provider="bank_transfer", return_url="/")
    order.refresh_from_db()
    assert order.formatted_reference in mail.outbox[0].body
    assert order.expires_at.date() > order.due_date  # places stay held until the statement can arrive

    near_due = order.due_date - datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_payment_reminders(today=near_due) == 1
        assert services.send_payment_reminders(today=near_due) == 0
    assert len(mail.outbox) == 2
    assert "Herinnering" in mail.outbox[1].subject
    assert "120" in mail.outbox[1].body and Decimal("120") == order.balance_due()


def test_expired_order_cannot_start_a_payment(alice, make_order):
    from payments.errors import PaymentError

    order = make_order(user=alice)
    Order.objects.filter(pk=order.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    with pytest.raises(PaymentError):
        services.start_payment(order=order, provider="bank_transfer", return_url="/")
