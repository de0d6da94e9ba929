"""Demo loan catalogue of Dorpsveld."""


def load() -> None:
    """Idempotent."""
