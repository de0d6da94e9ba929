"""Two municipalities on one install: Dorpsveld (the default) and Heuvelrode.

Each has its own invoice series, its own bank account on documents and transfer instructions, and its
own staff, who never see the other municipality's orders, invoices or statements.
"""

import threading
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.municipality_models import Municipality
from payments import reconciliation, services
from payments.errors import PaymentError
from payments.models import DocumentSeries, Invoice, Order, OrderStatus, StatementImport
from payments.pdf import issuer_lines, render_invoice_pdf
from payments.providers.bank_transfer import epc_qr_data, transfer_details
from tests.accounts.factories import MunicipalityFactory, UserFactory
from tests.payments.test_invoices import pdf_text

HEUVELRODE_IBAN = "BE32091000123402"
HEUVELRODE_VAT = "BE0207600091"


@pytest.fixture
def dorpsveld(db):
    return MunicipalityFactory()


@pytest.fixture
def heuvelrode(db):
    return MunicipalityFactory.heuvelrode()


@pytest.fixture
def staff_client(client, clerk):
    """Carla, Dorpsveld's finance clerk, with every payments permission."""
    clerk.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="payments"),
    )
    client.force_login(clerk)
    return client


@pytest.fixture
def heuvelrode_records(alice, heuvelrode, make_order):
    order = make_order(user=alice, municipality=heuvelrode)
    invoice = services.issue_invoice(order=order)
    statement = StatementImport.objects.create(
        file_name="heuvelrode-042.cod", format="coda", municipality=heuvelrode, account_iban=HEUVELRODE_IBAN
    )
    return order, invoice, statement


def heuvelrode_csv(reference: str, iban: str = HEUVELRODE_IBAN) -> bytes:
    return (
        "Rekeningnummer;Datum;Bedrag;Naam tegenpartij;Rekening tegenpartij;Gestructureerde mededeling\n"
        f"{iban};17/03/2026;120,00;Peeters Alice;BE68539007547034;{reference}\n"
    ).encode()


def test_heuvelrode_invoices_have_their_own_gap_free_series(alice, dorpsveld, heuvelrode, make_order):
    year = timezone.localdate().year
    issued = [
        services.issue_invoice(order=make_order(user=alice, municipality=municipality))
        for municipality in (dorpsveld, heuvelrode, heuvelrode, dorpsveld, heuvelrode)
    ]

    def series(municipality):
        return list(
            Invoice.objects.filter(municipality=municipality, kind=DocumentSeries.INVOICE)
            .order_by("sequence")
            .values_list("number", flat=True)
        )

    assert series(dorpsveld) == [f"F{year}-000001", f"F{year}-000002"]
    assert series(heuvelrode) == [f"F{year}-000001", f"F{year}-000002", f"F{year}-000003"]
    assert [i.municipality for i in issued] == [dorpsveld, heuvelrode, heuvelrode, dorpsveld, heuvelrode]


def test_heuvelrode_credit_notes_have_their_own_series(alice, clerk, heuvelrode, make_order):
    order = make_order(user=alice, municipality=heuvelrode)
    services.record_counter_payment(order=order, amount=order.total, method="cash", staff=clerk)
    services.issue_invoice(order=order)
    services.refund_order(order=order, reason="Annulatie", iban="BE71096123456769", by=clerk)
    credit_note = Invoice.objects.get(kind=DocumentSeries.CREDIT_NOTE)
    assert credit_note.municipality == heuvelrode
    assert credit_note.sequence == 1


def test_heuvelrode_invoice_pdf_carries_heuvelrode_iban_and_vat(alice, heuvelrode, make_order):
    invoice = services.issue_invoice(order=make_order(user=alice, municipality=heuvelrode))

    header = " ".join(text for text, _style in issuer_lines(invoice))
    assert "Gemeente Heuvelrode" in header and "Markt 1, 9990 Heuvelrode" in header
    assert HEUVELRODE_VAT in header and "BE32 0910 0012 3402" in header
    text = pdf_text(render_invoice_pdf(invoice))
    assert HEUVELRODE_VAT in text and "BE32 0910 0012 3402" in text
    assert "Dorpsveld" not in text


def test_issued_invoice_keeps_the_issuer_of_its_issue_date(alice, heuvelrode, make_order):
    invoice = services.issue_invoice(order=make_order(user=alice, municipality=heuvelrode))
    Municipality.objects.filter(pk=heuvelrode.pk).update(address_line_1="Nieuwstraat 9", bic="KREDBEBB")

    invoice.refresh_from_db()
    header = " ".join(text for text, _style in issuer_lines(invoice))
    assert "Markt 1" in header and "GKCCBEBB" in header and "Nieuwstraat" not in header


def test_transfer_instructions_and_epc_qr_name_heuvelrode_account(client, alice, heuvelrode, make_order):
    order = make_order(user=alice, municipality=heuvelrode)
    services.start_payment(order=order, provider="bank_transfer", return_url="/")

    assert transfer_details(order)["beneficiary"] == "Gemeente Heuvelrode"
    assert transfer_details(order)["iban"] == "BE32 0910 0012 3402"
    qr = epc_qr_data(order)
    assert (qr["name"], qr["iban"], qr["amount"]) == (
        "Gemeente Heuvelrode",
        HEUVELRODE_IBAN,
        Decimal("120.00"),
    )
    client.force_login(alice)
    page = client.get(reverse("payments:bank_transfer", args=[order.number])).content.decode()
    assert "BE32 0910 0012 3402" in page and "Gemeente Heuvelrode" in page


def test_dorpsveld_staff_get_404_on_heuvelrode_admin_urls(staff_client, heuvelrode_records):
    order, invoice, statement = heuvelrode_records
    urls = [
        reverse("payments_admin:order", args=[order.pk]),
        reverse("payments_order:inspect", args=[order.pk]),
        reverse("payments_invoice:inspect", args=[invoice.pk]),
        reverse("payments_admin:invoice_pdf", args=[invoice.pk]),
        reverse("payments_statementimport:inspect", args=[statement.pk]),
        reverse("payments_order:history", args=[order.pk]),
    ]
    for url in urls:
        assert staff_client.get(url).status_code == 404, url
    response = staff_client.post(
        urls[0], {"action": "counter", "counter-amount": "120.00", "counter-method": "cash"}
    )
    assert response.status_code == 404
    assert not order.payments.exists()


def test_dorpsveld_staff_see_no_heuvelrode_records_in_lists_and_exports(
    staff_client, alice, make_order, heuvelrode_records
):
    order, invoice, statement = heuvelrode_records
    own = make_order(user=alice)
    services.issue_invoice(order=own)
    hidden = {
        "payments_order": order.number,
        "payments_invoice": "Gemeente Heuvelrode",
        "payments_statementimport": statement.file_name,
    }
    for name, marker in hidden.items():
        index = reverse(f"{name}:index")
        assert marker not in staff_client.get(index).content.decode(), name
        csv_text = b"".join(staff_client.get(index, {"export": "csv"}).streaming_content).decode()
        assert marker not in csv_text, name
    assert own.number in staff_client.get(reverse("payments_order:index")).content.decode()
    orders_csv = b"".join(
        staff_client.get(reverse("payments_order:index"), {"export": "csv"}).streaming_content
    ).decode()
    assert own.number in orders_csv and order.number not in orders_csv


def test_dorpsveld_cash_report_leaves_out_heuvelrode_money(
    staff_client, clerk, alice, heuvelrode, make_order
):
    order = make_order(user=alice, municipality=heuvelrode, channel="counter")
    services.record_counter_payment(order=order, amount=Decimal("77.00"), method="cash", staff=clerk)
    page = staff_client.get(reverse("payments_admin:cash_report")).content.decode()
    assert "77,00" not in page


def test_superuser_sees_both_municipalities(client, alice, make_order, heuvelrode_records):
    order, invoice, _statement = heuvelrode_records
    own = make_order(user=alice)
    client.force_login(UserFactory(email="root@example.be", is_staff=True, is_superuser=True))
    page = client.get(reverse("payments_order:index")).content.decode()
    assert order.number in page and own.number in page
    assert client.get(reverse("payments_admin:invoice_pdf", args=[invoice.pk])).status_code == 200


def test_statement_for_heuvelrode_iban_imported_by_dorpsveld_staff_is_refused(
    staff_client, alice, heuvelrode_records
):
    order, _invoice, _statement = heuvelrode_records
    response = staff_client.post(
        reverse("payments_admin:statement_upload"),
        {"file": SimpleUploadedFile("heuvelrode.csv", heuvelrode_csv(order.formatted_reference))},
    )
    assert response.status_code == 200
    assert "is van Gemeente Heuvelrode" in response.content.decode()
    assert StatementImport.objects.filter(file_name="heuvelrode.csv").count() == 0
    order.refresh_from_db()
    assert not order.payments.exists()


def test_statement_for_an_iban_of_no_municipality_is_refused(staff_client):
    response = staff_client.post(
        reverse("payments_admin:statement_upload"),
        {"file": SimpleUploadedFile("vreemd.csv", heuvelrode_csv("", iban="BE68539007547034"))},
    )
    assert response.status_code == 200
    assert "hoort bij geen enkele gemeente" in response.content.decode()
    assert not StatementImport.objects.filter(file_name="vreemd.csv").exists()


def test_heuvelrode_statement_pays_only_heuvelrode_orders(clerk, alice, dorpsveld, heuvelrode, make_order):
    heuvelrode_clerk = UserFactory(email="kassa@heuvelrode.be", is_staff=True)
    heuvelrode_clerk.staff_municipalities.add(heuvelrode)
    theirs = make_order(user=alice, municipality=heuvelrode)
    ours = make_order(user=alice, municipality=dorpsveld)
    services.start_payment(order=theirs, provider="bank_transfer", return_url="/")

    statement = reconciliation.import_statement(
        file_name="h.csv", content=heuvelrode_csv(theirs.formatted_reference), imported_by=heuvelrode_clerk
    )
    assert statement.municipality == heuvelrode
    assert Order.objects.get(pk=theirs.pk).status == OrderStatus.PAID

    # Dorpsveld money with a Heuvelrode reference matches nothing on Dorpsveld's side
    with pytest.raises(PaymentError):
        reconciliation.import_statement(
            file_name="d.csv", content=heuvelrode_csv(ours.formatted_reference), imported_by=clerk
        )
    other = reconciliation.import_statement(
        file_name="d.csv",
        content=heuvelrode_csv(theirs.formatted_reference, iban=dorpsveld.iban).replace(b"17/03", b"18/03"),
        imported_by=clerk,
    )
    assert other.municipality == dorpsveld and other.lines_matched == 0 and other.lines_flagged == 1


def test_statement_without_an_account_goes_to_the_staff_members_only_municipality(clerk, dorpsveld):
    content = b"Datum;Bedrag;Mededeling\n17/03/2026;10,00;gift\n"
    statement = reconciliation.import_statement(file_name="x.csv", content=content, imported_by=clerk)
    assert statement.municipality == dorpsveld


def test_order_needs_a_municipality(alice):
    with pytest.raises(PaymentError):
        services.create_order(
            municipality=None,
            lines=[services.LineSpec(description="Zaal", unit_price=Decimal("1"))],
            user=alice,
        )


def test_only_superusers_manage_municipalities(client, clerk, heuvelrode):
    clerk.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(clerk)
    assert client.get(reverse("accounts_municipality:index")).status_code in (302, 403)
    assert client.get(reverse("accounts_municipality:edit", args=[heuvelrode.pk])).status_code in (302, 403)

    client.force_login(UserFactory(email="root@example.be", is_staff=True, is_superuser=True))
    assert client.get(reverse("accounts_municipality:index")).status_code == 200
    assert client.get(reverse("accounts_municipalitysite:index")).status_code == 200


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_invoices_of_two_municipalities_get_consecutive_numbers_each(alice, make_order):
    dorpsveld, heuvelrode = MunicipalityFactory(), MunicipalityFactory.heuvelrode()
    orders = [make_order(user=alice, municipality=m) for m in [dorpsveld, heuvelrode] * 10]
    barrier = threading.Barrier(len(orders))
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
    for municipality in (dorpsveld, heuvelrode):
        sequences = sorted(
            Invoice.objects.filter(kind=DocumentSeries.INVOICE, municipality=municipality).values_list(
                "sequence", flat=True
            )
        )
        assert sequences == list(range(1, 11))


def test_superuser_edit_of_a_municipality_is_audit_logged(client, heuvelrode):
    from wagtail.models import ModelLogEntry

    root = UserFactory(email="root@example.be", is_staff=True, is_superuser=True)
    client.force_login(root)
    data = {
        "name": "Gemeente Heuvelrode",
        "slug": "heuvelrode",
        "address_line_1": "Markt 2",
        "address_line_2": "",
        "postal_code": "9990",
        "city": "Heuvelrode",
        "vat_number": HEUVELRODE_VAT,
        "iban": HEUVELRODE_IBAN,
        "bic": "GKCCBEBB",
        "resident_postal_codes": "9990",
        "email": "info@heuvelrode.be",
        "phone": "",
    }
    response = client.post(reverse("accounts_municipality:edit", args=[heuvelrode.pk]), data)
    assert response.status_code == 302
    heuvelrode.refresh_from_db()
    assert heuvelrode.address_line_1 == "Markt 2"
    assert ModelLogEntry.objects.filter(
        action="wagtail.edit", user=root, object_id=str(heuvelrode.pk)
    ).exists()
