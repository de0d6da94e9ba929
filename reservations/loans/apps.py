from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LoansConfig(AppConfig):
    name = "reservations.loans"
    label = "loans"
    verbose_name = _("Uitleendienst")

    def ready(self) -> None:
        """Tell the engines about loans: payment handler, desk permissions, dashboards."""
        from accounts import desks
        from accounts.sections import register_section
        from themes.dashboard import register_dashboard_provider

        from . import handlers, wagtail_hooks

        handlers.register()
        desks.register_desk_permissions(desks.LOANS, {
            **{f"loans.{model}": desks.ALL for model in (
                "depot", "itemcategory", "loanitem", "loanitemphoto", "kit", "kitcomponent", "loan",
                "loanline", "unitblock")},
            **{f"calendars.{model}": desks.ALL for model in ("resource", "openinghours", "closure")},
            "calendars.allocation": desks.READ,
            "associations.association": desks.READ,
            "payments.order": desks.EDIT,
            "payments.payment": desks.READ,
            "payments.deposit": desks.EDIT,
            "payments.tariff": desks.EDIT,
            "wagtailimages.image": ("add", "choose"),
        })
        register_dashboard_provider(
            key="loans.pending", title=_("Uitleendienst"), provider=wagtail_hooks.pending_loans
        )
        from payments.registry import register_shop_link

        register_shop_link(key="loans", label=_("Materiaal lenen"), url_name="loans:loan_catalogue", order=20)
        register_section(
            key="loans.loans",
            title=_("Mijn ontleningen"),
            url_name="loans:my_loans",
            description=_("Materiaal dat u leent of aanvroeg: ophalen en terugbrengen."),
            order=50,
        )
