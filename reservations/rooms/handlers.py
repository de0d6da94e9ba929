"""Room hire's callbacks from the engines (payments: paid/expired/cancelled/refunded)."""

from django.contrib.contenttypes.models import ContentType

HANDLER_KEY = "rooms.booking"


def _bookings(lines):
    from reservations.rooms.models import Booking

    booking_type = ContentType.objects.get_for_model(Booking)
    ids = {line.target_object_id for line in lines if line.target_content_type_id == booking_type.pk}
    return list(Booking.objects.filter(pk__in=ids).order_by("pk"))


class BookingPaymentHandler:
    """Paid confirms the room; expired or cancelled gives it back. Refunds follow cancel_booking."""

    def on_paid(self, *, order, lines) -> None:
        from reservations.rooms import services as rooms

        for booking in _bookings(lines):
            rooms.confirm_paid_booking(booking=booking)

    def on_expired(self, *, order, lines) -> None:
        from reservations.rooms import services as rooms
        from reservations.rooms.models import BookingState

        for booking in _bookings(lines):
            rooms.end_unpaid_booking(booking=booking, state=BookingState.EXPIRED)

    def on_cancelled(self, *, order, lines) -> None:
        from reservations.rooms import services as rooms
        from reservations.rooms.models import BookingState

        for booking in _bookings(lines):
            rooms.end_unpaid_booking(booking=booking, state=BookingState.CANCELLED)

    def on_refunded(self, *, order, lines, refund) -> None:
        return None

    def on_ordered(self, *, order, lines) -> None:
        """Checkout made the order: the booking now waits for that order's payment."""
        from reservations.rooms.models import Booking

        ids = [b.pk for b in _bookings(lines)]
        Booking.objects.filter(pk__in=ids, order__isnull=True).update(order=order)

    def on_basket_released(self, *, lines, expired: bool) -> None:
        """Taken out of the basket (cancelled) or the basket ran out (expired): the booking ends."""
        from reservations.rooms import services as rooms
        from reservations.rooms.models import BookingState

        state = BookingState.EXPIRED if expired else BookingState.CANCELLED
        for booking in _bookings(lines):
            rooms.end_unpaid_booking(booking=booking, state=state)

    def recheck(self, *, lines) -> None:
        """At checkout: every booking still waits for payment and its room can still be booked."""
        from django.utils.translation import gettext as _

        from payments.errors import PaymentError
        from reservations.rooms.models import BookingState

        for booking in _bookings(lines):
            if booking.state != BookingState.AWAITING_PAYMENT or not booking.room.is_active:
                raise PaymentError(
                    _("%(room)s kan niet meer gereserveerd worden. Verwijder het uit je mandje.")
                    % {"room": booking.room},
                    code="line_unavailable",
                )

    def on_hold_extended(self, *, order, lines, until) -> None:
        """A bank transfer keeps the order open until its due date: keep the room held that long."""
        from reservations.rooms import services as rooms

        for booking in _bookings(lines):
            rooms.extend_booking_hold(booking=booking, until=until)

    def lock_targets(self, *, lines):
        """The room (with its parts) and the booking rows, locked before the order (docs/locking.md)."""
        from payments.registry import LockTargets
        from reservations.rooms.models import Booking
        from reservations.rooms.services.bookings import booking_resource_ids

        ids = [b.pk for b in _bookings(lines)]
        return LockTargets(
            resource_ids=frozenset(booking_resource_ids(ids)), rows=frozenset((Booking, pk) for pk in ids)
        )

    def can_confirm_late(self, line) -> bool:
        """Money after expiry is honoured only when the room is still free at that moment."""
        from calendars.selectors import free_quantity
        from reservations.rooms.models import BookingState

        bookings = _bookings([line])
        return all(
            b.state == BookingState.EXPIRED
            and free_quantity(resource=b.room.resource, start=b.start, end=b.end) >= 1
            for b in bookings
        )


def register() -> None:
    """Called once from RoomsConfig.ready()."""
    from payments.registry import register_handler

    register_handler(HANDLER_KEY, BookingPaymentHandler())
