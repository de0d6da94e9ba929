"""The one confirmation of a checked-out basket: a PDF receipt of every line and one .ics for what is dated.

Built from the order's own lines (description, amount, starts_at/ends_at/location copied from the basket),
so the engine never needs to know which feature app sold what. A bought thing (a booking's rent, extras
and deposit; a loan's items) is one group of lines with one target, and one event in the .ics.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event
from reportlab.lib import colors

from accounts import documents, localtime
from accounts.documents import euro, para
from payments.models import Order, OrderLine

PRODID = "-//Dorpsplein//Bestelling//NL"


@dataclass(frozen=True)
class LineGroup:
    """The lines of one bought thing, with when and where it takes place (from its first dated line)."""

    key: tuple[int | None, int | None]
    lines: list[OrderLine]
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    location: str

    @property
    def title(self) -> str:
        return self.lines[0].description

    @property
    def total(self) -> Decimal:
        return sum((line.total for line in self.lines), Decimal("0.00"))


def line_groups(order: Order) -> list[LineGroup]:
    """The order's lines per bought thing (same target), in the order they were bought."""
    grouped: dict[tuple[int | None, int | None], list[OrderLine]] = {}
    for line in order.lines.order_by("position", "pk"):
        key = (line.target_content_type_id, line.target_object_id)
        if key == (None, None):
            key = (None, line.pk)  # a line without a target stands alone
        grouped.setdefault(key, []).append(line)
    groups = []
    for key, lines in grouped.items():
        dated = next((line for line in lines if line.starts_at), None)
        groups.append(
            LineGroup(
                key=key,
                lines=lines,
                starts_at=dated.starts_at if dated else None,
                ends_at=dated.ends_at if dated else None,
                location=next((line.location for line in lines if line.location), ""),
            )
        )
    return groups


def _uid_domain() -> str:
    return getattr(settings, "CALENDAR_UID_DOMAIN", "dorpsplein")


def event_uid(order: Order, group: LineGroup) -> str:
    """Stable across re-sends: the order number and what the group is for."""
    content_type, object_id = group.key
    return f"order-{order.number}-{content_type or 'line'}-{object_id}@{_uid_domain()}"


def order_ics(order: Order) -> bytes:
    """A VCALENDAR with one VEVENT per dated group, in Europe/Brussels (with its VTIMEZONE)."""
    with translation.override(order.language):
        cal = Calendar()
        cal.add("prodid", PRODID)
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        cal.add("x-wr-calname", _("Bestelling %(number)s") % {"number": order.number})
        cal.add("x-wr-timezone", localtime.ZONE_NAME)
        stamp = order.paid_at or order.created_at or timezone.now()
        for group in line_groups(order):
            if group.starts_at is None:
                continue
            event = Event()
            event.add("uid", event_uid(order, group))
            event.add("dtstamp", stamp)
            event.add("dtstart", localtime.local(group.starts_at))
            event.add("dtend", localtime.local(group.ends_at or group.starts_at))
            event.add("summary", group.title)
            if group.location:
                event.add("location", group.location)
            event.add("description", "\n".join(line.description for line in group.lines))
            cal.add_component(event)
        cal.add_missing_timezones(first_date=dt.date(2000, 1, 1), last_date=dt.date(2050, 1, 1))
        return cal.to_ical()


def _when(group: LineGroup) -> str:
    if group.starts_at is None:
        return ""
    start = localtime.local(group.starts_at)
    text = formats.date_format(start, "j F Y H:i")
    if group.ends_at:
        end = localtime.local(group.ends_at)
        same_day = end.date() == start.date()
        text += " – " + formats.date_format(end, "H:i" if same_day else "j F Y H:i")
    return text


def payment_methods(order: Order) -> str:
    """How the order was paid, as the customer knows it (Bancontact, overschrijving, gratis…)."""
    labels: list[str] = []
    for payment in order.payments.order_by("received_at", "pk"):
        label = str(payment.get_method_display())
        if label not in labels:
            labels.append(label)
    return ", ".join(labels)


def render_confirmation_pdf(order: Order) -> bytes:
    """The receipt: municipality as issuer, every line with when and where, the total and how it was paid."""
    with translation.override(order.language):
        return _render(order)


def _render(order: Order) -> bytes:
    title = _("Bevestiging van bestelling %(number)s") % {"number": order.number}
    story = [para(title, "Heading2")]
    if order.paid_at:
        paid_on = formats.date_format(localtime.local(order.paid_at), "j F Y")
        story.append(para(f"{_('Betaald op')}: {paid_on}"))
    story += [para(order.customer_name, "Heading4"), documents.spacer(4)]
    rows: list[list[object]] = [[_("Omschrijving"), _("Wanneer"), _("Plaats"), _("Bedrag")]]
    for group in line_groups(order):
        for index, line in enumerate(group.lines):
            rows.append(
                [
                    para(line.description),
                    para(_when(group)) if index == 0 else "",
                    para(group.location) if index == 0 else "",
                    euro(line.total),
                ]
            )
    rows += [
        ["", "", _("Excl. btw"), euro(order.total_excl_vat)],
        ["", "", _("Btw"), euro(order.total_vat)],
        ["", "", _("Totaal"), euro(order.total)],
    ]
    story += [
        documents.table(
            rows,
            col_widths=[62, 40, 48, 24],
            repeat_rows=1,
            style=[
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("ALIGN", (3, 0), (3, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEABOVE", (2, -3), (-1, -3), 0.5, colors.grey),
                ("FONTNAME", (2, -1), (-1, -1), documents.FONT_BOLD),
            ],
        ),
        documents.spacer(6),
    ]
    methods = payment_methods(order)
    if methods:
        story.append(para(f"{_('Betaalwijze')}: {methods}"))
    story.append(para(_("Bewaar deze bevestiging; toon ze als iemand erom vraagt.")))
    return documents.build_pdf(title=title, story=story, issuer=documents.Issuer.of(order.municipality))
