"""The public catalogue, basket, request form and "my loans" through the Django test client."""

import pytest
from django.urls import reverse

from reservations.loans.models import Loan, LoanState
from reservations.loans.services import BASKET_KEY
from tests.cms.factories import build_site


@pytest.fixture(autouse=True)
def site(db):
    return build_site()


def moments(prefix=""):
    return {
        "pickup_date": "2030-06-07",
        "pickup_time": "10:00",
        "return_date": "2030-06-10",
        "return_time": "10:00",
    }


def test_catalogue_shows_stock_price_unit_and_how_many_are_free(client, alice, chairs, tables, saturday):
    from reservations.loans.services import request_loan

    pickup, back = saturday
    request_loan(user=alice, lines=[(chairs, 70)], pickup_at=pickup, return_at=back)
    page = client.get(reverse("loans:loan_catalogue"), moments())
    html = page.content.decode()
    assert page.status_code == 200
    assert "100 in voorraad" in html
    assert "30 beschikbaar in de gekozen periode" in html
    assert "vanaf € 0,50 per stuk per ontlening" in html
    assert "Feesttafel" in html


def test_catalogue_says_how_many_party_packs_are_free(client, alice, party_pack, tents, saturday):
    from reservations.loans.services import request_loan

    pickup, back = saturday
    request_loan(user=alice, lines=[(tents, 1)], pickup_at=pickup, return_at=back)
    html = client.get(reverse("loans:loan_catalogue"), moments()).content.decode()
    assert "1 pakketten beschikbaar in de gekozen periode" in html  # 3 tents left, 2 per pack


def test_catalogue_filters_by_category(client, chairs, depot):
    from tests.reservations.loans.factories import CategoryFactory, LoanItemFactory

    sound = CategoryFactory(name="Geluid", slug="geluid")
    LoanItemFactory(name="Geluidsinstallatie", slug="geluid-1", category=sound, depot=depot, stock=2)
    html = client.get(reverse("loans:loan_catalogue"), {"category": "geluid"}).content.decode()
    assert "Geluidsinstallatie" in html and "Klapstoel" not in html


def test_item_page_lists_the_price_per_category(client, tents):
    html = client.get(reverse("loans:loan_item", args=[tents.slug])).content.decode()
    assert "Erkende lokale vereniging" in html and "€ 25,00" in html
    assert "Waarborg € 50,00 per stuk" in html


def test_basket_request_and_my_loans(client, alice, chiro, party_pack, chairs):
    client.force_login(alice)
    client.post(
        reverse("loans:loan_basket_add"), {"kind": "kit", "object_id": party_pack.pk, "quantity": 1}
    )
    client.post(
        reverse("loans:loan_basket_add"), {"kind": "item", "object_id": chairs.pk, "quantity": 10}
    )
    form = {**moments(), "association": chiro.pk, "purpose": "Kamp", "delivery_address": "", "remarks": ""}

    quoted = client.post(reverse("loans:loan_request"), {**form, "action": "quote"})
    assert "Prijsberekening" in quoted.content.decode()
    assert "€ 205,00" in quoted.content.decode()
    assert not Loan.objects.exists()

    sent = client.post(reverse("loans:loan_request"), {**form, "action": "submit"})
    loan = Loan.objects.get()
    assert sent.status_code == 302 and sent.url == reverse("loans:loan_detail", args=[loan.pk])
    assert loan.association == chiro and loan.state == LoanState.REQUESTED
    assert BASKET_KEY not in client.session

    listing = client.get(reverse("loans:my_loans")).content.decode()
    assert loan.number in listing and "Aangevraagd" in listing


def test_request_outside_opening_hours_shows_the_error_next_to_the_field(client, alice, chairs):
    client.force_login(alice)
    client.post(
        reverse("loans:loan_basket_add"), {"kind": "item", "object_id": chairs.pk, "quantity": 5}
    )
    page = client.post(
        reverse("loans:loan_request"), {**moments(), "pickup_time": "06:30", "action": "submit"}
    )
    assert page.status_code == 200
    assert "niet open op het gekozen afhaalmoment" in page.content.decode()
    assert 'aria-invalid="true"' in page.content.decode()
    assert not Loan.objects.exists()


def test_tampered_posts_change_nothing(client, alice, bob, chairs, saturday):
    from reservations.loans.services import request_loan

    client.force_login(alice)
    assert (
        client.post(
            reverse("loans:loan_basket_add"), {"kind": "item", "object_id": 99999, "quantity": 1}
        ).status_code
        == 404
    )
    client.post(
        reverse("loans:loan_basket_add"), {"kind": "item", "object_id": chairs.pk, "quantity": -5}
    )
    client.post(
        reverse("loans:loan_basket_add"), {"kind": "boat", "object_id": chairs.pk, "quantity": 5}
    )
    assert BASKET_KEY not in client.session

    pickup, back = saturday
    bobs = request_loan(user=bob, lines=[(chairs, 5)], pickup_at=pickup, return_at=back)
    assert client.get(reverse("loans:loan_detail", args=[bobs.pk])).status_code == 404
    assert (
        client.post(reverse("loans:loan_detail", args=[bobs.pk]), {"action": "cancel"}).status_code
        == 404
    )
    bobs.refresh_from_db()
    assert bobs.state == LoanState.REQUESTED


def test_someone_else_cannot_book_for_an_association_by_posting_its_id(client, bob, chiro, chairs):
    client.force_login(bob)
    client.post(
        reverse("loans:loan_basket_add"), {"kind": "item", "object_id": chairs.pk, "quantity": 5}
    )
    page = client.post(
        reverse("loans:loan_request"), {**moments(), "association": chiro.pk, "action": "submit"}
    )
    assert page.status_code == 200
    assert not Loan.objects.exists()
