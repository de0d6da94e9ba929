"""The municipal staff groups of the back-office.

Created after every migrate (post_migrate, see CmsConfig.ready) and by load_demo, so a fresh
install always has them. Feature apps grant their own model permissions to these groups by name.
"""

from django.utils.translation import gettext_lazy as _

ROOM_HIRE = "Zaalverhuur"
LOANS = "Uitleendienst"
EVENTS_DESK = "Evenementenloket"
CULTURE_TICKETS = "Cultuur en tickets"
LEISURE_ACTIVITIES = "Vrije tijd en activiteiten"
FINANCE = "Financiën"

STAFF_GROUPS: dict[str, str] = {
    ROOM_HIRE: _("Behandelt zaalaanvragen en seizoensaanvragen."),
    LOANS: _("Beheert de uitleendienst: materiaal, pick-lijsten, teruggave."),
    EVENTS_DESK: _("Behandelt evenementmeldingen, adviezen en beslissingen."),
    CULTURE_TICKETS: _("Beheert voorstellingen, tickets en scanning aan de deur."),
    LEISURE_ACTIVITIES: _("Beheert activiteiten, inschrijvingen en wachtlijsten."),
    FINANCE: _("Volgt betalingen, facturen, terugbetalingen en waarborgen op."),
}

ALL = ("add", "change", "delete", "view")
READ = ("view",)
EDIT = ("change", "view")

# What each desk may do in the back-office, per model ("app_label.model": actions). cms sits on top
# of every app, so the whole map lives here; a model that does not exist (yet) is skipped.
GROUP_MODEL_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    ROOM_HIRE: {
        **{f"rooms.{m}": ALL for m in ("venue", "room", "roomextra", "booking", "seasonrequest",
                                                "seasonoccurrence")},
        **{f"calendars.{m}": ALL for m in ("resource", "openinghours", "closure", "publicholiday")},
        "calendars.allocation": READ,
        "calendars.series": READ,
        "associations.association": READ,
        "payments.order": EDIT,
        "payments.payment": READ,
        "payments.tariff": EDIT,
        "wagtailimages.image": ("add", "choose"),
        "wagtaildocs.document": ("add", "choose"),
    },
    LOANS: {
        **{f"loans.{m}": ALL for m in ("depot", "itemcategory", "loanitem", "loanitemphoto", "kit",
                                                "kitcomponent", "loan", "loanline", "unitblock")},
        **{f"calendars.{m}": ALL for m in ("resource", "openinghours", "closure")},
        "calendars.allocation": READ,
        "associations.association": READ,
        "payments.order": EDIT,
        "payments.payment": READ,
        "payments.deposit": EDIT,
        "payments.tariff": EDIT,
        "wagtailimages.image": ("add", "choose"),
    },
    EVENTS_DESK: {
        "associations.association": EDIT,
        "associations.membership": READ,
        "calendars.resource": READ,
        "calendars.allocation": READ,
    },
    CULTURE_TICKETS: {
        "calendars.resource": READ,
        "calendars.allocation": READ,
        "payments.order": READ,
    },
    LEISURE_ACTIVITIES: {
        "calendars.resource": READ,
        "calendars.allocation": READ,
        "payments.order": READ,
    },
    FINANCE: {
        **{f"payments.{m}": EDIT for m in ("order", "orderline", "invoice", "payment", "refund", "deposit",
                                             "statementline", "tariff")},
        "payments.statementimport": ALL,
        "payments.webhookevent": READ,
        "associations.association": READ,
    },
}
