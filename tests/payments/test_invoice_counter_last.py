"""The invoice counter is the last lock of every transaction that issues an invoice or credit note."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from payments import services
from payments.models import DocumentSeries, Invoice
from tests.payments.lock_order_checks import locks_after_counter

pytestmark = pytest.mark.django_db


def test_issue_invoice_takes_the_number_after_the_order_and_then_only_inserts(alice, make_order):
    order = make_order(user=alice)
    with CaptureQueriesContext(connection) as queries:
        services.issue_invoice(order=order)
    assert locks_after_counter(queries.captured_queries) == []


def test_invoice_on_payment_comes_after_the_handlers(alice, clerk, make_order):
    order = make_order(user=alice, invoice=True)
    with CaptureQueriesContext(connection) as queries:
        services.record_counter_payment(order=order, amount=Decimal("120.00"), method="cash", staff=clerk)
    assert Invoice.objects.filter(order=order, kind=DocumentSeries.INVOICE).count() == 1
    assert locks_after_counter(queries.captured_queries) == []  # apply_payment marks the payment first


def test_credit_note_is_the_last_step_of_a_refund(alice, clerk, make_order):
    order = make_order(user=alice, invoice=True)
    services.record_counter_payment(order=order, amount=Decimal("120.00"), method="cash", staff=clerk)
    with CaptureQueriesContext(connection) as queries:
        services.refund_order(order=order, amount=Decimal("30.00"), reason="Annulatie", by=clerk)
    assert Invoice.objects.filter(order=order, kind=DocumentSeries.CREDIT_NOTE).count() == 1
    assert locks_after_counter(queries.captured_queries) == []


def test_the_check_sees_a_lock_taken_after_the_number(alice, make_order):
    """Control: a transaction that locks a row of another table after the number is reported."""
    from django.contrib.auth.models import Group
    from django.db import transaction

    order = make_order(user=alice)
    group = Group.objects.create(name="Balie")
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        services.issue_invoice(order=order)
        Group.objects.select_for_update().filter(pk=group.pk).update(name="Loket")
    assert len(locks_after_counter(queries.captured_queries)) == 1
