"""E-mails about room bookings. Called after commit (from tasks), never inside a transaction."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from calendars.ical import event_ics
from reservations.rooms.models import Booking
from reservations.rooms.pdf import municipality_of, render_booking_pdf


def _recipients(booking: Booking) -> list[str]:
    emails = [booking.customer.email]
    if booking.association_id and booking.association.email not in emails:
        emails.append(booking.association.email)
    return [e for e in emails if e]


def _send(booking: Booking, *, subject: str, template: str, attachments=()) -> None:
    language = getattr(booking.customer, "preferred_language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        body = render_to_string(
            template,
            {
                "booking": booking,
                "municipality": municipality_of(booking).name,
                "base_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
            },
        )
        message = EmailMessage(subject=str(subject), body=body, to=_recipients(booking))
    for attachment in attachments:
        message.attach(*attachment)
    message.send()


def _load(booking_id: int) -> Booking:
    return Booking.objects.select_related(
        "room__venue", "customer", "association", "order", "allocation"
    ).get(pk=booking_id)


def send_booking_confirmation(*, booking_id: int) -> None:
    booking = _load(booking_id)
    attachments = [(f"zaalreservatie-{booking.pk}.pdf", render_booking_pdf(booking), "application/pdf")]
    if booking.allocation_id:
        attachments.append(
            (f"zaalreservatie-{booking.pk}.ics", event_ics(allocation=booking.allocation), "text/calendar")
        )
    _send(
        booking,
        subject=_("Bevestiging: %(room)s") % {"room": booking.room},
        template="rooms/email/confirmation.txt",
        attachments=attachments,
    )


def send_booking_received(*, booking_id: int) -> None:
    booking = _load(booking_id)
    _send(
        booking,
        subject=_("Aanvraag ontvangen: %(room)s") % {"room": booking.room},
        template="rooms/email/received.txt",
    )


def send_booking_rejected(*, booking_id: int) -> None:
    booking = _load(booking_id)
    _send(
        booking,
        subject=_("Aanvraag niet goedgekeurd: %(room)s") % {"room": booking.room},
        template="rooms/email/rejected.txt",
    )


def send_booking_reminder(*, booking_id: int) -> None:
    booking = _load(booking_id)
    _send(
        booking,
        subject=_("Herinnering: %(room)s") % {"room": booking.room},
        template="rooms/email/reminder.txt",
    )
