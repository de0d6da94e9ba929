"""Stripe webhooks: verify, store every event, process each event id once, in any order of arrival.

Storing comes first (its own transaction); processing locks the stored event row, so concurrent
deliveries of one event wait for each other and the second one sees it already processed. Payments
are keyed by the PaymentIntent id, so different events about the same payment book it once.
"""

import json
import logging
from decimal import Decimal

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from payments import services
from payments.amounts import from_minor_units
from payments.errors import PaymentError
from payments.models import Order, Payment, PaymentAttempt, Refund, WebhookEvent
from payments.services.common import lock_order

logger = logging.getLogger(__name__)

PAYMENT_EVENTS = {"checkout.session.completed", "checkout.session.async_payment_succeeded"}
SUBSCRIBED_EVENTS = [
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
    "checkout.session.async_payment_failed",
    "checkout.session.expired",
    "refund.updated",
    "refund.failed",
]


def verify_event(*, payload: bytes, signature: str) -> dict:
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise PaymentError("Stripe webhooks are not configured", code="bad_signature")
    try:
        stripe.Webhook.construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET)
    except (ValueError, stripe.SignatureVerificationError) as exc:
        raise PaymentError("invalid Stripe signature", code="bad_signature") from exc
    return json.loads(payload)


def store_event(event: dict) -> WebhookEvent:
    """Keep every delivery's event once; a repeat only bumps the delivery counter."""
    try:
        with transaction.atomic():
            return WebhookEvent.objects.create(
                provider="stripe", event_id=event["id"], event_type=event.get("type", ""), payload=event
            )
    except IntegrityError:
        WebhookEvent.objects.filter(event_id=event["id"]).update(delivery_count=F("delivery_count") + 1)
        return WebhookEvent.objects.get(event_id=event["id"])


def receive_stripe_webhook(*, payload: bytes, signature: str) -> WebhookEvent:
    event = verify_event(payload=payload, signature=signature)
    stored = store_event(event)
    process_event(event_id=stored.event_id)
    return stored


def process_event(*, event_id: str) -> None:
    """Store what the event says (its payment first, committed), then apply that payment to its order.

    If applying fails (a lock timeout, a crash), the stored payment stays unapplied and
    payments.tasks.apply_pending_payments applies it a minute later: money that arrived is never lost."""
    payment_id = _store_event_effects(event_id=event_id)
    if payment_id is None:
        return
    try:
        services.apply_payment(payment_id=payment_id)
    except Exception:
        logger.exception("payment %s stored, applying it failed; it will be retried", payment_id)


@transaction.atomic
def _store_event_effects(*, event_id: str) -> int | None:
    stored = WebhookEvent.objects.select_for_update().get(event_id=event_id)
    if stored.processed_at:
        return None
    obj = stored.payload.get("data", {}).get("object", {})
    payment = None
    try:
        with transaction.atomic():
            if stored.event_type in PAYMENT_EVENTS:
                payment = book_paid_session(obj, apply=False)
            elif stored.event_type in {"refund.updated", "refund.failed"}:
                _update_refund(obj)
    except PaymentError as exc:  # e.g. an unusable amount: keep the event, show it to staff
        stored.error = str(exc.message)
    stored.processed_at = timezone.now()
    stored.save(update_fields=["processed_at", "error"])
    return payment.pk if payment is not None and payment.applied_at is None else None


def order_for_session(session: dict) -> Order | None:
    order_id = (session.get("metadata") or {}).get("order_id")
    if order_id and str(order_id).isascii() and str(order_id).isdecimal():
        order = Order.objects.filter(pk=int(order_id)).first()
        if order:
            return order
    attempt = PaymentAttempt.objects.filter(provider="stripe", external_id=session.get("id", "")).first()
    return attempt.order if attempt else None


def book_paid_session(session: dict, *, apply: bool = True) -> Payment | None:
    """Record the payment of a Checkout Session if Stripe says it is paid (webhook or return page);
    ``apply=False`` only stores it (the webhook applies it after its own commit)."""
    if session.get("payment_status") != "paid":
        return None  # Bancontact/card settle synchronously; async methods send async_payment_succeeded
    order = order_for_session(session)
    if order is None:
        logger.warning("paid Checkout Session %s for unknown order", session.get("id"))
        return None
    reference = session.get("payment_intent") or session.get("id")
    if isinstance(reference, dict):
        reference = reference.get("id")
    reference = str(reference or session.get("id") or "")
    amount = from_minor_units(int(session.get("amount_total") or 0)) or Decimal("0")
    if apply:
        return services.record_payment(
            order_id=order.pk,
            provider="stripe",
            amount=amount,
            method=Payment.Method.ONLINE,
            reference=reference,
        )
    payment, _created = services.store_payment(
        order_id=order.pk,
        provider="stripe",
        amount=amount,
        method=Payment.Method.ONLINE,
        reference=reference,
    )
    return payment


def _update_refund(obj: dict) -> None:
    refund = Refund.objects.filter(provider="stripe", provider_reference=obj.get("id", "")).first()
    own_id = str((obj.get("metadata") or {}).get("refund_id", ""))
    # The event can beat our own bookkeeping of the refund id.
    if refund is None and own_id.isascii() and own_id.isdecimal():
        refund = Refund.objects.filter(provider="stripe", pk=int(own_id)).first()
    if refund is None or obj.get("status") not in {"failed", "canceled"}:
        return
    Refund.objects.filter(pk=refund.pk).update(status=Refund.Status.FAILED)
    order = lock_order(refund.order_id)
    order.needs_attention = True
    order.attention_reason = "\n".join(
        filter(
            None,
            [
                order.attention_reason,
                _("Stripe-terugbetaling %(ref)s mislukt.") % {"ref": refund.provider_reference},
            ],
        )
    )
    order.save(update_fields=["needs_attention", "attention_reason", "updated_at"])
