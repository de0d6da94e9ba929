"""Counter (cash or card terminal, recorded by staff) and free orders: no external party involved."""

from django.utils.translation import gettext_lazy as _

from payments.providers.base import PaymentProvider


class CounterProvider(PaymentProvider):
    key = "counter"
    label = _("Aan de balie")
    # Money handed back at the counter is done the moment staff record it.
    refunds_automatically = True

    def refund(self, *, refund) -> str:
        return f"counter-refund-{refund.pk}"


class FreeProvider(PaymentProvider):
    key = "free"
    label = _("Gratis")
