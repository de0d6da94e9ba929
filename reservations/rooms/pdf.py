"""The booking confirmation PDF (layout: accounts.documents), attached to the confirmation e-mail."""

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

from accounts.documents import Issuer, build_pdf, euro, para, spacer, table
from accounts.localtime import local
from reservations.rooms.models import Booking


def render_booking_pdf(booking: Booking) -> bytes:
    room, venue = booking.room, booking.room.venue
    start, end = local(booking.start), local(booking.end)
    story = [
        para(_("Bevestiging zaalreservatie nr. %(number)s") % {"number": booking.pk}, "Heading2"),
        para(_("Status: %(state)s") % {"state": booking.get_state_display()}),
        spacer(4),
        table(
            [
                [_("Wat"), f"{room.name} – {booking.purpose}"],
                [_("Voor"), booking.booked_for],
                [_("Waar"), f"{venue.name}, {venue.address}"],
                [
                    _("Wanneer"),
                    f"{formats.date_format(start, 'l j F Y')} {start:%H:%M}–{end:%H:%M}",
                ],
                [_("Personen"), f"{booking.people} ({booking.get_layout_display()})"],
                [_("Prijs"), euro(booking.total)],
                [_("Bestelling"), booking.order.number if booking.order_id else "–"],
            ],
            col_widths=[35, 135],
        ),
    ]
    if booking.order_id:
        story += [spacer(4), para(_("Detail"), "Heading3")]
        story.append(
            table(
                [[line.description, euro(line.total)] for line in booking.order.lines.all()],
                col_widths=[135, 35],
            )
        )
    if venue.access_arrangements:
        story += [
            spacer(4),
            para(_("Sleutel en toegang"), "Heading3"),
            para(venue.access_arrangements),
        ]
    if venue.route or venue.parking:
        story += [para(_("Bereikbaarheid"), "Heading3"), para(venue.route), para(venue.parking)]
    story += [spacer(4), para(_("Huisreglement"), "Heading3")]
    if room.house_rules_id:
        story.append(
            para(
                _("Lees het huisreglement: %(url)s")
                % {"url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + room.house_rules.url}
            )
        )
    else:
        story.append(para(_("Laat de zaal proper en opgeruimd achter; respecteer de buren.")))
    cancellation = _(
        "Annuleren: gratis tot %(free)s dagen vooraf, daarna %(late)s%% tot %(days)s dagen vooraf, "
        "nadien %(very_late)s%%."
    ) % {
        "free": room.free_cancellation_days,
        "late": room.late_cancellation_percent,
        "days": room.late_cancellation_days,
        "very_late": room.very_late_cancellation_percent,
    }
    story += [spacer(4), para(cancellation)]
    return build_pdf(
        title=_("Bevestiging zaalreservatie %(number)s") % {"number": booking.pk},
        story=story,
        issuer=Issuer.of(booking.municipality),
    )
