from decimal import Decimal

import pytest
from django.urls import reverse

from payments import services
from payments.models import OrderStatus, Payment
from payments.selectors import order_access_token
from tests.accounts.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_my_orders_lists_own_orders_with_status_and_pay_link(client, alice, bob, make_order):
    mine = make_order(user=alice)
    theirs = make_order(user=bob)
    client.force_login(alice)

    page = client.get(reverse("payments:orders")).content.decode()

    assert mine.number in page
    assert theirs.number not in page
    assert reverse("payments:choose", args=[mine.number]) in page


def test_bob_cannot_see_alices_order_or_invoice(client, alice, bob, make_order):
    order = make_order(user=alice)
    invoice = services.issue_invoice(order=order)
    client.force_login(bob)

    for url in (
        reverse("payments:order", args=[order.number]),
        reverse("payments:choose", args=[order.number]),
        reverse("payments:bank_transfer", args=[order.number]),
        reverse("payments:bank_transfer_qr", args=[order.number, "png"]),
        reverse("payments:invoice_pdf", args=[invoice.number]),
    ):
        assert client.get(url).status_code == 404, url


def test_alice_downloads_her_invoice_pdf(client, alice, make_order):
    invoice = services.issue_invoice(order=make_order(user=alice))
    client.force_login(alice)
    response = client.get(reverse("payments:invoice_pdf", args=[invoice.number]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_unknown_order_is_404(client, alice):
    client.force_login(alice)
    assert client.get(reverse("payments:order", args=["2026-999999"])).status_code == 404


def test_bank_transfer_choice_shows_reference_due_date_and_qr(client, alice, make_order, mailoutbox):
    order = make_order(user=alice)
    client.force_login(alice)

    response = client.post(
        reverse("payments:choose", args=[order.number]), {"provider": "bank_transfer"}, follow=True
    )

    page = response.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING and order.due_date
    assert order.formatted_reference in page
    qr = client.get(reverse("payments:bank_transfer_qr", args=[order.number, "png"]))
    assert qr["Content-Type"] == "image/png" and qr.content.startswith(b"\x89PNG")
    svg = client.get(reverse("payments:bank_transfer_qr", args=[order.number, "svg"]))
    assert b"<svg" in svg.content


def test_payment_choice_without_choice_shows_error_next_to_field(client, alice, make_order):
    order = make_order(user=alice)
    client.force_login(alice)
    response = client.post(reverse("payments:choose", args=[order.number]), {})
    assert response.status_code == 200
    assert 'id="provider-errors"' in response.content.decode()


def test_walk_in_order_is_reachable_with_its_token_only(client, hall_handler):
    order = services.create_order(
        municipality=MunicipalityFactory(),
        lines=[services.LineSpec(description="Ticket", unit_price=Decimal("8"))],
        walk_in_name="Jan Modaal",
        walk_in_email="jan@example.be",
    )
    url = reverse("payments:order", args=[order.number])
    assert client.get(url).status_code == 404
    assert client.get(url, {"t": "wrong"}).status_code == 404
    assert client.get(url, {"t": order_access_token(order)}).status_code == 200


def test_paid_order_has_no_pay_now(client, alice, clerk, make_order):
    order = make_order(user=alice)
    services.record_counter_payment(
        order=order, amount=Decimal("120"), method=Payment.Method.CASH, staff=clerk
    )
    client.force_login(alice)
    response = client.get(reverse("payments:choose", args=[order.number]))
    assert response.status_code == 302
