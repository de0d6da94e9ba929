import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from payments import services
from payments.codes import is_order_code
from payments.errors import PaymentError
from payments.models import OrderStatus, Payment
from payments.services import LineSpec
from payments.structured_reference import is_valid_reference
from tests.accounts.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_order_gets_random_code_reference_and_hold(alice, make_order, settings):
    settings.ORDER_HOLD_MINUTES = 30
    order = make_order(user=alice)

    assert is_order_code(order.number)
    assert is_valid_reference(order.structured_reference)
    assert order.status == OrderStatus.OPEN
    assert order.total == Decimal("120.00")
    assert order.total_vat == Decimal("20.83")
    assert order.total_excl_vat == Decimal("99.17")
    assert timezone.now() + datetime.timedelta(minutes=29) < order.expires_at
    assert order.billing_name == "Alice Peeters"
    assert make_order(user=alice).number != order.number


def test_one_basket_with_lines_of_two_apps_calls_each_app_once(
    alice, hall, hall_handler, loan_handler, clerk
):
    order = services.create_order(
        municipality=MunicipalityFactory(),
        lines=[
            LineSpec(description="Zaal", unit_price=Decimal("80"), handler="tests.hall", target=hall),
            LineSpec(
                description="Tafels", unit_price=Decimal("2.50"), quantity=Decimal("10"), handler="tests.loan"
            ),
            LineSpec(
                description="Stoelen",
                unit_price=Decimal("0.50"),
                quantity=Decimal("40"),
                handler="tests.loan",
            ),
        ],
        user=alice,
    )
    services.record_counter_payment(
        order=order, amount=Decimal("125.00"), method=Payment.Method.CASH, staff=clerk
    )

    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert len(hall_handler.events("paid")) == 1
    assert len(loan_handler.events("paid")) == 1
    assert len(loan_handler.events("paid")[0][2]) == 2  # both loan lines, in one call


def test_counter_payment_records_who_and_when(alice, clerk, make_order):
    order = make_order(user=alice)
    payment = services.record_counter_payment(
        order=order, amount=Decimal("120"), method=Payment.Method.CARD_TERMINAL, staff=clerk
    )
    assert payment.recorded_by == clerk
    assert payment.received_at is not None
    assert payment.order.channel == "online"


def test_only_staff_record_counter_payments(alice, bob, make_order):
    order = make_order(user=alice)
    with pytest.raises(PaymentError):
        services.record_counter_payment(
            order=order, amount=Decimal("120"), method=Payment.Method.CASH, staff=bob
        )


def test_free_order_completes_without_provider(alice, hall_handler, make_order):
    order = make_order(user=alice, price="0")
    assert order.status == OrderStatus.PAID
    assert order.payments.get().provider == "free"
    assert len(hall_handler.events("paid")) == 1


def test_unpaid_order_expires_once_and_handlers_release(alice, hall_handler, make_order):
    order = make_order(user=alice, hold_minutes=10)
    later = timezone.now() + datetime.timedelta(minutes=11)

    assert services.expire_unpaid_orders(now=later) == 1
    assert services.expire_unpaid_orders(now=later) == 0
    order.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED
    assert len(hall_handler.events("expired")) == 1


def test_cancel_order_tells_handler(alice, hall_handler, make_order):
    order = make_order(user=alice)
    services.cancel_order(order=order)
    services.cancel_order(order=order)
    assert len(hall_handler.events("cancelled")) == 1


def test_walk_in_needs_name_and_email(hall_handler):
    with pytest.raises(PaymentError) as error:
        services.create_order(
            municipality=MunicipalityFactory(),
            lines=[LineSpec(description="Ticket", unit_price=Decimal("5"))],
            walk_in_name="Jan",
        )
    assert error.value.field == "walk_in_email"


def test_unknown_handler_is_refused(alice):
    with pytest.raises(PaymentError):
        services.create_order(
            municipality=MunicipalityFactory(),
            lines=[LineSpec(description="X", unit_price=Decimal("5"), handler="nobody.registered")],
            user=alice,
        )


def test_partial_payment_is_flagged_and_order_stays_unpaid(alice, clerk, make_order):
    order = make_order(user=alice)
    services.record_counter_payment(
        order=order, amount=Decimal("50"), method=Payment.Method.CASH, staff=clerk
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.OPEN
    assert order.needs_attention
    assert order.balance_due() == Decimal("70.00")
