"""Staff back-office of reservations: each part registers its own admin views."""

from .admin import loans, rooms  # noqa: F401
