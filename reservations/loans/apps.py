from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LoansConfig(AppConfig):
    name = "reservations.loans"
    label = "loans"
    verbose_name = _("Uitleendienst")

    def ready(self) -> None:
        from . import handlers

        handlers.register()
