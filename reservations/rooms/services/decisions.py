"""Staff and customer decisions on a booking: approve, reject, cancel (with its fee) and move."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.models import User
from calendars import errors as calendar_errors
from calendars import services as calendar_services
from payments import services as payment_services
from payments.amounts import to_cents
from payments.errors import PaymentError
from payments.models import OrderStatus
from reservations.rooms.errors import RoomHireError
from reservations.rooms.models import (
    Booking,
    BookingState,
)
from reservations.rooms.services.bookings import _as_reservation_error, _lock_booking, _send, _settle


def approve_booking(*, booking: Booking, staff: User, now: dt.datetime | None = None) -> Booking:
    """Staff accept an option: it becomes an order to pay, an invoice, or is confirmed when free."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            booking = _lock_booking(booking, resources=True)  # settling confirms or extends the hold
            if booking.state != BookingState.REQUESTED:
                raise RoomHireError(_("Deze aanvraag werd al behandeld."))
            booking.decided_by, booking.decided_at = staff, now
            booking.save(update_fields=["decided_by", "decided_at", "updated_at"])
            _settle(booking, now=now, customer_present=False)
            log(instance=booking, action="rooms.booking.approve", user=staff)
    except calendar_errors.AllocationError as error:
        raise RoomHireError(str(error.message)) from error
    except PaymentError as error:
        raise RoomHireError(str(error)) from error
    booking.refresh_from_db()
    return booking


def reject_booking(*, booking: Booking, staff: User, reason: str, now: dt.datetime | None = None) -> Booking:
    """Staff refuse a request with a reason the customer reads; the option is released."""
    now = now or timezone.now()
    if not reason.strip():
        raise RoomHireError(_("Geef een reden op; de aanvrager krijgt ze te lezen."), field="reason")
    with transaction.atomic():
        booking = _lock_booking(booking)
        if booking.state != BookingState.REQUESTED:
            raise RoomHireError(_("Deze aanvraag werd al behandeld."))
        if booking.allocation_id:
            calendar_services.release(allocations=[booking.allocation], now=now)
        booking.state = BookingState.REJECTED
        booking.rejection_reason = reason.strip()
        booking.decided_by, booking.decided_at = staff, now
        booking.save(update_fields=["state", "rejection_reason", "decided_by", "decided_at", "updated_at"])
        log(instance=booking, action="rooms.booking.reject", user=staff, data={"reason": reason})
        booking_id = booking.pk
        transaction.on_commit(lambda: _send("send_booking_rejected", booking_id))
    return booking


def cancellation_fee(*, booking: Booking, now: dt.datetime | None = None) -> tuple[int, Decimal]:
    """(percentage, fee in euro) if cancelled now; the deposit is never part of the fee."""
    now = now or timezone.now()
    days_before = (booking.start - now).total_seconds() / 86400
    percent = booking.room.cancellation_percent(days_before=days_before)
    if booking.state != BookingState.CONFIRMED or booking.order is None:
        return 0, Decimal("0.00")
    rent = sum((line.total for line in booking.order.lines.filter(is_deposit=False)), Decimal("0.00"))
    return percent, to_cents(rent * percent / 100)


def cancel_booking(
    *, booking: Booking, by: User | None, iban: str = "", now: dt.datetime | None = None
) -> Booking:
    """Cancel within the room's rules: unpaid orders are cancelled, paid ones refunded minus the fee."""
    now = now or timezone.now()
    if booking.end <= now:
        raise RoomHireError(_("Een voorbije reservatie kan niet meer geannuleerd worden."))
    try:
        with transaction.atomic():
            booking = _lock_booking(booking)
            if not booking.is_active:
                raise RoomHireError(_("Deze reservatie is niet meer actief."))
            _percent, fee = cancellation_fee(booking=booking, now=now)
            order = booking.order
            booking.state = BookingState.CANCELLED  # handlers called below see it is already done
            booking.cancelled_at = now
            booking.cancellation_fee = fee
            booking.save(update_fields=["state", "cancelled_at", "cancellation_fee", "updated_at"])
            if order is not None:
                order.refresh_from_db()
                if order.is_unpaid:
                    payment_services.cancel_order(order=order, reason=_("Reservatie geannuleerd"), by=by)
                elif order.status == OrderStatus.PAID:
                    amount = order.amount_paid() - fee
                    if amount > 0:
                        payment_services.refund_order(
                            order=order,
                            reason=_("Reservatie geannuleerd"),
                            amount=amount,
                            iban=iban,
                            by=by,
                        )
            if booking.allocation_id:
                calendar_services.release(allocations=[booking.allocation], now=now)
            if by is not None and getattr(by, "is_staff", False):
                log(instance=booking, action="rooms.booking.cancel", user=by)
    except PaymentError as error:
        raise RoomHireError(str(error), field=getattr(error, "field", None) or "iban") from error
    return booking


def move_booking(
    *, booking: Booking, start: dt.datetime, by: User | None = None, now: dt.datetime | None = None
) -> Booking:
    """Move to another start with the same duration (so the price stays what was paid)."""
    now = now or timezone.now()
    if timezone.is_naive(start):
        raise RoomHireError(_("Geef een geldige datum en tijd op."), field="start")
    if start < now:
        raise RoomHireError(_("Dit moment ligt in het verleden. Kies een later moment."), field="start")
    if not booking.is_active or booking.allocation_id is None:
        raise RoomHireError(_("Deze reservatie is niet meer actief."))
    end = start + booking.duration
    try:
        with transaction.atomic():
            booking = _lock_booking(booking, resources=True)
            calendar_services.move(allocation=booking.allocation, start=start, end=end, now=now)
            booking.start, booking.end = start, end
            booking.save(update_fields=["start", "end", "updated_at"])
            if by is not None and getattr(by, "is_staff", False):
                log(instance=booking, action="rooms.booking.move", user=by)
    except calendar_errors.AllocationError as error:
        raise _as_reservation_error(error) from error
    return booking
