from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoomsConfig(AppConfig):
    name = "reservations.rooms"
    label = "rooms"
    verbose_name = _("Zaalverhuur")

    def ready(self) -> None:
        from . import handlers

        handlers.register()
