"""The depot's back-office in the Wagtail admin: manage a loan, day list (HTML/CSV/XLSX), stock calendar."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from reservations.loans.models import LoanPaymentMode, LoanState, UnitBlock
from reservations.loans.services import expand_request, request_loan


def _action(name: str, loan) -> str:
    return reverse(f"loans_admin:loan_{name}", args=[loan.pk])


@pytest.fixture
def staff_client(client, clerk):
    client.force_login(clerk)
    return client


@pytest.fixture
def loan(alice, chiro, party_pack, chairs, saturday):
    pickup, back = saturday
    lines = expand_request(items=[(chairs, 10)], kits=[(party_pack, 1)])
    return request_loan(user=alice, association=chiro, lines=lines, pickup_at=pickup, return_at=back)


def test_staff_walk_a_loan_through_the_manage_page(staff_client, loan, tables):
    url = reverse("loans_admin:loan", args=[loan.pk])
    assert staff_client.get(url).status_code == 200
    staff_client.post(
        _action("approve", loan), {"decision-payment_mode": LoanPaymentMode.COUNTER, "decision-note": ""}
    )
    staff_client.post(_action("counter_payment", loan), {"method": "cash"})
    lines = {line.item.name: line for line in loan.lines.all()}
    staff_client.post(
        _action("hand_out", loan),
        {
            "handout-handed_out_to": "Jef",
            **{f"handout-line_{line.pk}": line.quantity for line in lines.values()},
        },
    )
    checkin = {"checkin-note": ""}
    for line in lines.values():
        checkin |= {
            f"checkin-returned_{line.pk}": line.quantity,
            f"checkin-damaged_{line.pk}": 0,
            f"checkin-note_{line.pk}": "",
        }
    checkin[f"checkin-damaged_{lines['Feesttafel'].pk}"] = 1
    checkin[f"checkin-note_{lines['Feesttafel'].pk}"] = "Poot geplooid"
    staff_client.post(_action("check_in", loan), checkin)
    staff_client.post(
        _action("settle", loan),
        {
            "settle-retained_amount": "25",
            "settle-extra_charge": "0",
            "settle-reason": "Poot geplooid",
            "settle-iban": "",
        },
    )

    loan.refresh_from_db()
    assert loan.state == LoanState.SETTLED
    assert loan.retained_amount == Decimal("25.00")
    assert ModelLogEntry.objects.filter(action="loans.loan_settle").exists()


def test_check_in_with_damage_but_no_note_is_refused_next_to_the_line(staff_client, loan, clerk):
    from reservations.loans import services

    services.approve_loan(loan=loan, by=clerk, payment_mode=LoanPaymentMode.INVOICE)
    services.hand_out_loan(loan=loan, by=clerk, handed_out_to="Jef")
    data = {}
    for line in loan.lines.all():
        data |= {f"checkin-returned_{line.pk}": line.quantity, f"checkin-damaged_{line.pk}": 0}
    data[f"checkin-damaged_{line.pk}"] = 1
    page = staff_client.post(_action("check_in", loan), data)
    assert "Beschrijf de schade" in page.content.decode()
    loan.refresh_from_db()
    assert loan.state == LoanState.HANDED_OUT


def test_day_list_as_html_csv_and_xlsx(staff_client, loan, depot):
    url = reverse("loans_admin:day_list")
    params = {"depot": depot.pk, "day": "2030-06-07"}
    assert "Chiro Dorpsveld" in staff_client.get(url, params).content.decode()
    csv_text = staff_client.get(url, {**params, "format": "csv"}).content.decode()
    assert "Afhalen;10:00;" in csv_text and "Klapstoel;50" in csv_text
    workbook = load_workbook(io.BytesIO(staff_client.get(url, {**params, "format": "xlsx"}).content))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][0] == "Soort" and len(rows) == 4


def test_stock_calendar_and_blocking_units_for_repair(staff_client, loan, tents):
    url = reverse("loans_admin:stock", args=[tents.pk])
    page = staff_client.get(url, {"from": "2030-06-06"}).content.decode()
    assert "Voorraadkalender" in page
    staff_client.post(
        reverse("loans_admin:stock_block", args=[tents.pk]),
        {
            "block-quantity": 2,
            "block-start": "2030-06-20",
            "block-end": "2030-06-25",
            "block-reason": "Zeil gescheurd",
        },
    )
    assert UnitBlock.objects.get().reason == "Zeil gescheurd"
    refused = staff_client.post(
        reverse("loans_admin:stock_block", args=[tents.pk]),
        {
            "block-quantity": 3,
            "block-start": "2030-06-07",
            "block-end": "2030-06-08",
            "block-reason": "Kapot",
        },
    )
    assert "nog 2 vrij" in refused.content.decode()
    assert UnitBlock.objects.count() == 1


def test_counter_mode_makes_a_loan_for_a_customer(staff_client, bob, chairs):
    page = staff_client.post(
        reverse("loans_admin:counter_create"),
        {
            "email": bob.email,
            "counter-pickup_date": "2030-06-07",
            "counter-pickup_time": "07:00",
            "counter-return_date": "2030-06-08",
            "counter-return_time": "10:00",
            f"item_{chairs.pk}": "12",
        },
    )
    assert page.status_code == 302
    assert bob.loans.get().lines.get().quantity == 12


def test_residents_cannot_open_the_back_office(client, alice, loan):
    client.force_login(alice)
    assert client.get(reverse("loans_admin:loan", args=[loan.pk])).status_code in (302, 403)


@pytest.mark.parametrize(
    "name", ["loans_loan", "loans_item", "loans_kit", "loans_category", "loans_depot", "loans_block"]
)
def test_catalogue_management_pages_open(staff_client, loan, name):
    assert staff_client.get(reverse(f"{name}:index")).status_code == 200


def test_item_and_kit_forms_open_and_stock_follows_the_calendar(staff_client, tents):
    assert staff_client.get(reverse("loans_item:add")).status_code == 200
    assert staff_client.get(reverse("loans_item:edit", args=[tents.pk])).status_code == 200
    assert staff_client.get(reverse("loans_kit:add")).status_code == 200
    tents.stock = 6
    tents.save()
    tents.resource.refresh_from_db()
    assert tents.resource.capacity == 6


def test_staff_dashboard_counts_pending_requests(staff_client, loan):
    assert (
        "1 uitleenaanvraag wacht op goedkeuring"
        in staff_client.get(reverse("wagtailadmin_home")).content.decode()
    )
