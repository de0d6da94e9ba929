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
