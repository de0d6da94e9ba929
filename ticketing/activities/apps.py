from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "ticketing.activities"
    label = "activities"
    verbose_name = _("Activiteiten")

    def ready(self) -> None:
        from accounts import desks

        desks.register_desk_permissions(desks.LEISURE_ACTIVITIES, {
            "calendars.resource": desks.READ,
            "calendars.allocation": desks.READ,
            "payments.order": desks.READ,
        })
