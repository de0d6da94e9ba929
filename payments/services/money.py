"""Money in (payments, counter, late money) and money out (refunds, deposits)."""

import datetime
import logging
from collections.abc import Sequence
from decimal import Decimal

from django.db import IntegrityError, OperationalError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum import iban as iban_number
from stdnum.exceptions import ValidationError as StdnumValidationError
from wagtail.log_actions import log

from calendars.errors import LockTimeoutError
from calendars.locking import LockLevel, lock_row
from payments import registry
from payments.amounts import to_cents
from payments.errors import PaymentError
from payments.models import (
    Deposit,
    Order,
    OrderLine,
    OrderStatus,
    Payment,
    Refund,
)
from payments.models.orders import PAID_STATUSES, ZERO
from payments.providers import get_provider
from payments.services.common import (
    flag_order,
    lock_order,
    lock_order_and_targets,
    mark_paid,
    notify_handlers,
)
from payments.services.invoices import credit_invoice_if_any

logger = logging.getLogger(__name__)


def record_payment(
    *,
    order_id: int,
    provider: str,
    amount: Decimal,
    method: str,
    reference: str = "",
    received_at: datetime.datetime | None = None,
    recorded_by=None,
    note: str = "",
    refund_iban: str = "",
) -> Payment:
    """Book money received for an order, once per (provider, reference) however often it is reported.

    Payment first (docs/locking.md): the payment row is stored in a transaction of its own, before any
    feature handler runs; applying it to the order (paid, late money, handlers) is a second step. A
    handler that cannot confirm flags the order with a proposed refund and the money stays on the books;
    a step that fails on a lock timeout leaves the payment unapplied for ``apply_pending_payments``."""
    payment, created = store_payment(
        order_id=order_id,
        provider=provider,
        amount=amount,
        method=method,
        reference=reference,
        received_at=received_at,
        recorded_by=recorded_by,
        note=note,
    )
    if created or payment.applied_at is None:
        apply_payment(payment_id=payment.pk, refund_iban=refund_iban)
        payment.refresh_from_db()
    return payment


def store_payment(
    *,
    order_id: int,
    provider: str,
    amount: Decimal,
    method: str,
    reference: str = "",
    received_at: datetime.datetime | None = None,
    recorded_by=None,
    note: str = "",
) -> tuple[Payment, bool]:
    """Store the money, nothing else: no lock on the order, no handler. (payment, created)."""
    amount = to_cents(amount)
    if amount <= 0:
        raise PaymentError(_("Het bedrag moet groter dan nul zijn."), field="amount")
    if not Order.objects.filter(pk=order_id).exists():
        raise PaymentError(_("Deze bestelling bestaat niet."), code="not_found")
    if reference:
        existing = Payment.objects.filter(provider=provider, provider_reference=reference).first()
        if existing is not None:
            return existing, False
    try:
        with transaction.atomic():
            payment = Payment.objects.create(
                order_id=order_id,
                provider=provider,
                method=method,
                amount=amount,
                provider_reference=reference,
                received_at=received_at or timezone.now(),
                recorded_by=recorded_by,
                note=note,
            )
    except IntegrityError:
        return Payment.objects.get(provider=provider, provider_reference=reference), False
    return payment, True


@transaction.atomic
def apply_payment(*, payment_id: int, refund_iban: str = "", now: datetime.datetime | None = None) -> None:
    """Apply a stored payment to its order: resources → feature rows → order, then the handlers."""
    now = now or timezone.now()
    order_id = Payment.objects.values_list("order_id", flat=True).get(pk=payment_id)
    order = lock_order_and_targets(order_id, resources=True)
    payment = Payment.objects.get(pk=payment_id)  # re-read under the order lock: applied once
    if payment.applied_at is not None:
        return
    # Marked first, in this transaction: the invoice number a paid order may take stays the last lock.
    Payment.objects.filter(pk=payment_id).update(applied_at=now)
    try:
        with transaction.atomic():
            _apply(order, payment, now=now, refund_iban=refund_iban)
    except (LockTimeoutError, OperationalError):
        raise  # the infrastructure, not the booking: leave it unapplied, the task retries
    except Exception as exc:  # noqa: BLE001 - whatever a handler raises, the money must stay booked
        logger.warning("payment %s: handler could not confirm order %s: %s", payment_id, order_id, exc)
        order = lock_order(order_id)  # re-read: the savepoint rolled our changes back
        _propose_refund(order, payment, reason=str(getattr(exc, "message", exc)), iban=refund_iban)


def _apply(order: Order, payment: Payment, *, now: datetime.datetime, refund_iban: str) -> None:
    amount = payment.amount
    if order.is_unpaid:
        paid = order.amount_paid()
        if paid >= order.total:
            mark_paid(order, now=now)
            if paid > order.total:
                flag_order(
                    order,
                    _("Te veel betaald: € %(paid)s ontvangen voor € %(total)s.")
                    % {"paid": paid, "total": order.total},
                )
        else:
            flag_order(
                order,
                _("Te weinig betaald: € %(paid)s ontvangen van € %(total)s.")
                % {"paid": paid, "total": order.total},
            )
    elif order.status in (OrderStatus.EXPIRED, OrderStatus.CANCELLED):
        _handle_late_money(order, payment, now=now, refund_iban=refund_iban)
    else:
        flag_order(
            order,
            _("Dubbele betaling van € %(amount)s via %(provider)s voor een betaalde bestelling.")
            % {"amount": amount, "provider": payment.provider},
        )


def _propose_refund(order: Order, payment: Payment, *, reason: str, iban: str) -> None:
    """The handler refused (capacity gone, booking cancelled): keep the money, flag the order, propose a
    refund staff confirm, and tell the customer after commit."""
    clean_iban = ""
    if iban:
        try:
            clean_iban = iban_number.validate(iban)
        except StdnumValidationError:
            clean_iban = ""
    Refund.objects.create(
        order=order,
        payment=payment,
        provider=payment.provider,
        amount=payment.amount,
        iban=clean_iban,
        status=Refund.Status.PROPOSED,
        reason=_("Voorgestelde terugbetaling: de betaling kon niet meer bevestigd worden (%(reason)s).")
        % {"reason": reason},
        is_automatic=True,
    )
    flag_order(
        order,
        _(
            "Betaling van € %(amount)s ontvangen maar niet bevestigd (%(reason)s). "
            "Een terugbetaling is voorgesteld."
        )
        % {"amount": payment.amount, "reason": reason},
    )
    _mail_not_confirmed(order)


def apply_pending_payments() -> int:
    """Payments stored but not applied (a lock timeout, a crash between the two steps): apply them."""
    count = 0
    for payment_id in list(Payment.objects.filter(applied_at__isnull=True).values_list("pk", flat=True)):
        try:
            apply_payment(payment_id=payment_id)
            count += 1
        except Exception:
            logger.exception("could not apply payment %s", payment_id)
    return count


@transaction.atomic
def confirm_proposed_refund(*, refund: Refund, by, iban: str = "") -> Refund:
    """Staff agree with a proposed refund: it becomes a refund to execute (automatically by Stripe)."""
    refund = Refund.objects.select_related("payment").get(pk=refund.pk)
    lock_order(refund.order_id)
    refund = lock_row(Refund, refund.pk, level=LockLevel.ORDER)
    if refund.status != Refund.Status.PROPOSED:
        raise PaymentError(_("Deze terugbetaling werd al behandeld."), code="not_proposed")
    if iban:
        refund.iban = _validate_iban(iban)
    if refund.provider == "bank_transfer" and not refund.iban:
        raise PaymentError(_("Geef het IBAN-nummer op waarnaar we terugbetalen."), field="iban")
    refund.status = Refund.Status.PENDING
    refund.created_by = by
    refund.save(update_fields=["status", "iban", "created_by"])
    log(instance=refund.order, action="payments.refund.confirmed", user=by, data={"refund": refund.pk})
    if get_provider(refund.provider).refunds_automatically:
        from payments import tasks

        refund_id = refund.pk
        transaction.on_commit(lambda: tasks.execute_refund.delay(refund_id))
    return refund


def _can_confirm_late(line: OrderLine) -> bool:
    handler = registry.get_handler(line.handler)
    return handler is not None and handler.can_confirm_late(line)


def _handle_late_money(order: Order, payment: Payment, *, now, refund_iban: str) -> None:
    payment.is_late = True
    payment.save(update_fields=["is_late"])
    lines = list(order.lines.all())
    honour = (
        order.status == OrderStatus.EXPIRED
        and order.amount_paid() >= order.total
        and all(_can_confirm_late(line) for line in lines if line.handler)
    )
    if honour:
        mark_paid(order, now=now)
        flag_order(
            order,
            _("Laattijdige betaling aanvaard: de bestelling was vervallen maar kon nog bevestigd worden."),
        )
        return
    _create_refund(
        order=order,
        payment=payment,
        amount=payment.amount,
        reason=_(
            "Automatische terugbetaling: betaling ontvangen voor een vervallen of geannuleerde bestelling."
        ),
        iban=refund_iban,
        automatic=True,
    )
    flag_order(
        order,
        _("Laattijdige betaling van € %(amount)s wordt automatisch terugbetaald.")
        % {"amount": payment.amount},
    )
    _mail_not_confirmed(order)


def _mail_not_confirmed(order: Order) -> None:
    """Tell the customer after commit that the money arrived but could not confirm what it was for."""
    from payments import tasks

    order_id = order.pk
    transaction.on_commit(lambda: tasks.send_payment_not_confirmed.delay(order_id))


def record_counter_payment(
    *,
    order: Order,
    amount: Decimal,
    method: str,
    staff,
    received_at: datetime.datetime | None = None,
    note: str = "",
) -> Payment:
    """Cash or card terminal at the counter; who took it and when is kept on the payment."""
    if method not in (Payment.Method.CASH, Payment.Method.CARD_TERMINAL):
        raise PaymentError(_("Kies cash of betaalterminal."), field="method")
    if staff is None or not staff.is_staff:
        raise PaymentError(_("Enkel personeel kan een baliebetaling registreren."), code="forbidden")
    return record_payment(
        order_id=order.pk,
        provider="counter",
        amount=amount,
        method=method,
        received_at=received_at,
        recorded_by=staff,
        note=note,
    )


def _validate_iban(value: str) -> str:
    try:
        return iban_number.validate(value)
    except StdnumValidationError:
        raise PaymentError(_("Dit is geen geldig IBAN-rekeningnummer."), field="iban") from None


def _create_refund(
    *, order: Order, payment: Payment, amount: Decimal, reason: str, iban: str = "", by=None, automatic=False
) -> Refund:
    provider = get_provider(payment.provider)
    clean_iban = ""
    if iban:
        try:
            clean_iban = iban_number.validate(iban)
        except StdnumValidationError:
            if not automatic:
                raise PaymentError(_("Dit is geen geldig IBAN-rekeningnummer."), field="iban") from None
    refund = Refund.objects.create(
        order=order,
        payment=payment,
        provider=payment.provider,
        amount=amount,
        iban=clean_iban,
        reason=reason,
        is_automatic=automatic,
        created_by=by,
    )
    if provider.refunds_automatically:
        from payments import tasks

        refund_id = refund.pk
        transaction.on_commit(lambda: tasks.execute_refund.delay(refund_id))
    return refund


def _refundable(payment: Payment) -> Decimal:
    done = payment.refunds.exclude(status=Refund.Status.FAILED).aggregate(s=models.Sum("amount"))["s"] or ZERO
    return payment.amount - done


@transaction.atomic
def refund_order(
    *,
    order: Order,
    reason: str,
    amount: Decimal | None = None,
    lines: Sequence[OrderLine] | None = None,
    iban: str = "",
    by=None,
) -> list[Refund]:
    """Refund all (default) or part of a paid order through the provider(s) that took the money.

    ``lines`` limits the refund to those lines (e.g. one ticket of a basket): the amount defaults to
    their total and only their handlers are told. Bank-transfer refunds need the customer's IBAN and
    wait for staff to execute the transfer. Each handler's on_refunded is called once with its lines.
    """
    order = lock_order_and_targets(order.pk, resources=False)
    if order.status not in PAID_STATUSES:
        raise PaymentError(_("Enkel een betaalde bestelling kan terugbetaald worden."), code="not_paid")
    if lines is not None:
        lines = list(order.lines.filter(pk__in=[line.pk for line in lines]))
        if not lines:
            raise PaymentError(_("Kies minstens één lijn van deze bestelling."), field="lines")
    payments = [p for p in order.payments.order_by("-received_at") if _refundable(p) > 0]
    available = sum((_refundable(p) for p in payments), ZERO)
    if amount is None:
        amount = available if lines is None else min(available, sum((line.total for line in lines), ZERO))
    amount = to_cents(amount)
    if amount <= 0 or amount > available:
        raise PaymentError(
            _("Het bedrag moet tussen € 0,01 en € %(max)s liggen.") % {"max": available}, field="amount"
        )
    if any(p.provider == "bank_transfer" for p in payments):
        if not iban:
            raise PaymentError(_("Geef het IBAN-nummer op waarnaar we terugbetalen."), field="iban")
        _validate_iban(iban)
    refunds = []
    remaining = amount
    for payment in payments:
        part = min(remaining, _refundable(payment))
        if part <= 0:
            break
        refunds.append(
            _create_refund(order=order, payment=payment, amount=part, reason=reason, iban=iban, by=by)
        )
        remaining -= part
    order.status = (
        OrderStatus.REFUNDED
        if order.amount_refunded() >= order.amount_paid()
        else (OrderStatus.PARTIALLY_REFUNDED)
    )
    order.save(update_fields=["status", "updated_at"])
    notify_handlers(order, "on_refunded", only_lines=lines, refund=refunds[0])
    credit_invoice_if_any(order, amount=amount, reason=reason)
    return refunds


def execute_refund(*, refund_id: int) -> Refund:
    """Ask the provider to send the money (outside any lock), then record the outcome."""
    refund = Refund.objects.select_related("payment", "order").get(pk=refund_id)
    if refund.status != Refund.Status.PENDING:
        return refund
    provider = get_provider(refund.provider)
    try:
        reference = provider.refund(refund=refund)
    except Exception as exc:  # the provider said no or could not be reached: staff must act
        logger.exception("refund %s failed", refund_id)
        with transaction.atomic():
            order = lock_order(refund.order_id)  # the order, then its refund (docs/locking.md)
            refund = lock_row(Refund, refund_id, level=LockLevel.ORDER)
            refund.status = Refund.Status.FAILED
            refund.save(update_fields=["status"])
            flag_order(
                order,
                _("Terugbetaling van € %(amount)s mislukt: %(error)s")
                % {"amount": refund.amount, "error": exc},
            )
        return refund
    return complete_refund(refund=refund, reference=reference)


@transaction.atomic
def complete_refund(*, refund: Refund, reference: str = "", by=None) -> Refund:
    """Mark a refund as executed (by the provider, or by staff after a manual bank transfer)."""
    refund = lock_row(Refund, refund.pk, level=LockLevel.ORDER)
    if refund.status == Refund.Status.SUCCEEDED:
        return refund
    refund.status = Refund.Status.SUCCEEDED
    refund.provider_reference = reference or refund.provider_reference
    refund.completed_at = timezone.now()
    refund.save(update_fields=["status", "provider_reference", "completed_at"])
    return refund


@transaction.atomic
def settle_deposit(
    *, deposit: Deposit, retained_amount: Decimal, reason: str = "", iban: str = "", by
) -> Deposit:
    """Return a deposit, keeping ``retained_amount`` (with a reason) for damage or late return."""
    deposit = lock_row(Deposit, deposit.pk, level=LockLevel.ORDER)  # "payments.deposit" sorts first
    if deposit.status != Deposit.Status.HELD:
        raise PaymentError(_("Deze waarborg is al afgehandeld."), code="settled")
    retained_amount = to_cents(retained_amount)
    if not ZERO <= retained_amount <= deposit.amount:
        raise PaymentError(
            _("Het ingehouden bedrag moet tussen € 0 en de waarborg liggen."), field="retained_amount"
        )
    if retained_amount > 0 and not reason.strip():
        raise PaymentError(_("Geef een reden voor de inhouding."), field="reason")
    order = lock_order(deposit.order_id)
    to_return = deposit.amount - retained_amount
    if to_return > 0:
        payments = [p for p in order.payments.order_by("-received_at") if _refundable(p) > 0]
        if any(p.provider == "bank_transfer" for p in payments):
            if not iban:
                raise PaymentError(_("Geef het IBAN-nummer op waarnaar we terugbetalen."), field="iban")
            _validate_iban(iban)
        remaining = to_return
        for payment in payments:
            part = min(remaining, _refundable(payment))
            if part <= 0:
                break
            _create_refund(
                order=order, payment=payment, amount=part, reason=_("Waarborg terug"), iban=iban, by=by
            )
            remaining -= part
    deposit.retained_amount = retained_amount
    deposit.retained_reason = reason
    deposit.status = (
        Deposit.Status.RETURNED
        if retained_amount == 0
        else Deposit.Status.RETAINED
        if to_return == 0
        else Deposit.Status.PARTLY_RETAINED
    )
    deposit.settled_by = by
    deposit.settled_at = timezone.now()
    deposit.save()
    return deposit
