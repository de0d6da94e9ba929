from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from accounts.sections import register_section

        # Only accounts' own sections: feature apps register theirs from their own ready().
        register_section(
            key="accounts.profile",
            title=_("Mijn gegevens"),
            url_name="accounts:profile",
            description=_("Naam, adres, telefoon en taal aanpassen."),
            order=10,
        )
        register_section(
            key="accounts.household",
            title=_("Mijn gezin"),
            url_name="accounts:household",
            description=_("Kinderen en andere gezinsleden die u inschrijft."),
            order=20,
        )
