"""Payment providers behind one interface; which ones are offered is decided by PAYMENT_PROVIDERS."""

from django.conf import settings

from payments.errors import PaymentError
from payments.providers.bank_transfer import BankTransferProvider
from payments.providers.base import PaymentProvider, StartResult
from payments.providers.counter import CounterProvider, FreeProvider
from payments.providers.stripe_checkout import StripeProvider

PROVIDERS: dict[str, PaymentProvider] = {
    p.key: p for p in (StripeProvider(), BankTransferProvider(), CounterProvider(), FreeProvider())
}


def get_provider(key: str) -> PaymentProvider:
    try:
        return PROVIDERS[key]
    except KeyError:
        raise PaymentError("Onbekende betaalwijze.", field="provider", code="unknown_provider") from None


def enabled_providers() -> list[PaymentProvider]:
    """Providers switched on in settings and configured well enough to work, in settings order."""
    return [
        PROVIDERS[k] for k in settings.PAYMENT_PROVIDERS if k in PROVIDERS and PROVIDERS[k].is_available()
    ]


def online_providers() -> list[PaymentProvider]:
    """What a customer may choose on the payment page."""
    return [p for p in enabled_providers() if p.customer_can_choose]


__all__ = ["PaymentProvider", "StartResult", "enabled_providers", "get_provider", "online_providers"]
