from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoomsConfig(AppConfig):
    name = "reservations.rooms"
    label = "rooms"
    verbose_name = _("Zaalverhuur")

    def ready(self) -> None:
        """Tell the engines about room hire: payment handler, desk permissions, dashboards."""
        from accounts import desks
        from accounts.sections import register_section
        from themes.dashboard import register_dashboard_provider

        from . import handlers, wagtail_hooks

        handlers.register()
        desks.register_desk_permissions(desks.ROOM_HIRE, {
            **{f"rooms.{model}": desks.ALL for model in (
                "venue", "room", "roomextra", "booking", "seasonrequest", "seasonoccurrence")},
            **{f"calendars.{model}": desks.ALL
               for model in ("resource", "openinghours", "closure", "publicholiday")},
            "calendars.allocation": desks.READ,
            "calendars.series": desks.READ,
            "associations.association": desks.READ,
            "payments.order": desks.EDIT,
            "payments.payment": desks.READ,
            "payments.tariff": desks.EDIT,
            "wagtailimages.image": ("add", "choose"),
            "wagtaildocs.document": ("add", "choose"),
        })
        register_dashboard_provider(
            key="rooms.pending", title=_("Zaalverhuur"), provider=wagtail_hooks.pending_requests
        )
        from payments.registry import register_shop_link

        register_shop_link(key="rooms", label=_("Een zaal reserveren"), url_name="rooms:room_list", order=10)
        register_section(
            key="rooms.bookings",
            title=_("Mijn reservaties"),
            url_name="rooms:my_bookings",
            description=_("Zalen die u huurde of aanvroeg: betalen, annuleren en verplaatsen."),
            order=40,
        )
