"""Room hire models: venues, rooms, extras (venues.py), bookings (bookings.py), season requests
(seasons.py). Import them from here: `from reservations.rooms.models import Booking`."""

from .bookings import ACTIVE_STATES, Booking, BookingChannel, BookingState
from .seasons import SeasonOccurrence, SeasonRequest, SeasonRequestState
from .venues import ExtraKind, Layout, Room, RoomExtra, RoomMode, Venue, default_categories

__all__ = [
    "ACTIVE_STATES",
    "Booking",
    "BookingChannel",
    "BookingState",
    "ExtraKind",
    "Layout",
    "Room",
    "RoomExtra",
    "RoomMode",
    "SeasonOccurrence",
    "SeasonRequest",
    "SeasonRequestState",
    "Venue",
    "default_categories",
]
