"""Itemised quotes from tariffs, shown to the customer before anything is held.

Tariff prices are VAT-inclusive; see payments.amounts for the rounding rules.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext as _

from payments.amounts import LineAmounts, line_amounts, sum_amounts
from payments.errors import PaymentError
from payments.models import Tariff
from payments.services import LineSpec


@dataclass(frozen=True)
class PriceRequest:
    """``quantity`` units (hours, days, pieces, tickets) of ``target`` priced per ``unit``."""

    target: models.Model
    unit: str
    quantity: Decimal = Decimal("1")
    description: str = ""
    handler: str = ""
    line_target: models.Model | None = None


@dataclass(frozen=True)
class QuoteLine:
    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_rate: Decimal
    amounts: LineAmounts
    handler: str = ""
    target: models.Model | None = None
    is_deposit: bool = False

    def as_line_spec(self) -> LineSpec:
        return LineSpec(
            description=self.description,
            quantity=self.quantity,
            unit_price=self.unit_price,
            vat_rate=self.vat_rate,
            handler=self.handler,
            target=self.target,
            is_deposit=self.is_deposit,
        )


@dataclass(frozen=True)
class Quote:
    category: str
    lines: list[QuoteLine]
    totals: LineAmounts

    @property
    def total(self) -> Decimal:
        return self.totals.total

    @property
    def deposit_total(self) -> Decimal:
        return sum((line.amounts.total for line in self.lines if line.is_deposit), Decimal("0.00"))

    def as_line_specs(self) -> list[LineSpec]:
        """Ready for services.create_order(lines=...)."""
        return [line.as_line_spec() for line in self.lines]


def find_tariff(*, target: models.Model, category: str, unit: str) -> Tariff:
    try:
        return Tariff.objects.get(
            target_content_type=ContentType.objects.get_for_model(target),
            target_object_id=target.pk,
            category=category,
            unit=unit,
        )
    except Tariff.DoesNotExist:
        raise PaymentError(
            _("Er is geen tarief voor %(target)s in deze categorie.") % {"target": target}, field="category"
        ) from None


def quote(*, items: Sequence[PriceRequest], category: str) -> Quote:
    """Price each request with the tariff for ``category``; deposits become their own VAT-free lines."""
    lines: list[QuoteLine] = []
    for item in items:
        if item.quantity <= 0:
            raise PaymentError(_("Het aantal moet groter dan nul zijn."), field="quantity")
        tariff = find_tariff(target=item.target, category=category, unit=item.unit)
        description = item.description or tariff.description or str(item.target)
        lines.append(
            QuoteLine(
                description=description,
                quantity=item.quantity,
                unit_price=tariff.price,
                vat_rate=tariff.vat_rate,
                amounts=line_amounts(
                    quantity=item.quantity, unit_price=tariff.price, vat_rate=tariff.vat_rate
                ),
                handler=item.handler,
                target=item.line_target or item.target,
            )
        )
        if tariff.deposit:
            lines.append(
                QuoteLine(
                    description=_("Waarborg %(what)s") % {"what": description},
                    quantity=Decimal("1"),
                    unit_price=tariff.deposit,
                    vat_rate=Decimal("0"),
                    amounts=line_amounts(
                        quantity=Decimal("1"), unit_price=tariff.deposit, vat_rate=Decimal("0")
                    ),
                    handler=item.handler,
                    target=item.line_target or item.target,
                    is_deposit=True,
                )
            )
    return Quote(category=category, lines=lines, totals=sum_amounts([line.amounts for line in lines]))
