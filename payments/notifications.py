"""E-mails to customers. Called after commit (from tasks), never inside a transaction."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.mail import send_templated_mail
from payments.models import Invoice, Order
from payments.pdf import render_invoice_pdf
from payments.selectors import order_link


def send_invoice(*, invoice_id: int) -> None:
    invoice = Invoice.objects.select_related("order", "municipality").get(pk=invoice_id)
    send_templated_mail(
        to=invoice.customer_email,
        subject=_("Factuur %(number)s"),
        params={"number": invoice.number},
        template="payments/email/invoice.txt",
        context={"invoice": invoice},
        language=invoice.order.language,
        municipality=invoice.municipality,
        attachments=[(f"{invoice.number}.pdf", render_invoice_pdf(invoice), "application/pdf")],
    )


def send_payment_instructions(*, order_id: int) -> None:
    order = Order.objects.select_related("municipality").get(pk=order_id)
    send_templated_mail(
        to=order.customer_email,
        subject=_("Betaalgegevens voor bestelling %(number)s"),
        params={"number": order.number},
        template="payments/email/instructions.txt",
        context={
            "order": order,
            "link": order_link(order),
            "iban": order.municipality.formatted_iban,
            "bic": order.municipality.bic,
        },
        language=order.language,
        municipality=order.municipality,
    )


def send_payment_reminder(*, order_id: int) -> None:
    order = Order.objects.select_related("municipality").get(pk=order_id)
    send_templated_mail(
        to=order.customer_email,
        subject=_("Herinnering: betaling voor bestelling %(number)s"),
        params={"number": order.number},
        template="payments/email/reminder.txt",
        context={
            "order": order,
            "link": order_link(order),
            "iban": order.municipality.formatted_iban,
            "bic": order.municipality.bic,
        },
        language=order.language,
        municipality=order.municipality,
    )


def send_payment_not_confirmed(*, order_id: int) -> None:
    """The money arrived but what it was for is gone (sold out, cancelled): say so, and that staff refund."""
    order = Order.objects.select_related("municipality").get(pk=order_id)
    if not order.customer_email:
        return
    send_templated_mail(
        to=order.customer_email,
        subject=_("We ontvingen je betaling voor %(number)s, maar konden ze niet bevestigen"),
        params={"number": order.number},
        template="payments/email/not_confirmed.txt",
        context={"order": order, "link": order_link(order)},
        language=order.language,
        municipality=order.municipality,
    )


def send_order_confirmation(*, order_id: int) -> None:
    """The one mail of a checked-out basket: a PDF receipt of every line and one .ics for what is dated."""
    from payments.selectors import confirmed_by_checkout

    order = Order.objects.select_related("municipality", "user").get(pk=order_id)
    if not order.customer_email or not order.is_paid or not confirmed_by_checkout(order):
        return
    # Claimed once: a retried or repeated task finds it claimed and sends nothing; a failed send gives
    # the claim back so the retry can send it.
    if not Order.objects.filter(pk=order_id, confirmation_sent_at__isnull=True).update(
        confirmation_sent_at=timezone.now()
    ):
        return
    try:
        _send_confirmation(order)
    except Exception:
        Order.objects.filter(pk=order_id).update(confirmation_sent_at=None)
        raise


def _send_confirmation(order: Order) -> None:
    from payments.confirmation import order_ics, render_confirmation_pdf

    attachments = [(f"bevestiging-{order.number}.pdf", render_confirmation_pdf(order), "application/pdf")]
    if order.lines.filter(starts_at__isnull=False).exists():
        attachments.append((f"bestelling-{order.number}.ics", order_ics(order), "text/calendar"))
    send_templated_mail(
        to=order.customer_email,
        subject=_("Bevestiging van je bestelling %(number)s"),
        params={"number": order.number},
        template="payments/email/confirmation.txt",
        context={"order": order, "link": order_link(order)},
        language=order.language,
        municipality=order.municipality,
        attachments=attachments,
    )
