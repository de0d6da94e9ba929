"""The one domain error of the payments engine; views show it next to the field it names."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


class PaymentError(Exception):
    def __init__(
        self, message: "str | StrPromise", *, field: str | None = None, code: str = "invalid"
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code
