"""Material loans's callbacks from the engines (payments: paid/expired/cancelled/refunded)."""


def register() -> None:
    """Called once from ReservationsConfig.ready()."""
