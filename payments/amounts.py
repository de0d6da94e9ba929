"""Money arithmetic in one place: every amount is a Decimal euro rounded to the cent with ROUND_HALF_UP.

Prices are VAT-INCLUSIVE (as Belgian municipal price lists are). A line total is quantity x unit price,
rounded to the cent; the VAT inside it is total x rate / (100 + rate), rounded to the cent; the amount
excluding VAT is the difference. Order totals are sums of rounded line amounts, so
total == total_excl_vat + total_vat holds exactly, for every line and for the order.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal("100")


def to_cents(amount: Decimal) -> Decimal:
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def as_minor_units(amount: Decimal) -> int:
    """Euro to the integer cents payment providers want."""
    return int(to_cents(amount) * 100)


def from_minor_units(cents: int) -> Decimal:
    return to_cents(Decimal(cents) / 100)


@dataclass(frozen=True)
class LineAmounts:
    total: Decimal
    vat: Decimal
    total_excl_vat: Decimal


def line_amounts(*, quantity: Decimal, unit_price: Decimal, vat_rate: Decimal) -> LineAmounts:
    total = to_cents(Decimal(quantity) * Decimal(unit_price))
    rate = Decimal(vat_rate)
    vat = to_cents(total * rate / (HUNDRED + rate)) if rate else Decimal("0.00")
    return LineAmounts(total=total, vat=vat, total_excl_vat=total - vat)


def sum_amounts(parts: list[LineAmounts]) -> LineAmounts:
    zero = Decimal("0.00")
    return LineAmounts(
        total=sum((p.total for p in parts), zero),
        vat=sum((p.vat for p in parts), zero),
        total_excl_vat=sum((p.total_excl_vat for p in parts), zero),
    )
