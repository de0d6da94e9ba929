"""The one domain error of the accounts app; views show it next to the field it names."""


class AccountsError(Exception):
    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
