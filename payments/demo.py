"""Demo data for payments: nothing of its own.

Tariffs always price something a feature app owns (a room, an item, a ticket type), so the feature apps'
demo loaders create them. Orders appear when the demo bookings are paid.
"""


def load() -> None:
    """Idempotent by construction: payments has no demo rows of its own."""
    return None
