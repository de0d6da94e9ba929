from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "payments"
    verbose_name = _("Betalingen")

    def ready(self) -> None:
        from accounts import desks

        desks.register_desk_permissions(desks.FINANCE, {
            **{f"payments.{model}": desks.EDIT for model in (
                "order", "orderline", "invoice", "payment", "refund", "deposit", "statementline", "tariff")},
            "payments.statementimport": desks.ALL,
            "payments.webhookevent": desks.READ,
        })
