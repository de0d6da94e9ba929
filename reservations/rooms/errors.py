"""The one domain error of room hire; views show its message next to the field."""


class RoomHireError(Exception):
    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
