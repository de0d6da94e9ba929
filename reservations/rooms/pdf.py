"""The PDF confirmation of a room booking (reportlab): what, where, when, price, house rules, key/access."""

import io
from decimal import Decimal

from django.conf import settings
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from accounts.municipalities import default_municipality
from reservations.rooms.models import Booking


def _euro(value) -> str:
    return "€ " + formats.number_format(Decimal(value), decimal_pos=2, use_l10n=True, force_grouping=True)


def municipality_of(booking: Booking):
    return booking.order.municipality if booking.order_id else default_municipality()  # TEMPORARY


def render_booking_pdf(booking: Booking) -> bytes:
    buffer = io.BytesIO()
    room, venue = booking.room, booking.room.venue
    start, end = timezone.localtime(booking.start), timezone.localtime(booking.end)
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=_("Bevestiging zaalreservatie %(number)s") % {"number": booking.pk},
        author=municipality_of(booking).name,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
    )
    styles = getSampleStyleSheet()

    def para(text: str, style: str = "Normal") -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), styles[style])

    story = [
        para(municipality_of(booking).name, "Title"),
        para(_("Bevestiging zaalreservatie nr. %(number)s") % {"number": booking.pk}, "Heading2"),
        para(_("Status: %(state)s") % {"state": booking.get_state_display()}),
        Spacer(1, 4 * mm),
        Table(
            [
                [_("Wat"), f"{room.name} – {booking.purpose}"],
                [_("Voor"), booking.booked_for],
                [_("Waar"), f"{venue.name}, {venue.address}"],
                [
                    _("Wanneer"),
                    f"{formats.date_format(start, 'l j F Y')} {start:%H:%M}–{end:%H:%M}",
                ],
                [_("Personen"), f"{booking.people} ({booking.get_layout_display()})"],
                [_("Prijs"), _euro(booking.total)],
                [_("Bestelling"), booking.order.number if booking.order_id else "–"],
            ],
            colWidths=[35 * mm, 135 * mm],
            hAlign="LEFT",
        ),
    ]
    if booking.order_id:
        story += [Spacer(1, 4 * mm), para(_("Detail"), "Heading3")]
        story.append(
            Table(
                [[line.description, _euro(line.total)] for line in booking.order.lines.all()],
                colWidths=[135 * mm, 35 * mm],
                hAlign="LEFT",
            )
        )
    if venue.access_arrangements:
        story += [
            Spacer(1, 4 * mm),
            para(_("Sleutel en toegang"), "Heading3"),
            para(venue.access_arrangements),
        ]
    if venue.route or venue.parking:
        story += [para(_("Bereikbaarheid"), "Heading3"), para(venue.route), para(venue.parking)]
    story += [Spacer(1, 4 * mm), para(_("Huisreglement"), "Heading3")]
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
    story += [Spacer(1, 4 * mm), para(cancellation)]
    doc.build(story)
    return buffer.getvalue()
