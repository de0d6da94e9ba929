from decimal import Decimal

import pytest

from payments import services
from payments.errors import PaymentError
from payments.models import Deposit, OrderStatus, Payment, Refund
from payments.services import LineSpec
from tests.accounts.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_partial_then_full_refund_moves_order_state_and_tells_handler(alice, clerk, make_order, hall_handler):
    order = make_order(user=alice)
    services.record_counter_payment(
        order=order, amount=Decimal("120"), method=Payment.Method.CASH, staff=clerk
    )

    services.refund_order(order=order, amount=Decimal("30"), reason="Annulatie 25 %", by=clerk)
    order.refresh_from_db()
    assert order.status == OrderStatus.PARTIALLY_REFUNDED
    services.refund_order(order=order, reason="Rest", by=clerk)
    order.refresh_from_db()
    assert order.status == OrderStatus.REFUNDED
    assert order.amount_refunded() == Decimal("120.00")
    assert len(hall_handler.events("refunded")) == 2
    with pytest.raises(PaymentError):
        services.refund_order(order=order, reason="Nog eens", by=clerk)


def test_bank_transfer_refund_needs_a_valid_iban(alice, make_order):
    order = make_order(user=alice)
    services.record_payment(
        order_id=order.pk, provider="bank_transfer", amount=Decimal("120"), method="transfer", reference="k1"
    )
    with pytest.raises(PaymentError) as error:
        services.refund_order(order=order, reason="Annulatie", iban="BE00 1234 5678 9012")
    assert error.value.field == "iban"
    assert not Refund.objects.exists()
    refund = services.refund_order(order=order, reason="Annulatie", iban="BE62 5100 0754 7061")[0]
    assert refund.status == Refund.Status.PENDING
    services.complete_refund(refund=refund)
    refund.refresh_from_db()
    assert refund.status == Refund.Status.SUCCEEDED


def test_deposit_is_held_then_partly_retained_with_reason(alice, clerk, hall, hall_handler):
    order = services.create_order(
        municipality=MunicipalityFactory(),
        lines=[
            LineSpec(
                description="Feestzaal",
                unit_price=Decimal("200"),
                vat_rate=Decimal("21"),
                handler="tests.hall",
            ),
            LineSpec(
                description="Waarborg", unit_price=Decimal("150"), handler="tests.hall", is_deposit=True
            ),
        ],
        user=alice,
    )
    services.record_counter_payment(
        order=order, amount=Decimal("350"), method=Payment.Method.CASH, staff=clerk
    )
    deposit = Deposit.objects.get(order=order)
    assert deposit.status == Deposit.Status.HELD and deposit.amount == Decimal("150.00")

    with pytest.raises(PaymentError) as error:
        services.settle_deposit(deposit=deposit, retained_amount=Decimal("40"), by=clerk)
    assert error.value.field == "reason"

    services.settle_deposit(
        deposit=deposit, retained_amount=Decimal("40"), reason="Vlek op de vloer", by=clerk
    )
    deposit.refresh_from_db()
    assert deposit.status == Deposit.Status.PARTLY_RETAINED
    assert Refund.objects.get(order=order).amount == Decimal("110.00")


def test_refunding_one_line_of_a_mixed_basket_tells_only_its_app(
    alice, clerk, hall, hall_handler, loan_handler
):
    order = services.create_order(
        municipality=MunicipalityFactory(),
        lines=[
            LineSpec(description="Zaal", unit_price=Decimal("80"), handler="tests.hall", target=hall),
            LineSpec(
                description="Tafels", unit_price=Decimal("2.50"), quantity=Decimal("10"), handler="tests.loan"
            ),
        ],
        user=alice,
    )
    services.record_counter_payment(
        order=order, amount=Decimal("105"), method=Payment.Method.CASH, staff=clerk
    )
    tables = order.lines.get(handler="tests.loan")

    refunds = services.refund_order(order=order, lines=[tables], reason="Tafels niet nodig", by=clerk)

    assert sum(r.amount for r in refunds) == Decimal("25.00")
    assert len(loan_handler.events("refunded")) == 1
    assert hall_handler.events("refunded") == []
    order.refresh_from_db()
    assert order.status == OrderStatus.PARTIALLY_REFUNDED
