"""The interface every payment provider implements."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from payments.errors import PaymentError

if TYPE_CHECKING:
    from decimal import Decimal

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
    # True when start() makes an HTTP call: start_payment then calls it with no transaction open and no
    # row locked, and passes a stable idempotency key.
    calls_out: bool = False

    def is_available(self) -> bool:
        return True

    def start(
        self,
        *,
        order: "Order",
        amount: "Decimal",
        return_url: str,
        cancel_url: str,
        idempotency_key: str = "",
    ) -> StartResult:
        """Hand the customer over for ``amount``. Without ``calls_out`` this runs inside start_payment's
        transaction with the order locked (and may change the order); with it, outside any transaction
        on an unlocked snapshot of the order, which it must not save."""
        raise PaymentError("Deze betaalwijze kan niet online gestart worden.", field="provider")

    def abandon(self, *, external_id: str) -> None:
        """Close a hand-off that will not be used (the order was paid or expired meanwhile)."""

    def refund(self, *, refund: "Refund") -> str:
        """Send money back; returns the provider's reference. Called after commit, by a task."""
        raise PaymentError("Deze betaalwijze kan niet automatisch terugbetalen.", code="manual_refund")
