"""The one PDF set-up: the issuer's header on top, whatever text the customer typed."""

from accounts import documents
from tests.payments.test_invoices import pdf_text


def test_build_pdf_puts_the_issuer_on_top_and_escapes_the_story():
    issuer = documents.Issuer(name="Gemeente Proef", address="Markt 1, 9999 Proef", vat_number="BE0123")

    pdf = documents.build_pdf(
        title="Bevestiging 7",
        issuer=issuer,
        story=lambda styles: [
            documents.para("Janssens & Zn <b>", "Heading2"),
            documents.para(documents.euro(5)),
        ],
    )

    text = pdf_text(pdf)
    assert pdf.startswith(b"%PDF")
    assert text.index("Gemeente Proef") < text.index("Janssens & Zn <b>")
    assert "Markt 1, 9999 Proef" in text and "BE0123" in text
    assert b"/Author (Gemeente Proef)" in pdf and b"/Title (Bevestiging 7)" in pdf


def test_without_header_only_the_story_and_footer_are_drawn():
    issuer = documents.Issuer(name="Gemeente Proef", address="Markt 1, 9999 Proef")
    pdf = documents.build_pdf(title="Ticket", story=[documents.para("Rij 3")], issuer=issuer, header=False)

    text = pdf_text(pdf)
    assert "Rij 3" in text
    assert text.count("Gemeente Proef") == 1  # in the footer only
    assert "Markt 1" not in text
