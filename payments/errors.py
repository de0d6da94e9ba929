"""The one domain error of the payments engine; views show it next to the field it names."""


class PaymentError(Exception):
    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code
