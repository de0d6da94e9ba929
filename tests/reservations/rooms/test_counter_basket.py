"""Baliemandje: a room and material for one customer at the desk, one checkout, one counter payment."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import User
from calendars.models import Allocation, AllocationState
from payments.models import Basket, Order
from reservations.loans.models import Loan
from tests.accounts.factories import MunicipalityFactory, UserFactory
from tests.reservations.loans.factories import DepotFactory, LoanItemFactory, add_tariffs, open_depot

pytestmark = pytest.mark.django_db


def _book_room(client, room, day):
    return client.post(
        reverse("rooms_admin_counter_book"),
        {
            "room": room.pk,
            "customer_email": "alice@example.be",
            "date": day.isoformat(),
            "start_time": "10:00",
            "end_time": "12:00",
            "booked_for": "self",
            "purpose": "Buurtfeest",
            "people": "20",
            "layout": "tables",
        },
    )


def _borrow(client, item, day):
    return client.post(
        reverse("loans_admin:counter_create"),
        {
            "email": "alice@example.be",
            "counter-pickup_date": day.isoformat(),
            "counter-pickup_time": "09:00",
            "counter-return_date": (day + dt.timedelta(days=1)).isoformat(),
            "counter-return_time": "10:00",
            f"item_{item.pk}": "10",
        },
    )


@pytest.fixture
def chairs(db):
    item = LoanItemFactory(
        name="Klapstoel", slug="klapstoel", depot=open_depot(DepotFactory()), stock=50, auto_approve_up_to=20
    )
    add_tariffs(item, price="0.50")
    return item


def test_a_room_and_material_go_in_one_counter_basket_and_one_order(
    client, clerk, alice, instant_room, chairs, far_day
):
    client.force_login(clerk)
    basket_url = reverse("payments_admin:counter_basket") + "?email=alice%40example.be"
    assert _book_room(client, instant_room, far_day).url == basket_url
    assert _borrow(client, chairs, far_day).url == basket_url
    basket = Basket.objects.get(user=alice, channel="counter", status="open")
    page = client.get(basket_url).content.decode()
    assert "Polyvalente zaal" in page and "Klapstoel" in page

    response = client.post(reverse("payments_admin:counter_basket_checkout", args=[basket.pk]))
    order = Order.objects.get()
    assert response.url == reverse("payments_admin:order", args=[order.pk])
    assert order.channel == "counter" and {line.handler for line in order.lines.all()} == {
        "rooms.booking",
        "loans.loan",
    }
    assert Loan.objects.get().order == order


def test_staff_remove_a_line_and_its_hold_is_freed(client, clerk, alice, instant_room, chairs, far_day):
    client.force_login(clerk)
    _book_room(client, instant_room, far_day)
    _borrow(client, chairs, far_day)
    basket = Basket.objects.get(user=alice, channel="counter", status="open")
    loan_line = basket.lines.get(handler="loans.loan")
    client.post(reverse("payments_admin:counter_basket_remove", args=[basket.pk, loan_line.pk]))
    assert not basket.lines.filter(handler="loans.loan").exists()
    assert not Allocation.objects.filter(resource=chairs.resource, state=AllocationState.HELD).exists()
    client.post(reverse("payments_admin:counter_basket_checkout", args=[basket.pk]))
    assert Order.objects.get().total == Decimal("30.00")


def test_staff_of_another_municipality_see_no_basket_and_cannot_check_it_out(
    client, clerk, alice, instant_room, far_day
):
    client.force_login(clerk)
    _book_room(client, instant_room, far_day)
    basket = Basket.objects.get(user=alice, channel="counter")
    elsewhere = UserFactory(email="other@heuvelrode.be", is_staff=True)
    elsewhere.user_permissions.add(*_permissions("change_order", "view_order"))
    elsewhere.staff_municipalities.add(MunicipalityFactory.heuvelrode())
    client.force_login(elsewhere)
    page = client.get(reverse("payments_admin:counter_basket"), {"email": alice.email}).content.decode()
    assert "Polyvalente zaal" not in page
    response = client.post(reverse("payments_admin:counter_basket_checkout", args=[basket.pk]))
    assert response.status_code == 404 and not Order.objects.exists()


def _permissions(*codenames):
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    return Permission.objects.filter(
        Q(content_type__app_label="payments", codename__in=codenames)
        | Q(content_type__app_label="wagtailadmin", codename="access_admin")
    )


def test_unknown_email_says_so(client, clerk):
    client.force_login(clerk)
    page = client.get(reverse("payments_admin:counter_basket"), {"email": "nobody@example.be"})
    assert "Er is geen account met dit e-mailadres" in page.content.decode()
    assert not User.objects.filter(email="nobody@example.be").exists()
