"""Invoice and credit-note PDFs with reportlab, always rendered from the immutable snapshot."""

import io
from decimal import Decimal

from django.utils import formats, timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from stdnum import iban as stdnum_iban

from payments.models import DocumentSeries, Invoice
from payments.structured_reference import format_reference


def _euro(value) -> str:
    return "€ " + formats.number_format(Decimal(value), decimal_pos=2, use_l10n=True, force_grouping=True)


def issuer_lines(invoice: Invoice) -> list[tuple[str, str]]:
    """The PDF header: the issuing municipality as stored on the invoice when it was issued."""
    iban = stdnum_iban.format(invoice.issuer_iban) if invoice.issuer_iban else ""
    return [
        (invoice.issuer_name, "Title"),
        (invoice.issuer_address, "Normal"),
        (f"{_('Btw-nummer')}: {invoice.issuer_vat_number}", "Normal"),
        (f"IBAN: {iban} · BIC: {invoice.issuer_bic}", "Normal"),
    ]


def render_invoice_pdf(invoice: Invoice) -> bytes:
    with translation.override(invoice.order.language):
        return _render(invoice)


def _render(invoice: Invoice) -> bytes:
    buffer = io.BytesIO()
    is_credit = invoice.kind == DocumentSeries.CREDIT_NOTE
    title = _("Creditnota") if is_credit else _("Factuur")
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"{title} {invoice.number}",
        author=invoice.issuer_name,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
    )
    styles = getSampleStyleSheet()
    story = [
        *[Paragraph(escape(text), styles[style]) for text, style in issuer_lines(invoice)],
        Spacer(1, 8 * mm),
        Paragraph(f"{title} {invoice.number}", styles["Heading2"]),
        Paragraph(
            f"{_('Datum')}: {formats.date_format(timezone.localtime(invoice.issued_at), 'j F Y')}",
            styles["Normal"],
        ),
        Paragraph(f"{_('Bestelling')}: {invoice.order.number}", styles["Normal"]),
    ]
    if invoice.credits_id:
        story.append(Paragraph(f"{_('Crediteert factuur')}: {invoice.credits.number}", styles["Normal"]))
    story += [Spacer(1, 5 * mm), Paragraph(invoice.customer_name, styles["Heading4"])]
    for address_line in invoice.customer_address.splitlines():
        story.append(Paragraph(address_line, styles["Normal"]))
    if invoice.customer_vat_number:
        story.append(Paragraph(f"{_('Btw-nummer')}: {invoice.customer_vat_number}", styles["Normal"]))
    story.append(Spacer(1, 6 * mm))
    rows = [[_("Omschrijving"), _("Aantal"), _("Prijs"), _("Btw %"), _("Btw"), _("Totaal")]]
    for line in invoice.lines:
        rows.append(
            [
                Paragraph(line["description"], styles["Normal"]),
                line["quantity"],
                _euro(line["unit_price"]),
                line["vat_rate"],
                _euro(line["vat"]),
                _euro(line["total"]),
            ]
        )
    rows += [
        ["", "", "", "", _("Excl. btw"), _euro(invoice.total_excl_vat)],
        ["", "", "", "", _("Btw"), _euro(invoice.total_vat)],
        ["", "", "", "", _("Totaal"), _euro(invoice.total)],
    ]
    table = Table(rows, colWidths=[70 * mm, 16 * mm, 24 * mm, 16 * mm, 24 * mm, 26 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEABOVE", (4, -3), (-1, -3), 0.5, colors.grey),
                ("FONTNAME", (4, -1), (-1, -1), "Helvetica-Bold"),
            ]
        )
    )
    story += [table, Spacer(1, 8 * mm)]
    if invoice.reason:
        story.append(Paragraph(f"{_('Reden')}: {invoice.reason}", styles["Normal"]))
    if not is_credit:
        story.append(
            Paragraph(
                f"{_('Gestructureerde mededeling')}: <b>{format_reference(invoice.structured_reference)}</b>",
                styles["Normal"],
            )
        )
        if invoice.order.is_paid:
            story.append(Paragraph(_("Deze factuur is betaald."), styles["Normal"]))
    doc.build(story)
    return buffer.getvalue()
