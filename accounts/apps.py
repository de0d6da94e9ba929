from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from accounts.dashboard import register_dashboard_link

        register_dashboard_link(
            key="accounts.profile",
            title=_("Mijn gegevens"),
            url_name="accounts:profile",
            description=_("Naam, adres, telefoon en taal aanpassen."),
            order=10,
        )
        register_dashboard_link(
            key="accounts.household",
            title=_("Mijn gezin"),
            url_name="accounts:household",
            description=_("Kinderen en andere gezinsleden die u inschrijft."),
            order=20,
        )
        # Placeholders: shown as soon as the feature app provides the URL name.
        placeholders = [
            ("rooms.bookings", _("Mijn reservaties"), "rooms:my_bookings", 40),
            ("loans.loans", _("Mijn ontleningen"), "loans:my_loans", 50),
            ("ticketing.tickets", _("Mijn tickets"), "ticketing:my_tickets", 60),
            ("ticketing.activities", _("Mijn activiteiten"), "ticketing:my_activities", 70),
        ]
        for key, title, url_name, order in placeholders:
            register_dashboard_link(key=key, title=title, url_name=url_name, order=order)
