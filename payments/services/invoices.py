"""Invoices and credit notes: numbered from the locked counter row, immutable, e-mailed after commit.

Callers issue them as the last step of their transaction (after the order row and any feature rows are
locked and changed): the counter lock is shared by all invoices of a municipality (payments.numbering).
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from payments.amounts import LineAmounts, to_cents
from payments.errors import PaymentError
from payments.models import (
    DocumentSeries,
    Invoice,
    Order,
    OrderStatus,
)
from payments.models.orders import ZERO
from payments.numbering import take_next_number
from payments.services.common import lock_order


def _invoice_lines(order: Order) -> list[dict]:
    return [
        {
            "description": line.description,
            "quantity": str(line.quantity),
            "unit_price": str(line.unit_price),
            "vat_rate": str(line.vat_rate),
            "total": str(line.total),
            "vat": str(line.vat_amount),
            "total_excl_vat": str(line.total_excl_vat),
        }
        for line in order.lines.all()
    ]


def _issue_document(
    *, order: Order, kind: str, lines: list[dict], totals: LineAmounts, credits=None, reason=""
):
    """Everything is read first; the number is taken last, right before the insert (payments.numbering:
    the counter is the last lock of the transaction, so it is held as briefly as possible)."""
    now = timezone.now()
    year = timezone.localdate(now).year
    municipality = order.municipality
    snapshot = {
        "kind": kind,
        "municipality": municipality,
        "issuer_name": municipality.name,
        "issuer_address": municipality.address,
        "issuer_vat_number": municipality.vat_number,
        "issuer_iban": municipality.iban,
        "issuer_bic": municipality.bic,
        "year": year,
        "order": order,
        "credits": credits,
        "issued_at": now,
        "customer_name": order.customer_name,
        "customer_email": order.customer_email,
        "customer_address": order.billing_address,
        "customer_vat_number": order.billing_vat_number,
        "lines": lines,
        "total": totals.total,
        "total_vat": totals.vat,
        "total_excl_vat": totals.total_excl_vat,
        "structured_reference": order.structured_reference,
        "reason": reason,
    }
    prefix = "F" if kind == DocumentSeries.INVOICE else "C"
    sequence = take_next_number(series=kind, year=year, municipality=municipality)
    document = Invoice.objects.create(sequence=sequence, number=f"{prefix}{year}-{sequence:06d}", **snapshot)
    from payments import tasks

    document_id = document.pk
    transaction.on_commit(lambda: tasks.send_invoice.delay(document_id))
    return document


def issue_invoice_locked(order: Order) -> Invoice:
    totals = LineAmounts(total=order.total, vat=order.total_vat, total_excl_vat=order.total_excl_vat)
    return _issue_document(
        order=order, kind=DocumentSeries.INVOICE, lines=_invoice_lines(order), totals=totals
    )


@transaction.atomic
def issue_invoice(*, order: Order) -> Invoice:
    """Issue the invoice for an order (once); e-mailed to the customer after commit."""
    order = lock_order(order.pk)
    existing = order.invoices.filter(kind=DocumentSeries.INVOICE).first()
    if existing:
        return existing
    if order.status in (OrderStatus.EXPIRED, OrderStatus.CANCELLED):
        raise PaymentError(_("Voor een vervallen of geannuleerde bestelling maken we geen factuur."))
    return issue_invoice_locked(order)


def credit_invoice_if_any(order: Order, *, amount: Decimal, reason: str) -> None:
    invoice = order.invoices.filter(kind=DocumentSeries.INVOICE).first()
    if invoice is None:
        return
    # A refund is credited at the order's average VAT mix, line by line for a full refund.
    if amount == invoice.total:
        lines = [
            {
                **line,
                "total": f"-{line['total']}",
                "vat": f"-{line['vat']}",
                "total_excl_vat": f"-{line['total_excl_vat']}",
            }
            for line in invoice.lines
        ]
        totals = LineAmounts(
            total=-invoice.total, vat=-invoice.total_vat, total_excl_vat=-invoice.total_excl_vat
        )
    else:
        vat = to_cents(amount * invoice.total_vat / invoice.total) if invoice.total else ZERO
        lines = [
            {
                "description": _("Gedeeltelijke terugbetaling"),
                "quantity": "1",
                "unit_price": str(-amount),
                "vat_rate": "",
                "total": str(-amount),
                "vat": str(-vat),
                "total_excl_vat": str(-(amount - vat)),
            }
        ]
        totals = LineAmounts(total=-amount, vat=-vat, total_excl_vat=-(amount - vat))
    _issue_document(
        order=order,
        kind=DocumentSeries.CREDIT_NOTE,
        lines=lines,
        totals=totals,
        credits=invoice,
        reason=reason,
    )
