"""Orders: create, hand to a provider, cancel, expire, remind. The entry point for feature apps."""

import datetime
import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import localtime
from calendars.locking import note_created
from payments import registry
from payments.amounts import LineAmounts, line_amounts, sum_amounts, to_cents
from payments.codes import new_order_code
from payments.errors import PaymentError
from payments.models import (
    Channel,
    Order,
    OrderLine,
    OrderStatus,
    Payment,
    PaymentAttempt,
)
from payments.models.orders import UNPAID_STATUSES, ZERO
from payments.providers import get_provider
from payments.services.common import lock_order, lock_order_and_targets, mark_paid, notify_handlers
from payments.structured_reference import random_reference

logger = logging.getLogger(__name__)

CODE_ATTEMPTS = 5  # with ~49 random bits, a second collision in a row is practically impossible


@dataclass(frozen=True)
class LineSpec:
    """One thing to pay for. ``unit_price`` is VAT-inclusive; ``handler`` is a registered key."""

    description: str
    unit_price: Decimal
    quantity: Decimal = Decimal("1")
    vat_rate: Decimal = Decimal("0")
    handler: str = ""
    target: models.Model | None = None
    is_deposit: bool = False
    starts_at: datetime.datetime | None = None
    ends_at: datetime.datetime | None = None
    location: str = ""


@dataclass(frozen=True)
class BillingDetails:
    """Snapshot printed on invoices (an association's or company's name, address and VAT number)."""

    name: str = ""
    email: str = ""
    address: str = ""
    vat_number: str = ""


@dataclass(frozen=True)
class PaymentStart:
    order: Order
    redirect_url: str
    provider: str
    extra: dict = field(default_factory=dict)


def _validate_lines(lines: Sequence[LineSpec]) -> list[LineAmounts]:
    if not lines:
        raise PaymentError(_("Een bestelling heeft minstens één lijn nodig."), field="lines")
    amounts = []
    for spec in lines:
        if spec.quantity <= 0:
            raise PaymentError(_("Het aantal moet groter dan nul zijn."), field="quantity")
        if spec.unit_price < 0:
            raise PaymentError(_("Een prijs kan niet negatief zijn."), field="unit_price")
        if not Decimal("0") <= spec.vat_rate < Decimal("100"):
            raise PaymentError(_("Ongeldig btw-tarief."), field="vat_rate")
        if spec.handler and not registry.is_registered(spec.handler):
            raise PaymentError(f"Unknown payments handler {spec.handler!r}", field="handler")
        amounts.append(
            line_amounts(quantity=spec.quantity, unit_price=spec.unit_price, vat_rate=spec.vat_rate)
        )
    return amounts


@transaction.atomic
def create_order(
    *,
    municipality,
    lines: Sequence[LineSpec],
    user=None,
    billed_party: models.Model | None = None,
    billing: BillingDetails | None = None,
    walk_in_name: str = "",
    walk_in_email: str = "",
    channel: str = Channel.ONLINE,
    hold_minutes: int | None = None,
    invoice: bool = False,
    language: str | None = None,
    created_by=None,
) -> Order:
    """Create an order of ``municipality`` (who is paid and invoices it), held for ``hold_minutes``
    (default ORDER_HOLD_MINUTES) until it is paid.

    A zero-total order is completed at once (provider "free") and its handlers' on_paid is called
    before this returns.
    """
    if municipality is None:
        raise PaymentError(_("Een bestelling hoort bij een gemeente."), field="municipality")
    amounts = _validate_lines(lines)
    if user is None and billed_party is None and not (walk_in_name and walk_in_email) and not billing:
        raise PaymentError(_("Geef een naam en e-mailadres op."), field="walk_in_email")
    billing = billing or BillingDetails()
    if not billing.name and user is not None:
        billing = BillingDetails(
            name=user.get_full_name() or user.email,
            email=billing.email or user.email,
            address=billing.address or _user_address(user),
            vat_number=billing.vat_number,
        )
    now = timezone.now()
    hold = settings.ORDER_HOLD_MINUTES if hold_minutes is None else hold_minutes
    totals = sum_amounts(amounts)
    order = _insert_with_fresh_codes(
        municipality=municipality,
        user=user,
        billed_content_type=ContentType.objects.get_for_model(billed_party) if billed_party else None,
        billed_object_id=billed_party.pk if billed_party else None,
        billing_name=billing.name,
        billing_email=billing.email,
        billing_address=billing.address,
        billing_vat_number=billing.vat_number,
        walk_in_name=walk_in_name,
        walk_in_email=walk_in_email,
        channel=channel,
        language=language or getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE,
        total=totals.total,
        total_vat=totals.vat,
        total_excl_vat=totals.total_excl_vat,
        invoice_requested=invoice,
        expires_at=now + datetime.timedelta(minutes=hold) if hold else None,
        created_by=created_by,
        created_at=now,
    )
    note_created(order)
    OrderLine.objects.bulk_create(
        OrderLine(
            order=order,
            position=position,
            description=spec.description,
            quantity=spec.quantity,
            unit_price=to_cents(spec.unit_price),
            vat_rate=spec.vat_rate,
            total=amount.total,
            vat_amount=amount.vat,
            total_excl_vat=amount.total_excl_vat,
            is_deposit=spec.is_deposit,
            handler=spec.handler,
            target_content_type=ContentType.objects.get_for_model(spec.target) if spec.target else None,
            target_object_id=spec.target.pk if spec.target else None,
            starts_at=spec.starts_at,
            ends_at=spec.ends_at,
            location=spec.location[:300],
        )
        for position, (spec, amount) in enumerate(zip(lines, amounts, strict=True))
    )
    if order.total == ZERO:
        Payment.objects.create(order=order, provider="free", method=Payment.Method.FREE, amount=ZERO)
        mark_paid(order, now=now)
    return order


def _insert_with_fresh_codes(**fields) -> Order:
    """Insert the order under a random public code and structured reference; draw again on a collision.

    No counter row is locked: concurrent orders of every app never wait on each other here. The insert
    runs in a savepoint so a unique violation leaves the caller's transaction usable."""
    for _attempt in range(CODE_ATTEMPTS):
        number, reference = new_order_code(), random_reference()
        try:
            with transaction.atomic():
                return Order.objects.create(number=number, structured_reference=reference, **fields)
        except IntegrityError:
            if not Order.objects.filter(
                models.Q(number=number) | models.Q(structured_reference=reference)
            ).exists():
                raise
    raise PaymentError(_("We konden geen bestelnummer maken. Probeer opnieuw."), code="code_collision")


def _user_address(user) -> str:
    parts = [
        getattr(user, "street", ""),
        f"{getattr(user, 'postal_code', '')} {getattr(user, 'city', '')}".strip(),
    ]
    return "\n".join(p for p in parts if p)


def start_payment(*, order: Order, provider: str, return_url: str, cancel_url: str = "") -> PaymentStart:
    """Send the customer to ``provider``; returns where to redirect them (the provider or our own page).

    A provider that calls out over HTTP (Stripe) is called with no transaction open and no row locked:
    a slow or hanging provider must never keep the order locked, or every payment, webhook and expiry
    of that order (and whoever waits behind them) would queue behind one HTTP request."""
    provider_obj = get_provider(provider)
    if provider_obj not in _enabled():
        raise PaymentError(_("Deze betaalwijze is niet beschikbaar."), field="provider")
    urls = {"return_url": return_url, "cancel_url": cancel_url or return_url}
    if not provider_obj.calls_out:
        return _start_locally(order_id=order.pk, provider_obj=provider_obj, **urls)
    attempt = _record_intent(order_id=order.pk, provider=provider)
    try:
        result = provider_obj.start(
            order=attempt.order, amount=attempt.amount, idempotency_key=f"attempt-{attempt.pk}", **urls
        )
    except Exception:
        PaymentAttempt.objects.filter(pk=attempt.pk).update(status=PaymentAttempt.Status.FAILED)
        raise
    return _store_hand_off(attempt=attempt, result=result, provider_obj=provider_obj)


def _check_payable(order: Order) -> None:
    if order.is_paid:
        raise PaymentError(_("Deze bestelling is al betaald."), code="already_paid")
    if not order.is_unpaid or (order.expires_at and order.expires_at <= timezone.now()):
        raise PaymentError(_("Deze bestelling is vervallen of geannuleerd."), code="expired")


@transaction.atomic
def _start_locally(*, order_id: int, provider_obj, return_url: str, cancel_url: str) -> PaymentStart:
    """Providers without an HTTP call (bank transfer): one short transaction with the order locked."""
    order = lock_order_and_targets(order_id, resources=True)  # a bank transfer extends the holds
    _check_payable(order)
    held_until = order.expires_at
    amount = order.balance_due()
    result = provider_obj.start(order=order, amount=amount, return_url=return_url, cancel_url=cancel_url)
    if order.expires_at and (held_until is None or order.expires_at > held_until):
        _tell_hold_extended(order)
    order.status = OrderStatus.PENDING
    order.provider = provider_obj.key
    order.save(update_fields=["status", "provider", "updated_at"])
    PaymentAttempt.objects.create(
        order=order,
        provider=provider_obj.key,
        status=PaymentAttempt.Status.OPEN,
        external_id=result.external_id,
        redirect_url=result.redirect_url,
        amount=amount,
    )
    if provider_obj.key == "bank_transfer":
        from payments import tasks

        transaction.on_commit(lambda: tasks.send_payment_instructions.delay(order_id))
    return PaymentStart(order=order, redirect_url=result.redirect_url, provider=provider_obj.key)


def _record_intent(*, order_id: int, provider: str) -> PaymentAttempt:
    """Step 1 of an HTTP hand-off: check, note the attempt and commit. Durable, because the lock must
    really end here: nested in a caller's transaction it would last through the HTTP call."""
    with transaction.atomic(durable=True):
        order = lock_order(order_id)
        _check_payable(order)
        return PaymentAttempt.objects.create(
            order=order, provider=provider, status=PaymentAttempt.Status.STARTING, amount=order.balance_due()
        )


def _store_hand_off(*, attempt: PaymentAttempt, result, provider_obj) -> PaymentStart:
    """Step 3: keep the provider's session, unless the order was paid, expired or changed meanwhile;
    then the session is closed at the provider (after commit, no lock held) and the customer told why."""
    problem: PaymentError | None = None
    with transaction.atomic(durable=True):
        order = lock_order(attempt.order_id)
        try:
            _check_payable(order)
            if order.balance_due() != attempt.amount:
                raise PaymentError(
                    _("Het te betalen bedrag is intussen gewijzigd. Kies opnieuw hoe je betaalt."),
                    code="amount_changed",
                )
        except PaymentError as exc:
            problem = exc
        attempt.external_id, attempt.redirect_url = result.external_id, result.redirect_url
        attempt.status = PaymentAttempt.Status.ABANDONED if problem else PaymentAttempt.Status.OPEN
        attempt.save(update_fields=["external_id", "redirect_url", "status"])
        if problem is None:
            order.status = OrderStatus.PENDING
            order.provider = provider_obj.key
            order.save(update_fields=["status", "provider", "updated_at"])
    if problem is not None:
        try:
            provider_obj.abandon(external_id=result.external_id)
        except Exception:  # the session still closes at its own expires_at; nobody has its URL
            logger.exception("could not close %s session %s", provider_obj.key, result.external_id)
        raise problem
    return PaymentStart(order=order, redirect_url=result.redirect_url, provider=provider_obj.key)


def _tell_hold_extended(order: Order) -> None:
    """The order now stays payable until ``expires_at``: owners that hold capacity must hold it as long,
    or money could arrive for something that was given to someone else meanwhile."""
    for handler, own_lines in registry.lines_by_handler(list(order.lines.all())):
        hook = getattr(handler, "on_hold_extended", None)
        if hook is not None:
            hook(order=order, lines=own_lines, until=order.expires_at)


def _enabled():
    from payments.providers import enabled_providers

    return enabled_providers()


@transaction.atomic
def cancel_order(*, order: Order, reason: str = "", by=None) -> Order:
    """Cancel an unpaid order; its handlers release what they held. Paid orders need refund_order."""
    order = lock_order_and_targets(order.pk, resources=False)
    if order.status == OrderStatus.CANCELLED:
        return order
    if not order.is_unpaid:
        raise PaymentError(_("Enkel een onbetaalde bestelling kan geannuleerd worden."), code="not_unpaid")
    order.status = OrderStatus.CANCELLED
    order.expires_at = None
    order.save(update_fields=["status", "expires_at", "updated_at"])
    notify_handlers(order, "on_cancelled")
    return order


@transaction.atomic
def expire_order(*, order_id: int, now: datetime.datetime | None = None) -> bool:
    """Expire one unpaid order whose hold has ended; True when it changed."""
    now = now or timezone.now()
    order = lock_order_and_targets(order_id, resources=False)
    if not order.is_unpaid or order.expires_at is None or order.expires_at > now:
        return False
    order.status = OrderStatus.EXPIRED
    order.save(update_fields=["status", "updated_at"])
    notify_handlers(order, "on_expired")
    return True


def expire_unpaid_orders(*, now: datetime.datetime | None = None) -> int:
    """Each order in its own transaction, so one failing handler does not block the others."""
    now = now or timezone.now()
    ids = Order.objects.filter(status__in=UNPAID_STATUSES, expires_at__lte=now).values_list("pk", flat=True)
    count = 0
    for order_id in list(ids):
        try:
            count += expire_order(order_id=order_id, now=now)
        except Exception:
            logger.exception("could not expire order %s", order_id)
    return count


def send_payment_reminders(*, today: datetime.date | None = None) -> int:
    """Remind bank-transfer customers a few days before the due date, once per order."""
    today = today or localtime.today()
    days_before = getattr(settings, "PAYMENT_REMINDER_DAYS_BEFORE_DUE", 3)
    orders = Order.objects.filter(
        status=OrderStatus.PENDING,
        provider="bank_transfer",
        reminder_sent_at__isnull=True,
        due_date__lte=today + datetime.timedelta(days=days_before),
    )
    from payments import notifications

    count = 0
    for order_id in list(orders.values_list("pk", flat=True)):
        with transaction.atomic():
            order = lock_order(order_id)
            if order.reminder_sent_at or order.status != OrderStatus.PENDING or not order.customer_email:
                continue
            order.reminder_sent_at = timezone.now()
            order.save(update_fields=["reminder_sent_at", "updated_at"])
            transaction.on_commit(functools.partial(notifications.send_payment_reminder, order_id=order_id))
            count += 1
    return count
