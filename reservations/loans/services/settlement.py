"""Money after the loan: deposit settlement and what the payments engine calls back (paid, unpaid, refund)."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from calendars import errors as calendar_errors
from calendars import services as calendar_services
from calendars.models import AllocationState
from payments import services as payment_services
from payments.errors import PaymentError
from payments.models import Deposit
from reservations.loans.errors import LoanError
from reservations.loans.models import (
    Loan,
    LoanLine,
    LoanState,
)
from reservations.loans.services.handling import _allocations, _billing, _locked, _log, _mail_after_commit

ZERO = Decimal("0.00")


def settle_loan_deposit(
    *,
    loan: Loan,
    by,
    retained_amount: Decimal = ZERO,
    reason: str = "",
    extra_charge: Decimal = ZERO,
    iban: str = "",
) -> Loan:
    """Close the loan: the deposit goes back (minus what is retained, with a reason) through payments;
    damage beyond the deposit becomes an extra invoice."""
    retained_amount, extra_charge = Decimal(retained_amount), Decimal(extra_charge)
    if retained_amount < 0 or extra_charge < 0:
        raise LoanError(_("Een bedrag kan niet negatief zijn."), field="retained_amount")
    if (retained_amount > 0 or extra_charge > 0) and not reason.strip():
        raise LoanError(_("Geef een reden voor de inhouding of de aanrekening."), field="reason")
    with transaction.atomic():
        loan = _locked(loan)
        if loan.state != LoanState.RETURNED:
            raise LoanError(_("Enkel een teruggebrachte ontlening kan afgerekend worden."), field="state")
        deposit = Deposit.objects.filter(order=loan.order).first() if loan.order_id else None
        if loan.deposit_amount > 0 and deposit is None:
            raise LoanError(
                _("De waarborg werd nog niet betaald; registreer eerst de betaling."), field="retained_amount"
            )
        if retained_amount > loan.deposit_amount:
            raise LoanError(
                _("U kunt hoogstens de waarborg (€ %(amount)s) inhouden; reken het verschil bijkomend aan.")
                % {"amount": loan.deposit_amount},
                field="retained_amount",
            )
        try:
            if deposit is not None:
                payment_services.settle_deposit(
                    deposit=deposit, retained_amount=retained_amount, reason=reason, iban=iban, by=by
                )
            if extra_charge > 0:
                damage_order = payment_services.create_order(
                    municipality=loan.municipality,
                    lines=[
                        payment_services.LineSpec(
                            description=_("Schadevergoeding ontlening %(number)s: %(reason)s")
                            % {"number": loan.number, "reason": reason.strip()},
                            unit_price=extra_charge,
                        )
                    ],
                    user=loan.user,
                    billed_party=loan.association,
                    billing=_billing(loan),
                    hold_minutes=0,
                    invoice=True,
                    created_by=by,
                )
                payment_services.issue_invoice(order=damage_order)
                loan.damage_order = damage_order
        except PaymentError as error:
            raise LoanError(str(error.message), field=error.field or "retained_amount") from None
        loan.state = LoanState.SETTLED
        loan.retained_amount, loan.extra_charge = retained_amount, extra_charge
        loan.settlement_reason = reason.strip()
        loan.settled_at, loan.settled_by = timezone.now(), by
        loan.save()
        _mail_after_commit(loan, "settled")
        _log(loan, "loans.loan_settle", by)
        return loan


# --- units out for repair --------------------------------------------------------------------------


def confirm_paid_loan(*, loan_id: int) -> None:
    """Called by the payments handler inside the order's transaction when the money is in."""
    loan = _locked(Loan(pk=loan_id))
    if loan.state in (LoanState.AWAITING_PAYMENT, LoanState.REQUESTED):
        calendar_services.confirm(allocations=_allocations(loan))
        Loan.objects.filter(pk=loan.pk).update(state=LoanState.PAID, updated_at=timezone.now())
    elif loan.state in (LoanState.EXPIRED, LoanState.CANCELLED):
        # Late money honoured by payments (can_confirm_late said the stock is still free): claim it again.
        lines = list(loan.lines.select_related("item"))
        allocations = calendar_services.allocate(
            resources=[(line.item.resource, line.quantity) for line in lines],
            start=loan.pickup_at,
            end=loan.return_at,
            confirm=True,
            enforce_rules=False,
            reference=loan,
            holder=loan.association or loan.user,
            title=_("Ontlening %(number)s") % {"number": loan.number},
        )
        for line, allocation in zip(lines, allocations, strict=True):
            line.allocation = allocation
        LoanLine.objects.bulk_update(lines, ["allocation"])
        Loan.objects.filter(pk=loan.pk).update(state=LoanState.PAID, updated_at=timezone.now())


def extend_loan_hold(*, loan_id: int, until: dt.datetime) -> None:
    """A bank transfer keeps the order open longer: hold the stock that long too, never past the pickup
    (and never shorter than it already is). Refused when the stock was given away meanwhile."""
    loan = _locked(Loan(pk=loan_id))
    if loan.state != LoanState.AWAITING_PAYMENT:
        return
    until = min(until, loan.pickup_at)
    held = [
        allocation
        for allocation in _allocations(loan)
        if allocation.state != AllocationState.CONFIRMED
        and (allocation.hold_expires_at is None or allocation.hold_expires_at < until)
    ]
    if not held:
        return
    try:
        calendar_services.extend_hold(allocations=held, until=until)
    except calendar_errors.AllocationError as error:
        raise PaymentError(
            _("Het materiaal van ontlening %(number)s wordt niet langer voor je vastgehouden.")
            % {"number": loan.number},
            field="provider",
        ) from error


def end_unpaid_loan(*, loan_id: int, state: str) -> None:
    """The order expired or was cancelled: the loan ends the same way and frees its stock."""
    loan = _locked(Loan(pk=loan_id))
    if loan.state in (LoanState.REQUESTED, LoanState.AWAITING_PAYMENT):
        calendar_services.release(allocations=_allocations(loan))
        Loan.objects.filter(pk=loan.pk).update(state=state, updated_at=timezone.now())


def cancel_refunded_loan(*, loan_id: int) -> None:
    """A full refund before the hand-out cancels the loan and frees its stock."""
    loan = _locked(Loan(pk=loan_id))
    if (
        loan.state in (LoanState.PAID, LoanState.INVOICED, LoanState.READY)
        and loan.order.status == "refunded"
    ):
        calendar_services.release(allocations=_allocations(loan))
        Loan.objects.filter(pk=loan.pk).update(state=LoanState.CANCELLED, updated_at=timezone.now())
