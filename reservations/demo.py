"""Demo data of reservations: venues and rooms, then the loan catalogue."""

from . import demo_loans, demo_rooms


def load() -> None:
    demo_rooms.load()
    demo_loans.load()
