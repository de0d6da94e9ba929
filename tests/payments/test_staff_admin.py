from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from payments.models import Order, OrderStatus, Payment, StatementImport

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, clerk):
    clerk.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="payments"),
    )
    client.force_login(clerk)
    return client


def test_staff_records_counter_payment_and_it_is_audited(staff_client, clerk, alice, make_order):
    order = make_order(user=alice)
    url = reverse("payments_admin:order", args=[order.pk])
    assert staff_client.get(url).status_code == 200

    response = staff_client.post(
        url, {"action": "counter", "counter-amount": "120.00", "counter-method": "cash", "counter-note": ""}
    )

    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert order.payments.get().recorded_by == clerk
    assert ModelLogEntry.objects.filter(action="payments.counter_payment", user=clerk).exists()


def test_refund_form_shows_error_next_to_iban(staff_client, alice, make_order):
    order = make_order(user=alice)
    Payment.objects.create(order=order, provider="bank_transfer", method="transfer", amount=Decimal("120"))
    Order.objects.filter(pk=order.pk).update(status=OrderStatus.PAID)
    response = staff_client.post(
        reverse("payments_admin:order", args=[order.pk]),
        {"action": "refund", "refund-reason": "Annulatie", "refund-iban": "BE00"},
    )
    assert response.status_code == 200
    assert "Dit is geen geldig IBAN-rekeningnummer." in response.content.decode()


def test_statement_upload_form_imports_coda(staff_client, alice, make_order):
    content = (Path(__file__).parent / "data" / "statement_2026_042.cod").read_bytes()
    response = staff_client.post(
        reverse("payments_admin:statement_upload"),
        {"file": SimpleUploadedFile("statement_2026_042.cod", content)},
    )
    assert response.status_code == 302
    assert StatementImport.objects.get().lines_new == 4


def test_listings_filter_and_export_csv_and_xlsx(staff_client, alice, make_order):
    order = make_order(user=alice)
    index = reverse("payments_order:index")
    assert order.number in staff_client.get(index, {"status": "open"}).content.decode()
    assert order.number not in staff_client.get(index, {"status": "paid"}).content.decode()
    csv_response = staff_client.get(index, {"export": "csv"})
    assert csv_response.status_code == 200
    assert order.number in b"".join(csv_response.streaming_content).decode()
    xlsx = staff_client.get(index, {"export": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.getvalue()[:2] == b"PK"
    for name in ("payments_payment", "payments_refund", "payments_invoice", "payments_statementimport"):
        assert staff_client.get(reverse(f"{name}:index")).status_code == 200


def test_generic_edit_of_money_records_is_closed(staff_client, alice, make_order):
    order = make_order(user=alice)
    assert staff_client.get(reverse("payments_order:edit", args=[order.pk])).status_code in (302, 403)
    assert staff_client.get(reverse("payments_order:add")).status_code in (302, 403)


def test_daily_cash_report_per_channel(staff_client, clerk, alice, make_order):
    from payments import services

    order = make_order(user=alice, channel="counter")
    services.record_counter_payment(order=order, amount=Decimal("120"), method="cash", staff=clerk)
    page = staff_client.get(reverse("payments_admin:cash_report")).content.decode()
    assert "Balie" in page and "Cash" in page and "120,00" in page


def test_people_without_payment_rights_cannot_use_staff_pages(client, bob, alice, make_order):
    bob.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(bob)
    order = make_order(user=alice)
    url = reverse("payments_admin:order", args=[order.pk])
    # Wagtail turns "permission denied" into a redirect to the dashboard with a message
    assert client.get(url).status_code in (302, 403)
    assert client.get(reverse("payments_admin:cash_report")).status_code in (302, 403)
    client.post(url, {"action": "counter", "counter-amount": "120.00", "counter-method": "cash"})
    assert not order.payments.exists()


def test_staff_edit_a_tariff_amount_with_a_clear_error_for_bad_input(staff_client, hall):
    from django.contrib.contenttypes.models import ContentType

    from payments.models import Tariff

    tariff = Tariff.objects.create(
        target_content_type=ContentType.objects.get_for_model(hall),
        target_object_id=hall.pk,
        category="resident",
        unit="hour",
        price=Decimal("10.00"),
    )
    url = reverse("payments_tariff:edit", args=[tariff.pk])
    data = {
        "category": "resident",
        "unit": "hour",
        "price": "-1",
        "vat_rate": "21",
        "deposit": "0",
        "description": "",
    }
    assert staff_client.post(url, data).status_code == 200
    tariff.refresh_from_db()
    assert tariff.price == Decimal("10.00")
    staff_client.post(url, {**data, "price": "12.50"})
    tariff.refresh_from_db()
    assert tariff.price == Decimal("12.50")
