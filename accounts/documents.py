"""The one reportlab set-up for Dorpsplein's PDF documents (invoices, confirmations, permits, tickets).

A document is an A4 page template with the issuer's header (name, address, VAT number, bank
account) on top, a footer with the issuer, the title and the page number on every page, one set of
fonts and paragraph styles, and a story of flowables the app builds::

    from accounts import documents

    def render_thing_pdf(thing) -> bytes:
        def story(styles):
            return [
                documents.para(_("Bevestiging nr. %(number)s") % {"number": thing.pk}, "Heading2"),
                documents.table([[_("Prijs"), documents.euro(thing.total)]], col_widths=[35, 135]),
            ]

        return documents.build_pdf(title=_("Bevestiging %(number)s") % {"number": thing.pk}, story=story,
                                   issuer=documents.Issuer.of(thing.municipality))

Text is escaped by :func:`para` (a customer called "Janssens & Zn" must not break the page); use
:func:`markup` only for markup you wrote yourself. Render inside ``translation.override(...)``
when the document is in the customer's language.
"""

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.utils import formats
from django.utils.html import escape
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import StyleSheet1, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

PAGE_SIZE = A4
MARGIN = 18 * mm
FONT = "Helvetica"
FONT_BOLD = "Helvetica-Bold"
FOOTER_SIZE = 8

Story = Iterable[Flowable]
StoryBuilder = Callable[[StyleSheet1], Iterable[Flowable]]


@dataclass(frozen=True)
class Issuer:
    """Who issues the document: shown in the header and footer and as the PDF's author."""

    @classmethod
    def of(cls, municipality: Any) -> "Issuer":
        """A municipality (``accounts.Municipality``) as issuer, with today's data."""
        return cls(
            name=municipality.name,
            address=municipality.address,
            vat_number=municipality.vat_number,
            iban=municipality.formatted_iban,
            bic=municipality.bic,
        )

    name: str
    address: str = ""
    vat_number: str = ""
    iban: str = ""
    bic: str = ""


@lru_cache(maxsize=1)
def styles() -> StyleSheet1:
    """The paragraph styles (reportlab's sample sheet on our fonts): Title, Heading2…4, Normal, Small."""
    sheet = getSampleStyleSheet()
    for name in ("Normal", "BodyText", "Heading1", "Heading2", "Heading3", "Heading4", "Title"):
        style = sheet[name]
        style.fontName = FONT_BOLD if name.startswith(("Heading", "Title")) else FONT
    sheet.add(sheet["Normal"].clone("Small", fontSize=FOOTER_SIZE, leading=FOOTER_SIZE + 2))
    return sheet


def para(text: object, style: str = "Normal") -> Paragraph:
    """A paragraph of plain text (escaped; line breaks kept)."""
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), styles()[style])


def markup(html: str, style: str = "Normal") -> Paragraph:
    """A paragraph of reportlab mini-HTML written by us (``<b>``, ``<br/>``); never user input unescaped."""
    return Paragraph(html, styles()[style])


def spacer(height_mm: float) -> Spacer:
    return Spacer(1, height_mm * mm)


def euro(value: Decimal | int | str) -> str:
    """An amount the Belgian way in the active language: € 1.234,50."""
    return "€ " + formats.number_format(Decimal(value), decimal_pos=2, use_l10n=True, force_grouping=True)


def table(
    rows: Sequence[Sequence[Any]],
    *,
    col_widths: Sequence[float] | None = None,
    style: Sequence[tuple] = (),
    repeat_rows: int = 0,
    align: str = "LEFT",
) -> Table:
    """A table; ``col_widths`` in millimetres, ``style`` as reportlab TableStyle commands."""
    result = Table(
        [list(row) for row in rows],
        colWidths=[width * mm for width in col_widths] if col_widths else None,
        repeatRows=repeat_rows,
        hAlign=align,
    )
    if style:
        result.setStyle(TableStyle(list(style)))
    return result


def issuer_header(issuer: Issuer) -> list[Flowable]:
    """Name, address, VAT number and bank account of the issuer, then some white space."""
    header: list[Flowable] = [para(issuer.name, "Title")]
    if issuer.address:
        header.append(para(issuer.address))
    if issuer.vat_number:
        header.append(para(f"{_('Btw-nummer')}: {issuer.vat_number}"))
    if issuer.iban:
        bank = f"IBAN: {issuer.iban}" + (f" · BIC: {issuer.bic}" if issuer.bic else "")
        header.append(para(bank))
    header.append(spacer(6))
    return header


def build_pdf(
    *,
    title: str,
    story: Story | StoryBuilder,
    issuer: Issuer,
    author: str | None = None,
    header: bool = True,
) -> bytes:
    """Lay out the story on our page template and return the PDF bytes.

    ``story`` is a list of flowables or a function ``story(styles)`` returning them. ``issuer``
    is who writes (``Issuer.of(municipality)``, or the data stored on an invoice); ``author`` (PDF
    metadata) defaults to its name;
    ``header=False`` leaves out the issuer header (tickets, labels).
    """
    flowables = list(story(styles()) if callable(story) else story)
    if header:
        flowables = issuer_header(issuer) + flowables
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=PAGE_SIZE,
        title=str(title),
        author=str(author or issuer.name),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
    )
    footer = f"{issuer.name} · {title}"

    def draw_footer(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(FONT, FOOTER_SIZE)
        canvas.setFillColor(colors.grey)
        canvas.drawString(MARGIN, MARGIN / 2, footer)
        canvas.drawRightString(PAGE_SIZE[0] - MARGIN, MARGIN / 2, str(document.page))
        canvas.restoreState()

    doc.build(flowables, onFirstPage=draw_footer, onLaterPages=draw_footer)
    return buffer.getvalue()
