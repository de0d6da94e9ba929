"""The one domain error of the associations app; views show it next to the field it names."""


class AssociationError(Exception):
    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
