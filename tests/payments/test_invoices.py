import base64
import re
import threading
import zlib
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from payments import services
from payments.models import DocumentSeries, Invoice, Payment
from payments.numbering import take_next_number
from payments.pdf import render_invoice_pdf


def pdf_text(pdf: bytes) -> str:
    """The text drawn on the pages (reportlab writes ASCII85 + Flate compressed content streams)."""
    chunks = []
    for match in re.finditer(rb"<<(.*?)>>\s*stream\r?\n(.*?)endstream", pdf, re.S):
        header, data = match.groups()
        if b"ASCII85Decode" in header:
            data = base64.a85decode(data.strip(), adobe=True)
        if b"FlateDecode" in header:
            data = zlib.decompress(data)
        chunks.append(data.decode("latin-1"))
    return "".join(re.findall(r"\((.*?)\) Tj", "".join(chunks)))


@pytest.mark.django_db
def test_paid_order_with_invoice_requested_gets_numbered_invoice_by_mail(
    alice, clerk, make_order, django_capture_on_commit_callbacks
):
    order = make_order(user=alice, invoice=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.record_counter_payment(
            order=order, amount=Decimal("120"), method=Payment.Method.CASH, staff=clerk
        )

    invoice = order.invoices.get()
    year = timezone.localdate().year
    assert invoice.number == f"F{year}-000001"
    assert invoice.total == Decimal("120.00") and invoice.total_vat == Decimal("20.83")
    assert mail.outbox[-1].to == ["alice@example.be"]
    assert mail.outbox[-1].attachments[0][0] == f"{invoice.number}.pdf"
    text = pdf_text(render_invoice_pdf(invoice))
    assert "Gemeente Dorpsveld" in text
    assert "BE0207500123" in text
    assert order.formatted_reference in text
    assert invoice.number in text


@pytest.mark.django_db
def test_issued_invoice_cannot_be_changed_or_deleted(alice, make_order):
    invoice = services.issue_invoice(order=make_order(user=alice))
    invoice.customer_name = "Iemand anders"
    with pytest.raises(ValidationError):
        invoice.save()
    with pytest.raises(ValidationError):
        invoice.delete()
    assert Invoice.objects.get(pk=invoice.pk).customer_name == "Alice Peeters"


@pytest.mark.django_db
def test_full_refund_of_invoiced_order_issues_credit_note(alice, clerk, make_order):
    order = make_order(user=alice, invoice=True)
    services.record_counter_payment(
        order=order, amount=Decimal("120"), method=Payment.Method.CASH, staff=clerk
    )
    services.refund_order(order=order, reason="Zaal onbeschikbaar", by=clerk)

    credit = order.invoices.get(kind=DocumentSeries.CREDIT_NOTE)
    assert credit.total == Decimal("-120.00")
    assert credit.credits == order.invoices.get(kind=DocumentSeries.INVOICE)
    assert render_invoice_pdf(credit).startswith(b"%PDF")


@pytest.mark.django_db
def test_numbers_restart_each_year_per_series():
    with transaction.atomic():
        assert take_next_number(series="invoice", year=2025) == 1
        assert take_next_number(series="invoice", year=2025) == 2
        assert take_next_number(series="invoice", year=2026) == 1
        assert take_next_number(series="credit_note", year=2026) == 1


@pytest.mark.django_db
def test_rolled_back_transaction_leaves_no_gap():
    with pytest.raises(RuntimeError), transaction.atomic():
        take_next_number(series="invoice", year=2030)
        raise RuntimeError("payment failed after numbering")
    with transaction.atomic():
        assert take_next_number(series="invoice", year=2030) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_invoices_get_consecutive_numbers(alice, make_order):
    orders = [make_order(user=alice) for _ in range(20)]
    barrier = threading.Barrier(20)
    errors = []

    def issue(order):
        try:
            barrier.wait(timeout=10)
            services.issue_invoice(order=order)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(o,)) for o in orders]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    sequences = sorted(Invoice.objects.filter(kind=DocumentSeries.INVOICE).values_list("sequence", flat=True))
    assert sequences == list(range(1, 21))
