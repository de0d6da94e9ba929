"""What happens to a booking without anyone deciding: payments' handler callbacks (paid, expired,
cancelled, bank-transfer hold), options that run out, and reminders before the day."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from calendars import errors as calendar_errors
from calendars import services as calendar_services
from calendars.models import AllocationState
from payments.errors import PaymentError
from reservations.rooms.models import Booking, BookingState
from reservations.rooms.services.bookings import _confirm, _lock_booking

# --- handler callbacks (called by payments inside its transaction) ------------------------------


def confirm_paid_booking(*, booking: Booking, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    with transaction.atomic():
        booking = _lock_booking(booking)
        if booking.state in (BookingState.AWAITING_PAYMENT, BookingState.EXPIRED):
            _confirm(booking, now=now)


def extend_booking_hold(*, booking: Booking, until: dt.datetime, now: dt.datetime | None = None) -> None:
    """Hold the room while its order waits for a bank transfer; refuse if the hold can't be kept."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = _lock_booking(booking)
        allocation = booking.allocation
        if booking.state != BookingState.AWAITING_PAYMENT or allocation is None:
            return
        if allocation.state == AllocationState.CONFIRMED:
            return
        until = min(until, booking.start)  # never held past the start of what was bought
        try:  # the engine revives a lapsed hold if the room is still free, and refuses otherwise
            calendar_services.extend_hold(allocations=[allocation], until=until, now=now)
        except calendar_errors.AllocationError as exc:
            raise PaymentError(
                _("Deze zaal is niet langer voor u vastgehouden; reserveer ze opnieuw."), field="provider"
            ) from exc


def end_unpaid_booking(*, booking: Booking, state: str, now: dt.datetime | None = None) -> None:
    """The order expired or was cancelled: give the room back (once).

    An expired order only lets the hold run out (it stops blocking at once): money that arrives late
    can then still confirm it through the engine, if nobody took the room since. A cancelled order
    releases the room for good."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = _lock_booking(booking)
        allocation = booking.allocation
        if allocation is not None and allocation.state == AllocationState.HELD:
            if state == BookingState.EXPIRED:
                calendar_services.lapse_hold(allocations=[allocation], now=now)
            else:
                calendar_services.release(allocations=[allocation], now=now)
        if booking.is_active:
            booking.state = state
            booking.save(update_fields=["state", "updated_at"])


def expire_booking_options(*, now: dt.datetime | None = None) -> int:
    """Requests whose option ran out before staff decided become expired (the engine already freed them)."""
    now = now or timezone.now()
    count = 0
    for booking in Booking.objects.filter(
        state=BookingState.REQUESTED, allocation__hold_expires_at__lte=now
    ).select_related("allocation"):
        with transaction.atomic():
            locked = _lock_booking(booking)
            if locked.state != BookingState.REQUESTED:
                continue
            calendar_services.release(allocations=[locked.allocation], now=now)
            locked.state = BookingState.EXPIRED
            locked.save(update_fields=["state", "updated_at"])
            count += 1
    return count


def remind_upcoming_bookings(*, days_before: int, now: dt.datetime | None = None) -> int:
    """Mark every confirmed booking that starts within days_before days as reminded, once, and mail it
    after commit. Returns how many reminders were queued."""
    now = now or timezone.now()
    due = Booking.objects.filter(
        state=BookingState.CONFIRMED,
        reminder_sent_at__isnull=True,
        start__gt=now,
        start__lte=now + dt.timedelta(days=days_before),
    )
    count = 0
    for booking_id in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            updated = Booking.objects.filter(pk=booking_id, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if updated:
                transaction.on_commit(lambda pk=booking_id: _send_reminder(pk))
                count += 1
    return count


def _send_reminder(booking_id: int) -> None:
    from reservations.rooms import emails as emails_rooms

    emails_rooms.send_booking_reminder(booking_id=booking_id)
