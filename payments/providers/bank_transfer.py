"""Bank transfer with a Belgian structured reference, reconciled from imported bank statements."""

import datetime
import io

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from segno import helpers as segno_helpers

from accounts import localtime
from payments.providers.base import PaymentProvider, StartResult


def due_date_for(start: datetime.date | None = None) -> datetime.date:
    start = start or localtime.today()
    return start + datetime.timedelta(days=settings.BANK_TRANSFER_DUE_DAYS)


def expiry_for_due_date(due: datetime.date) -> datetime.datetime:
    """Statements arrive a few days after the money left; wait that long before giving places away."""
    grace = getattr(settings, "BANK_TRANSFER_GRACE_DAYS", 3)
    last_day = due + datetime.timedelta(days=grace + 1)
    return localtime.make_local(last_day)


def transfer_details(order) -> dict:
    """Who to pay and how: the order's municipality's account, the amount and the structured reference."""
    municipality = order.municipality
    return {
        "beneficiary": municipality.name,
        "iban": municipality.formatted_iban,
        "bic": municipality.bic,
        "amount": order.balance_due(),
        "reference": order.formatted_reference,
    }


def epc_qr_data(order) -> dict:
    municipality = order.municipality
    return {
        "name": municipality.name[:70],
        "iban": municipality.iban,
        "bic": municipality.bic or None,
        "amount": order.balance_due(),
        "text": order.formatted_reference,
    }


def epc_qr(order) -> segno.QRCode:
    """The EPC (SEPA) QR code Belgian banking apps scan; the structured reference goes in the text."""
    return segno_helpers.make_epc_qr(**epc_qr_data(order))


def epc_qr_bytes(order, *, kind: str) -> bytes:
    buffer = io.BytesIO()
    epc_qr(order).save(buffer, kind=kind, scale=5, border=2)
    return buffer.getvalue()


class BankTransferProvider(PaymentProvider):
    key = "bank_transfer"
    label = _("Overschrijving")
    customer_can_choose = True

    def is_available(self) -> bool:
        return True  # every municipality has an IBAN (a required field)

    def start(
        self, *, order, amount, return_url: str, cancel_url: str, idempotency_key: str = ""
    ) -> StartResult:
        order.due_date = due_date_for()
        order.expires_at = max(order.expires_at or timezone.now(), expiry_for_due_date(order.due_date))
        order.save(update_fields=["due_date", "expires_at", "updated_at"])
        return StartResult(redirect_url=reverse("payments:bank_transfer", args=[order.number]))
