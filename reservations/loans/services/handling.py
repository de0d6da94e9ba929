"""Staff handling of a loan: approve, reject, cancel, ready, counter payment, hand-out and check-in.

Every service here takes the loan row lock, changes the state and writes the Wagtail audit entry inside one
transaction; mails are queued with transaction.on_commit.
"""

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from calendars import selectors as calendar_selectors
from calendars import services as calendar_services
from calendars.locking import LockLevel, lock_resources, lock_row
from payments import services as payment_services
from payments.errors import PaymentError
from reservations.loans.errors import LoanError
from reservations.loans.models import (
    Loan,
    LoanLine,
    LoanPaymentMode,
    LoanState,
)
from reservations.loans.services.quotes import quote_loan

ZERO = Decimal("0.00")


def _mail_after_commit(loan: Loan, kind: str) -> None:
    from reservations.loans import tasks as tasks_loans

    loan_id = loan.pk
    transaction.on_commit(lambda: tasks_loans.send_loan_mail.delay(loan_id, kind))


# --- staff decisions -------------------------------------------------------------------------------


def _log(loan: Loan, action: str, by) -> None:
    """The Wagtail audit entry of a staff action; called inside the service's transaction."""
    log(instance=loan, action=action, user=by, data={"state": loan.state})


def loan_resource_ids(loan_ids: list[int]) -> set[int]:
    """The stock rows a change to these loans may lock (their items' resources and what their
    allocations hold). Read without a lock, to be locked first (docs/locking.md)."""
    lines = LoanLine.objects.filter(loan_id__in=loan_ids).values_list("item__resource_id", "allocation_id")
    return calendar_selectors.resource_ids_to_lock(
        resource_ids=[resource for resource, _a in lines], allocation_ids=[a for _r, a in lines if a]
    )


def _locked(loan: Loan, *, resources: bool = False) -> Loan:
    """The loan row at its place in the global lock order; with ``resources`` (a change that claims
    stock: approve, late money) its stock is locked before it."""
    if resources:
        lock_resources(loan_resource_ids([loan.pk]))
    return lock_row(Loan, loan.pk, level=LockLevel.FEATURE)


def _allocations(loan: Loan) -> list:
    return list(calendar_selectors.allocations_for_reference(reference=loan))


def _payment_hold_minutes(loan: Loan, mode: str, now: dt.datetime) -> int:
    if mode == LoanPaymentMode.INVOICE:
        return 0  # an invoiced order does not expire
    if mode == LoanPaymentMode.COUNTER:
        until = loan.return_at
    else:
        days = getattr(settings, "LOAN_PAYMENT_DAYS", 7)
        until = min(now + dt.timedelta(days=days), loan.pickup_at)
    return max(60, int((until - now).total_seconds() // 60))


def _billing(loan: Loan) -> payment_services.BillingDetails | None:
    association = loan.association
    if association is None:
        return None
    return payment_services.BillingDetails(
        name=association.name,
        email=association.email,
        address=association.address,
        vat_number=association.enterprise_number,
    )


def priced_lines(loan: Loan) -> list[payment_services.LineSpec]:
    """The loan's quote, recomputed from its lines, dated from pickup to return at the depot (for the
    basket, the order and the .ics of the confirmation)."""
    offer = quote_loan(
        lines=[(line.item, line.quantity) for line in loan.lines.select_related("item")],
        pickup_at=loan.pickup_at,
        return_at=loan.return_at,
        category=loan.customer_category,
        delivery_fee=loan.delivery_fee,
        line_target=loan,
    )
    where = f"{loan.depot.name}, {loan.depot.address}".strip(", ")
    return [
        dataclasses.replace(spec, starts_at=loan.pickup_at, ends_at=loan.return_at, location=where)
        for spec in offer.as_line_specs()
    ]


def _approve(loan: Loan, *, by, payment_mode: str, note: str, now: dt.datetime) -> Loan:
    loan.state = LoanState.INVOICED if payment_mode == LoanPaymentMode.INVOICE else LoanState.AWAITING_PAYMENT
    loan.payment_mode = payment_mode
    loan.decided_at, loan.decided_by, loan.decision_note = now, by, note
    loan.save(
        update_fields=["state", "payment_mode", "decided_at", "decided_by", "decision_note", "updated_at"]
    )
    try:
        order = payment_services.place_order(
            municipality=loan.municipality,
            lines=priced_lines(loan),
            user=loan.user,
            billed_party=loan.association,
            billing=_billing(loan),
            channel="counter" if payment_mode == LoanPaymentMode.COUNTER else "online",
            hold_minutes=_payment_hold_minutes(loan, payment_mode, now),
            invoice=payment_mode == LoanPaymentMode.INVOICE,
            created_by=by,
        )  # a zero total is paid at once: the handler has then moved the loan on already
        if payment_mode == LoanPaymentMode.INVOICE:
            calendar_services.confirm(allocations=_allocations(loan), now=now)
            payment_services.issue_invoice(order=order)
    except PaymentError as error:
        raise LoanError(str(error.message), field=error.field) from None
    Loan.objects.filter(pk=loan.pk).update(order=order)
    loan.refresh_from_db()
    return loan


def approve_loan(*, loan: Loan, by, payment_mode: str | None = None, note: str = "") -> Loan:
    """Staff say yes: an order is made (to pay online, at the counter, or an invoice afterwards)."""
    now = timezone.now()
    with transaction.atomic():
        loan = _locked(loan, resources=True)  # an invoice confirms the stock at once
        if loan.state != LoanState.REQUESTED:
            raise LoanError(_("Deze aanvraag werd al behandeld."), field="state")
        mode = payment_mode or loan.payment_mode
        if mode not in LoanPaymentMode.values:
            raise LoanError(_("Kies een geldige betaalwijze."), field="payment_mode")
        if mode == LoanPaymentMode.INVOICE and loan.association is None:
            raise LoanError(_("Enkel verenigingen krijgen een factuur achteraf."), field="payment_mode")
        loan = _approve(loan, by=by, payment_mode=mode, note=note, now=now)
        _mail_after_commit(loan, "approved")
        _log(loan, "loans.loan_approve", by)
        return loan


def reject_loan(*, loan: Loan, by, reason: str) -> Loan:
    """Staff say no (with a reason the customer sees); the stock is given back at once."""
    if not reason.strip():
        raise LoanError(_("Geef een reden voor de weigering."), field="reason")
    with transaction.atomic():
        loan = _locked(loan)
        if loan.state != LoanState.REQUESTED:
            raise LoanError(_("Deze aanvraag werd al behandeld."), field="state")
        calendar_services.release(allocations=_allocations(loan))
        loan.state = LoanState.REJECTED
        loan.decided_at, loan.decided_by, loan.decision_note = timezone.now(), by, reason.strip()
        loan.save()
        _mail_after_commit(loan, "rejected")
        _log(loan, "loans.loan_reject", by)
        return loan


def cancel_loan(*, loan: Loan, by, reason: str = "") -> Loan:
    """The customer (or staff) cancels before anything was paid or handed out; the stock is freed."""
    with transaction.atomic():
        loan = _locked(loan)
        if loan.state not in (LoanState.REQUESTED, LoanState.AWAITING_PAYMENT):
            raise LoanError(
                _("Deze ontlening kan niet meer online geannuleerd worden; neem contact op met het depot."),
                field="state",
            )
        if loan.order is not None and loan.order.is_unpaid:
            try:  # the handler (end_unpaid_loan) frees the stock, once
                payment_services.cancel_order(order=loan.order, reason=reason, by=by)
            except PaymentError as error:
                raise LoanError(str(error.message)) from None
        else:
            calendar_services.release(allocations=_allocations(loan))
        Loan.objects.filter(pk=loan.pk).update(state=LoanState.CANCELLED, decision_note=reason.strip())
        loan.refresh_from_db()
        _log(loan, "loans.loan_cancel", by)
        return loan


def mark_loan_ready(*, loan: Loan, by) -> Loan:
    """The depot has picked the material; the customer can come."""
    with transaction.atomic():
        loan = _locked(loan)
        if loan.state not in (LoanState.PAID, LoanState.INVOICED):
            raise LoanError(_("Enkel een goedgekeurde en betaalde ontlening kan klaargezet worden."))
        loan.state = LoanState.READY
        loan.save(update_fields=["state", "updated_at"])
        _mail_after_commit(loan, "ready")
        _log(loan, "loans.loan_ready", by)
        return loan


def record_loan_counter_payment(*, loan: Loan, by, method: str = "cash") -> Loan:
    """Counter mode: the borrower pays what is due at the depot (cash or card terminal).

    No loan lock here: payments stores the money first and then locks stock → loan → order itself
    (docs/locking.md); the audit entry follows in its own transaction."""
    loan = Loan.objects.select_related("order").get(pk=loan.pk)
    order = loan.order
    if order is None or not order.is_unpaid:
        raise LoanError(_("Er staat voor deze ontlening niets open."), field="method")
    try:
        payment_services.record_counter_payment(
            order=order, amount=order.balance_due(), method=method, staff=by
        )
    except PaymentError as error:
        raise LoanError(str(error.message), field="method") from None
    with transaction.atomic():
        loan = _locked(loan)
        _log(loan, "loans.loan_counter_payment", by)
    return loan


# --- the depot: hand-out, return check, settlement -------------------------------------------------


def hand_out_loan(*, loan: Loan, by, handed_out_to: str, quantities: Mapping[int, int] | None = None) -> Loan:
    """Staff tick off the lines and record who took the material. `quantities` per line id; missing
    lines default to the quantity asked."""
    if not handed_out_to.strip():
        raise LoanError(_("Noteer wie het materiaal meeneemt."), field="handed_out_to")
    with transaction.atomic():
        loan = _locked(loan)
        if loan.state not in (LoanState.PAID, LoanState.INVOICED, LoanState.READY):
            if loan.state == LoanState.AWAITING_PAYMENT:
                raise LoanError(_("Deze ontlening is nog niet betaald."), field="state")
            raise LoanError(_("Deze ontlening kan niet meegegeven worden."), field="state")
        lines = list(loan.lines.select_related("item"))
        given_total = 0
        for line in lines:
            given = int((quantities or {}).get(line.pk, line.quantity))
            if not 0 <= given <= line.quantity:
                raise LoanError(
                    _("Voor %(item)s kunt u 0 tot %(max)s stuks meegeven.")
                    % {"item": line.item.name, "max": line.quantity},
                    field=f"line_{line.pk}",
                )
            line.handed_out_quantity = given
            given_total += given
        if given_total == 0:
            raise LoanError(_("Vink minstens één lijn af."), field="lines")
        LoanLine.objects.bulk_update(lines, ["handed_out_quantity"])
        loan.state = LoanState.HANDED_OUT
        loan.handed_out_at, loan.handed_out_by, loan.handed_out_to = timezone.now(), by, handed_out_to.strip()
        loan.save()
        _log(loan, "loans.loan_hand_out", by)
        return loan


@dataclass(frozen=True)
class LineCount:
    """What came back of one line: returned includes the damaged pieces; the rest is missing."""

    returned: int
    damaged: int = 0
    damage_note: str = ""
    damage_photo: UploadedFile | None = None


def check_in_loan(*, loan: Loan, by, counts: Mapping[int, LineCount], note: str = "") -> Loan:
    """Staff count what came back per line: missing = handed out − returned; damage needs a note."""
    with transaction.atomic():
        loan = _locked(loan)
        if loan.state != LoanState.HANDED_OUT:
            raise LoanError(_("Deze ontlening is niet uitgeleend."), field="state")
        lines = list(loan.lines.select_related("item"))
        for line in lines:
            count = counts.get(line.pk, LineCount(returned=line.handed_out_quantity))
            field = f"line_{line.pk}"
            if not 0 <= count.returned <= line.handed_out_quantity:
                raise LoanError(
                    _("Voor %(item)s kwamen 0 tot %(max)s stuks terug.")
                    % {"item": line.item.name, "max": line.handed_out_quantity},
                    field=field,
                )
            if not 0 <= count.damaged <= count.returned:
                raise LoanError(
                    _("Er kunnen niet meer stuks beschadigd zijn dan er terugkwamen."), field=field
                )
            if count.damaged and not count.damage_note.strip():
                raise LoanError(_("Beschrijf de schade."), field=field)
            line.returned_quantity = count.returned
            line.missing_quantity = line.handed_out_quantity - count.returned
            line.damaged_quantity = count.damaged
            line.damage_note = count.damage_note.strip()
            if count.damage_photo is not None:
                line.damage_photo = count.damage_photo
            line.save()
        loan.state = LoanState.RETURNED
        loan.returned_at, loan.checked_in_by, loan.return_note = timezone.now(), by, note.strip()
        loan.save()
        _log(loan, "loans.loan_check_in", by)
        return loan
