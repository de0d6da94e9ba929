"""The interface every payment provider implements."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from payments.errors import PaymentError

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

    from payments.models import Order, Refund


@dataclass(frozen=True)
class StartResult:
    redirect_url: str
    external_id: str = ""


class PaymentProvider:
    key: str = ""
    label: "str | StrPromise" = ""
    customer_can_choose: bool = False
    refunds_automatically: bool = False

    def is_available(self) -> bool:
        return True

    def start(self, *, order: "Order", return_url: str, cancel_url: str) -> StartResult:
        """Hand the customer over; runs inside start_payment's transaction with the order locked."""
        raise PaymentError("Deze betaalwijze kan niet online gestart worden.", field="provider")

    def refund(self, *, refund: "Refund") -> str:
        """Send money back; returns the provider's reference. Called after commit, by a task."""
        raise PaymentError("Deze betaalwijze kan niet automatisch terugbetalen.", code="manual_refund")
