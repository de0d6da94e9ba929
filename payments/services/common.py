"""Helpers every payments service shares: the order lock, staff flags, handler calls, "paid"."""

import datetime
from collections.abc import Sequence

from django.utils.translation import gettext as _

from payments import registry
from payments.errors import PaymentError
from payments.models import (
    Deposit,
    DocumentSeries,
    Order,
    OrderLine,
    OrderStatus,
)


def lock_order(order_id: int) -> Order:
    try:
        return Order.objects.select_for_update().get(pk=order_id)
    except Order.DoesNotExist:
        raise PaymentError(_("Deze bestelling bestaat niet."), code="not_found") from None


def flag_order(order: Order, reason: str) -> None:
    order.needs_attention = True
    order.attention_reason = "\n".join(r for r in (order.attention_reason, reason) if r)
    order.save(update_fields=["needs_attention", "attention_reason", "updated_at"])


def notify_handlers(
    order: Order, event: str, *, only_lines: Sequence[OrderLine] | None = None, **kwargs
) -> None:
    """Call each handler once with its own lines (of ``only_lines`` when given)."""
    candidates = list(order.lines.all()) if only_lines is None else list(only_lines)
    for handler, own_lines in registry.lines_by_handler(candidates):
        getattr(handler, event)(order=order, lines=own_lines, **kwargs)


def mark_paid(order: Order, *, now: datetime.datetime) -> None:
    order.status = OrderStatus.PAID
    order.paid_at = now
    order.save(update_fields=["status", "paid_at", "updated_at"])
    for line in order.lines.filter(is_deposit=True):
        Deposit.objects.get_or_create(order=order, line=line, defaults={"amount": line.total})
    notify_handlers(order, "on_paid")
    if order.invoice_requested and not order.invoices.filter(kind=DocumentSeries.INVOICE).exists():
        from payments.services.invoices import issue_invoice_locked  # invoices imports this module

        issue_invoice_locked(order)
