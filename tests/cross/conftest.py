"""Personas and catalogue of the room hire and loans tests, reused as they are."""

from tests.reservations.loans.conftest import chairs, chiro, depot, saturday, tents
from tests.reservations.rooms.conftest import alice, approval_room, bob, clerk, far_day, instant_room

__all__ = [
    "alice",
    "approval_room",
    "bob",
    "chairs",
    "chiro",
    "clerk",
    "depot",
    "far_day",
    "instant_room",
    "saturday",
    "tents",
]
