"""The price of a loan: customer category and quote (shown before the customer commits)."""

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext as _

from accounts.categories import category_for_user
from payments.amounts import line_amounts, sum_amounts
from payments.errors import PaymentError
from payments.pricing import PriceRequest, Quote, QuoteLine, quote
from reservations.loans.errors import LoanError
from reservations.loans.models import (
    LoanItem,
    PriceUnit,
    loan_days,
)

HANDLER_KEY = "loans.loan"
ZERO = Decimal("0.00")

ItemQuantities = Sequence[tuple[LoanItem, int]]


def customer_category(*, user, association=None, municipality) -> str:
    """The customer category in the municipality that owns the depot: residents of that municipality pay
    the resident rate, an association is recognised only in its own municipality."""
    if association is not None:
        return str(association.customer_category(municipality=municipality))
    return category_for_user(user, municipality=municipality)


def quote_loan(
    *,
    lines: ItemQuantities,
    pickup_at: dt.datetime,
    return_at: dt.datetime,
    category: str,
    delivery_fee: Decimal = ZERO,
    line_target: models.Model | None = None,
) -> Quote:
    """The itemised price: one line per item (per piece, or per piece per started day), the delivery fee,
    and one VAT-free deposit line for the whole loan (deposit per piece × quantity)."""
    days = loan_days(pickup_at, return_at)
    requests = []
    for item, quantity in lines:
        if item.price_unit == PriceUnit.DAY:
            amount = Decimal(quantity * days)
            description = _("%(item)s (%(n)s stuks × %(days)s dagen)") % {
                "item": item.name,
                "n": quantity,
                "days": days,
            }
        else:
            amount = Decimal(quantity)
            description = _("%(item)s (%(n)s stuks)") % {"item": item.name, "n": quantity}
        requests.append(
            PriceRequest(
                target=item,
                unit=str(item.price_unit),
                quantity=amount,
                description=description,
                handler=HANDLER_KEY,
                line_target=line_target,
            )
        )
    try:
        offer = quote(items=requests, category=category)
    except PaymentError as error:
        raise LoanError(str(error.message), field="lines") from None
    extra: list[QuoteLine] = []
    if delivery_fee > 0:
        extra.append(_quote_line(_("Levering en ophaling"), delivery_fee, line_target))
    deposit = sum((item.deposit * quantity for item, quantity in lines), ZERO)
    if deposit > 0:
        extra.append(_quote_line(_("Waarborg"), deposit, line_target, is_deposit=True))
    all_lines = [line for line in offer.lines if not line.is_deposit] + extra
    return Quote(category=category, lines=all_lines, totals=sum_amounts([line.amounts for line in all_lines]))


def _quote_line(description: str, price: Decimal, target, *, is_deposit: bool = False) -> QuoteLine:
    return QuoteLine(
        description=description,
        quantity=Decimal("1"),
        unit_price=price,
        vat_rate=Decimal("0"),
        amounts=line_amounts(quantity=Decimal("1"), unit_price=price, vat_rate=Decimal("0")),
        handler=HANDLER_KEY,
        target=target,
        is_deposit=is_deposit,
    )
