"""The one domain error of material loans; views show its message next to the field."""


class LoanError(Exception):
    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
