"""Demo venues and rooms of Dorpsveld."""


def load() -> None:
    """Idempotent."""
