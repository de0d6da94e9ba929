"""Reservations: room hire (`reservations.rooms`) and material loans (`reservations.loans`), one app each."""
