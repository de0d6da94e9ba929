"""Helpers every payments service shares: the order lock, staff flags, handler calls, "paid"."""

import datetime
from collections.abc import Sequence

from django.db import models, transaction
from django.utils.translation import gettext as _

from calendars.locking import LockLevel, lock_resources, lock_row, lock_rows
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
    """The order row, at its place in the global lock order (after resources and feature rows)."""
    try:
        return lock_row(Order, order_id, level=LockLevel.ORDER)
    except Order.DoesNotExist:
        raise PaymentError(_("Deze bestelling bestaat niet."), code="not_found") from None


def targets_of_lines(lines: Sequence) -> registry.LockTargets:
    """Ask every handler what it will lock for its lines (order lines or basket lines)."""
    targets = registry.NOTHING_TO_LOCK
    for handler, own_lines in registry.lines_by_handler(list(lines)):
        hook = getattr(handler, "lock_targets", None)
        if hook is not None:
            targets = targets | hook(lines=own_lines)
    return targets


def lock_targets(targets: registry.LockTargets, *, resources: bool) -> None:
    """The first two levels of docs/locking.md: calendar resources (only when the change may claim
    capacity), then feature rows by model label, then pk."""
    if resources and targets.resource_ids:
        lock_resources(targets.resource_ids)
    by_model: dict[type[models.Model], set[int]] = {}
    for model, pk in targets.rows:
        by_model.setdefault(model, set()).add(pk)
    for model in sorted(by_model, key=lambda m: m._meta.label_lower):
        lock_rows(model, by_model[model], level=LockLevel.FEATURE)


def lock_targets_of(order_id: int, *, resources: bool) -> registry.LockTargets:
    """What the order's handlers will lock. Lines never change after the order is created, so reading
    them before any lock is safe."""
    targets = targets_of_lines(list(OrderLine.objects.filter(order_id=order_id).order_by("position", "pk")))
    return targets if resources else registry.LockTargets(rows=targets.rows)


def lock_order_and_targets(order_id: int, *, resources: bool = True) -> Order:
    """docs/locking.md in one call: the resources and feature rows the handlers name, then the order."""
    lock_targets(lock_targets_of(order_id, resources=resources), resources=resources)
    return lock_order(order_id)


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
    # Last: the invoice counter is the last lock of the transaction (payments.numbering).
    if order.invoice_requested and not order.invoices.filter(kind=DocumentSeries.INVOICE).exists():
        from payments.services.invoices import issue_invoice_locked  # invoices imports this module

        issue_invoice_locked(order)
    order_id = order.pk
    transaction.on_commit(lambda: _confirm_checkout(order_id))


def _confirm_checkout(order_id: int) -> None:
    """After commit, when a free checkout has linked its basket too: only basket orders get the one
    confirmation (the feature apps' own mails cover the rest)."""
    from payments import tasks
    from payments.selectors import confirmed_by_checkout

    if confirmed_by_checkout(Order.objects.filter(pk=order_id).first()):
        tasks.send_order_confirmation.delay(order_id)
