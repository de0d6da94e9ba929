from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TicketsConfig(AppConfig):
    name = "ticketing.tickets"
    label = "tickets"
    verbose_name = _("Ticketverkoop")

    def ready(self) -> None:
        from accounts import desks

        desks.register_desk_permissions(desks.CULTURE_TICKETS, {
            "calendars.resource": desks.READ,
            "calendars.allocation": desks.READ,
            "payments.order": desks.READ,
        })
