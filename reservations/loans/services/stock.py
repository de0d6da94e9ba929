"""Stock outside loans: the stock itself, units blocked for repair, whether a loan can still lend, expiry
of stale requests."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from calendars import errors as calendar_errors
from calendars import selectors as calendar_selectors
from calendars import services as calendar_services
from reservations.loans.errors import LoanError
from reservations.loans.models import (
    Loan,
    LoanItem,
    LoanState,
    UnitBlock,
)
from reservations.loans.services.handling import _allocations, _locked

ZERO = Decimal("0.00")


def set_loan_item_stock(*, item: LoanItem, stock: int, by) -> LoanItem:
    """Change the stock through the calendar engine: never below what is lent or blocked at some moment
    from now on (the message names those loans)."""
    with transaction.atomic():
        try:
            calendar_services.change_capacity(resource=item.resource, capacity=int(stock), by=by)
        except calendar_errors.AllocationError as error:
            raise LoanError(str(error.message), field="stock") from None
        previous = item.stock
        LoanItem.objects.filter(pk=item.pk).update(stock=stock)
        item.stock = stock
        log(instance=item, action="loans.loan_stock", user=by, data={"from": previous, "to": stock})
        return item


def block_units_for_repair(
    *, item: LoanItem, quantity: int, start: dt.datetime, end: dt.datetime, reason: str, by
) -> UnitBlock:
    """Take units out of the stock for a while (a confirmed allocation with the reason as title)."""
    if int(quantity) < 1:
        raise LoanError(_("Het aantal moet minstens 1 zijn."), field="quantity")
    if end <= start:
        raise LoanError(_("Het einde moet na het begin liggen."), field="end")
    if not reason.strip():
        raise LoanError(_("Geef een reden op."), field="reason")
    with transaction.atomic():
        block = UnitBlock.objects.create(
            item=item, quantity=quantity, start=start, end=end, reason=reason.strip(), created_by=by
        )
        try:
            (allocation,) = calendar_services.allocate(
                resources=(item.resource, int(quantity)),
                start=start,
                end=end,
                confirm=True,
                enforce_rules=False,
                reference=block,
                created_by=by,
                title=_("Herstelling: %(reason)s") % {"reason": block.reason},
            )
        except calendar_errors.AllocationError as error:
            raise LoanError(str(error.message), field="quantity") from None
        block.allocation = allocation
        block.save(update_fields=["allocation"])
        log(instance=block.item, action="loans.loan_block", user=by, data={"block": block.pk})
        return block


def unblock_units(*, block: UnitBlock, by) -> UnitBlock:
    with transaction.atomic():
        block = UnitBlock.objects.select_for_update().get(pk=block.pk)
        if block.released_at is None:
            if block.allocation is not None:
                calendar_services.release(allocations=block.allocation)
            block.released_at = timezone.now()
            block.save(update_fields=["released_at"])
        log(instance=block.item, action="loans.loan_unblock", user=by, data={"block": block.pk})
        return block


# --- engine callbacks and housekeeping -------------------------------------------------------------


def can_still_lend(*, loan: Loan) -> bool:
    """Is every line still free (for late money on an expired loan)?"""
    return all(
        calendar_selectors.free_quantity(
            resource=line.item.resource, start=loan.pickup_at, end=loan.return_at
        )
        >= line.quantity
        for line in loan.lines.select_related("item__resource")
    )


def expire_stale_loan_requests(*, now: dt.datetime | None = None) -> int:
    """Requests nobody decided on before the pickup moment expire and free their stock."""
    now = now or timezone.now()
    count = 0
    for loan_id in list(
        Loan.objects.filter(state=LoanState.REQUESTED, pickup_at__lte=now).values_list("pk", flat=True)
    ):
        with transaction.atomic():
            loan = _locked(Loan(pk=loan_id))
            if loan.state == LoanState.REQUESTED:
                calendar_services.release(allocations=_allocations(loan))
                Loan.objects.filter(pk=loan.pk).update(state=LoanState.EXPIRED, updated_at=now)
                count += 1
    return count
