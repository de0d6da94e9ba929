"""Stripe hosted Checkout (card + Bancontact). The same code talks to Stripe or, in tests, to loopback."""

import datetime

import stripe
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from payments.amounts import as_minor_units
from payments.errors import PaymentError
from payments.providers.base import PaymentProvider, StartResult

# Stripe refuses Checkout Sessions that expire sooner than 30 minutes or later than 24 hours.
MIN_SESSION_LIFETIME = datetime.timedelta(minutes=31)
MAX_SESSION_LIFETIME = datetime.timedelta(hours=23, minutes=59)
CHECKOUT_LOCALES = {"nl": "nl", "en": "en", "fr": "fr", "de": "de"}


def configure_sdk() -> None:
    """Point the SDK at STRIPE_API_BASE when set (loopback in tests), else at api.stripe.com."""
    stripe.api_base = settings.STRIPE_API_BASE or "https://api.stripe.com"
    stripe.max_network_retries = 2


def checkout_locale(language: str) -> str:
    return CHECKOUT_LOCALES.get((language or "nl")[:2].lower(), "auto")


def session_expiry(order) -> int | None:
    """Let Stripe close the session when our hold ends, so nobody pays for places already released."""
    if not order.expires_at:
        return None
    lifetime = order.expires_at - timezone.now()
    lifetime = min(max(lifetime, MIN_SESSION_LIFETIME), MAX_SESSION_LIFETIME)
    return int((timezone.now() + lifetime).timestamp())


class StripeProvider(PaymentProvider):
    key = "stripe"
    label = _("Bancontact of kaart")
    customer_can_choose = True
    refunds_automatically = True
    calls_out = True

    def is_available(self) -> bool:
        return bool(settings.STRIPE_SECRET_KEY)

    def start(
        self, *, order, amount, return_url: str, cancel_url: str, idempotency_key: str = ""
    ) -> StartResult:
        """Create the Checkout Session; called with no lock held (``calls_out``), so it only reads."""
        configure_sdk()
        separator = "&" if "?" in return_url else "?"
        params = {
            "mode": "payment",
            "payment_method_types": ["card", "bancontact"],
            "locale": checkout_locale(order.language),
            "line_items": [
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": "eur",
                        "unit_amount": as_minor_units(amount),
                        "product_data": {"name": f"{order.municipality.name} {order.number}"},
                    },
                }
            ],
            "success_url": f"{return_url}{separator}session_id={{CHECKOUT_SESSION_ID}}",
            "cancel_url": cancel_url,
            "client_reference_id": order.number,
            "metadata": {"order_id": str(order.pk), "order_number": order.number},
            "payment_intent_data": {"metadata": {"order_id": str(order.pk), "order_number": order.number}},
        }
        if order.customer_email:
            params["customer_email"] = order.customer_email
        expires_at = session_expiry(order)
        if expires_at:
            params["expires_at"] = expires_at
        try:
            session = stripe.checkout.Session.create(
                api_key=settings.STRIPE_SECRET_KEY,
                idempotency_key=idempotency_key or None,
                **params,
            )
        except stripe.StripeError as exc:
            raise PaymentError(
                _("Online betalen lukt nu niet. Probeer later opnieuw of kies een andere betaalwijze."),
                field="provider",
                code="provider_unavailable",
            ) from exc
        if not session.url:  # only an already completed or expired session has none
            raise PaymentError(
                _("Online betalen lukt nu niet. Probeer later opnieuw of kies een andere betaalwijze."),
                field="provider",
                code="provider_unavailable",
            )
        return StartResult(redirect_url=session.url, external_id=session.id)

    def abandon(self, *, external_id: str) -> None:
        if external_id:
            configure_sdk()
            stripe.checkout.Session.expire(external_id, api_key=settings.STRIPE_SECRET_KEY)

    def retrieve_session(self, session_id: str):
        configure_sdk()
        return stripe.checkout.Session.retrieve(session_id, api_key=settings.STRIPE_SECRET_KEY)

    def refund(self, *, refund) -> str:
        configure_sdk()
        result = stripe.Refund.create(
            api_key=settings.STRIPE_SECRET_KEY,
            idempotency_key=f"refund-{refund.pk}",
            payment_intent=refund.payment.provider_reference,
            amount=as_minor_units(refund.amount),
            metadata={"order_number": refund.order.number, "refund_id": str(refund.pk)},
        )
        return result.id
