"""E-mails to customers. Called after commit (from tasks), never inside a transaction."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from payments.models import Invoice, Order
from payments.pdf import render_invoice_pdf
from payments.selectors import order_link


def _send(
    *, to: str, subject: str, template: str, context: dict, language: str, municipality, attachments=()
) -> None:
    if not to:
        return
    with translation.override(language):
        body = render_to_string(template, {**context, "municipality": municipality.name})
        message = EmailMessage(subject=str(subject), body=body, to=[to])
    for attachment in attachments:
        message.attach(*attachment)
    message.send()


def send_invoice(*, invoice_id: int) -> None:
    invoice = Invoice.objects.select_related("order", "municipality").get(pk=invoice_id)
    with translation.override(invoice.order.language):
        subject = _("Factuur %(number)s") % {"number": invoice.number}
    _send(
        to=invoice.customer_email,
        subject=subject,
        template="payments/email/invoice.txt",
        context={"invoice": invoice},
        language=invoice.order.language,
        municipality=invoice.municipality,
        attachments=[(f"{invoice.number}.pdf", render_invoice_pdf(invoice), "application/pdf")],
    )


def send_payment_instructions(*, order_id: int) -> None:
    order = Order.objects.select_related("municipality").get(pk=order_id)
    with translation.override(order.language):
        subject = _("Betaalgegevens voor bestelling %(number)s") % {"number": order.number}
    _send(
        to=order.customer_email,
        subject=subject,
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
    with translation.override(order.language):
        subject = _("Herinnering: betaling voor bestelling %(number)s") % {"number": order.number}
    _send(
        to=order.customer_email,
        subject=subject,
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
