"""E-mails about room bookings. Called after commit (from tasks), never inside a transaction."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.mail import Attachment, language_of, send_templated_mail
from calendars.ical import event_ics
from reservations.rooms.models import Booking
from reservations.rooms.pdf import render_booking_pdf


def _recipients(booking: Booking) -> list[str]:
    emails = [booking.customer.email]
    if booking.association_id and booking.association.email not in emails:
        emails.append(booking.association.email)
    return [e for e in emails if e]


def _send(booking: Booking, *, subject: Promise, template: str, attachments: list[Attachment] = ()) -> None:
    """One mail to the customer (and the association), in the customer's language."""
    send_templated_mail(
        to=_recipients(booking),
        subject=subject,
        params={"room": str(booking.room)},
        template=template,
        context={"booking": booking},
        attachments=attachments,
        language=language_of(booking.customer),
        municipality=booking.municipality,
    )


def _load(booking_id: int) -> Booking:
    return Booking.objects.select_related(
        "room__venue__municipality", "customer", "association", "order", "allocation"
    ).get(pk=booking_id)


def send_booking_confirmation(*, booking_id: int) -> None:
    booking = _load(booking_id)
    attachments = [(f"zaalreservatie-{booking.pk}.pdf", render_booking_pdf(booking), "application/pdf")]
    if booking.allocation_id:
        attachments.append(
            (f"zaalreservatie-{booking.pk}.ics", event_ics(allocation=booking.allocation), "text/calendar")
        )
    _send(booking, subject=_("Bevestiging: %(room)s"), template="rooms/email/confirmation.txt",
          attachments=attachments)


def send_booking_received(*, booking_id: int) -> None:
    _send(_load(booking_id), subject=_("Aanvraag ontvangen: %(room)s"), template="rooms/email/received.txt")


def send_booking_rejected(*, booking_id: int) -> None:
    _send(
        _load(booking_id),
        subject=_("Aanvraag niet goedgekeurd: %(room)s"),
        template="rooms/email/rejected.txt",
    )


def send_booking_reminder(*, booking_id: int) -> None:
    _send(_load(booking_id), subject=_("Herinnering: %(room)s"), template="rooms/email/reminder.txt")
