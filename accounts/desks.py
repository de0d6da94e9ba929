"""The municipal staff desks and what each may do in the back-office.

Desks are Django groups. Each app says in its own `AppConfig.ready()` which of its models a desk
may add, change, delete or view, so no module needs to know every app's models:

    register_desk_permissions(ROOM_HIRE, {"rooms.booking": ALL, "payments.order": EDIT})

`cms.services.ensure_staff_groups` creates the groups and grants what is registered here. It lives
in accounts, the lowest engine, so every app may register without importing upward.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ROOM_HIRE = "Zaalverhuur"
LOANS = "Uitleendienst"
EVENTS_DESK = "Evenementenloket"
CULTURE_TICKETS = "Cultuur en tickets"
LEISURE_ACTIVITIES = "Vrije tijd en activiteiten"
FINANCE = "Financiën"

STAFF_DESKS: dict[str, str | Promise] = {
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

_permissions: dict[str, dict[str, tuple[str, ...]]] = {desk: {} for desk in STAFF_DESKS}


def register_desk_permissions(desk: str, model_actions: dict[str, tuple[str, ...]]) -> None:
    """Grant a desk actions on models ("app_label.model": actions); registering twice is harmless."""
    if desk not in STAFF_DESKS:
        raise ValueError(f"Unknown staff desk: {desk}")
    granted = _permissions[desk]
    for label, actions in model_actions.items():
        granted[label] = tuple(sorted(set(granted.get(label, ())) | set(actions)))


def desk_permissions(desk: str) -> dict[str, tuple[str, ...]]:
    """What the apps registered for one desk (a copy)."""
    return dict(_permissions.get(desk, {}))
