"""State changes of room hire; one transaction each, the audit entry written inside it.

Every claim on a room goes through calendars.services (allocate, confirm, release, move,
allocate_series); every euro through payments (quote, create_order, refund_order). The calendar locks
are taken first and the order is created last (docs/payments.md, "Locking rules").

Invariant: a confirmed booking always has a paid, invoiced or explicitly free order:
- paid: the order's on_paid handler (reservations/rooms/handlers.py) is the only place that confirms
  online bookings (services.lifecycle.confirm_paid_booking);
- free: a zero total is completed by create_order itself (provider "free"), which calls on_paid;
- invoiced: recognised local associations are confirmed at once with an order created with
  invoice=True and its invoice issued in the same transaction (payments.services.issue_invoice).

Modules by sub-domain: bookings (quote, request), decisions (approve, reject, cancel, move),
seasons (season requests), lifecycle (payment callbacks, expiry, reminders). Import from here:
`from reservations.rooms import services; services.request_booking(...)`.
"""

from reservations.rooms.services.bookings import (
    HANDLER_KEY,
    RoomQuote,
    category_for_booking,
    quote_booking,
    request_booking,
)
from reservations.rooms.services.decisions import (
    approve_booking,
    cancel_booking,
    cancellation_fee,
    move_booking,
    reject_booking,
)
from reservations.rooms.services.lifecycle import (
    confirm_paid_booking,
    end_unpaid_booking,
    expire_booking_options,
    extend_booking_hold,
    remind_upcoming_bookings,
)
from reservations.rooms.services.seasons import decide_season_request, request_season

__all__ = [
    "HANDLER_KEY",
    "RoomQuote",
    "approve_booking",
    "cancel_booking",
    "cancellation_fee",
    "category_for_booking",
    "confirm_paid_booking",
    "decide_season_request",
    "end_unpaid_booking",
    "expire_booking_options",
    "extend_booking_hold",
    "move_booking",
    "quote_booking",
    "reject_booking",
    "remind_upcoming_bookings",
    "request_booking",
    "request_season",
]
