"""Invoice and credit-note PDFs, always rendered from the immutable snapshot (layout: accounts.documents)."""

from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from stdnum import iban as stdnum_iban

from accounts import documents, localtime
from accounts.documents import euro, para
from payments.models import DocumentSeries, Invoice
from payments.structured_reference import format_reference


def invoice_issuer(invoice: Invoice) -> documents.Issuer:
    """The issuing municipality as stored on the invoice when it was issued (never today's data)."""
    return documents.Issuer(
        name=invoice.issuer_name,
        address=invoice.issuer_address,
        vat_number=invoice.issuer_vat_number,
        iban=stdnum_iban.format(invoice.issuer_iban) if invoice.issuer_iban else "",
        bic=invoice.issuer_bic,
    )


def issuer_lines(invoice: Invoice) -> list[tuple[str, str]]:
    """The PDF header's lines (text, style), as `accounts.documents.issuer_header` draws them."""
    issuer = invoice_issuer(invoice)
    return [
        (issuer.name, "Title"),
        (issuer.address, "Normal"),
        (f"{_('Btw-nummer')}: {issuer.vat_number}", "Normal"),
        (f"IBAN: {issuer.iban} · BIC: {issuer.bic}", "Normal"),
    ]


def render_invoice_pdf(invoice: Invoice) -> bytes:
    with translation.override(invoice.order.language):
        return _render(invoice)


def _render(invoice: Invoice) -> bytes:
    is_credit = invoice.kind == DocumentSeries.CREDIT_NOTE
    title = _("Creditnota") if is_credit else _("Factuur")
    story = [
        para(f"{title} {invoice.number}", "Heading2"),
        para(f"{_('Datum')}: {formats.date_format(localtime.local(invoice.issued_at), 'j F Y')}"),
        para(f"{_('Bestelling')}: {invoice.order.number}"),
    ]
    if invoice.credits is not None:
        story.append(para(f"{_('Crediteert factuur')}: {invoice.credits.number}"))
    story += [documents.spacer(5), para(invoice.customer_name, "Heading4")]
    for address_line in invoice.customer_address.splitlines():
        story.append(para(address_line))
    if invoice.customer_vat_number:
        story.append(para(f"{_('Btw-nummer')}: {invoice.customer_vat_number}"))
    story.append(documents.spacer(6))
    rows: list[list[object]] = [
        [_("Omschrijving"), _("Aantal"), _("Prijs"), _("Btw %"), _("Btw"), _("Totaal")]
    ]
    for line in invoice.lines:
        rows.append(
            [
                para(line["description"]),
                line["quantity"],
                euro(line["unit_price"]),
                line["vat_rate"],
                euro(line["vat"]),
                euro(line["total"]),
            ]
        )
    rows += [
        ["", "", "", "", _("Excl. btw"), euro(invoice.total_excl_vat)],
        ["", "", "", "", _("Btw"), euro(invoice.total_vat)],
        ["", "", "", "", _("Totaal"), euro(invoice.total)],
    ]
    story += [
        documents.table(
            rows,
            col_widths=[70, 16, 24, 16, 24, 26],
            repeat_rows=1,
            style=[
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEABOVE", (4, -3), (-1, -3), 0.5, colors.grey),
                ("FONTNAME", (4, -1), (-1, -1), documents.FONT_BOLD),
            ],
        ),
        documents.spacer(8),
    ]
    if invoice.reason:
        story.append(para(f"{_('Reden')}: {invoice.reason}"))
    if not is_credit:
        story.append(
            documents.markup(
                f"{_('Gestructureerde mededeling')}: "
                f"<b>{format_reference(invoice.structured_reference)}</b>"
            )
        )
        if invoice.order.is_paid:
            story.append(para(_("Deze factuur is betaald.")))
    return documents.build_pdf(title=f"{title} {invoice.number}", story=story, issuer=invoice_issuer(invoice))
