"""Staff change an item's stock: the calendar engine refuses a stock below what is lent from now on,
and the item form shows which loans are in the way."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from calendars import errors as calendar_errors
from reservations.loans.errors import LoanError
from reservations.loans.models import LoanItem
from reservations.loans.services import expand_request, request_loan, set_loan_item_stock


@pytest.fixture
def staff_client(client, clerk):
    client.force_login(clerk)
    return client


@pytest.fixture
def next_week():
    """Pickup and return next week at 10:00 local time: the check looks from now on."""
    pickup = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0) + dt.timedelta(days=7)
    return pickup, pickup + dt.timedelta(days=2)


@pytest.fixture
def loan(alice, chiro, chairs, next_week):
    pickup, back = next_week
    lines = expand_request(items=[(chairs, 60)], kits=[])
    return request_loan(user=alice, association=chiro, lines=lines, pickup_at=pickup, return_at=back)


def _item_form(item: LoanItem, stock: int) -> dict:
    return {
        "name": item.name,
        "slug": item.slug,
        "category": str(item.category_id),
        "depot": str(item.depot_id),
        "description": item.description,
        "stock": str(stock),
        "price_unit": item.price_unit,
        "deposit": str(item.deposit),
        "max_per_loan": "",
        "auto_approve_up_to": str(item.auto_approve_up_to),
        "is_active": "on",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }


def test_lowering_the_stock_below_what_is_lent_is_refused_on_the_field_naming_the_loan(
    staff_client, chairs, loan
):
    url = reverse("loans_item:edit", args=[chairs.pk])
    response = staff_client.post(url, _item_form(chairs, 40) | {"name": "Klapstoel (oud)"})
    assert response.status_code == 200
    (message,) = response.context["form"].errors["stock"]
    assert f"Ontlening {loan.number}" in message
    assert "60" in message
    chairs.refresh_from_db()
    chairs.resource.refresh_from_db()
    assert (chairs.name, chairs.stock, chairs.resource.capacity) == ("Klapstoel", 100, 100)


def test_lowering_the_stock_to_what_is_lent_works_and_is_audited(staff_client, clerk, chairs, loan):
    response = staff_client.post(reverse("loans_item:edit", args=[chairs.pk]), _item_form(chairs, 60))
    assert response.status_code == 302
    chairs.refresh_from_db()
    chairs.resource.refresh_from_db()
    assert (chairs.stock, chairs.resource.capacity) == (60, 60)
    entry = ModelLogEntry.objects.get(action="calendars.resource.capacity")
    assert (entry.user, entry.data) == (clerk, {"from": 100, "to": 60})


def test_the_stock_service_goes_through_the_engine(clerk, chairs, loan):
    with pytest.raises(LoanError) as refused:
        set_loan_item_stock(item=chairs, stock=10, by=clerk)
    assert refused.value.field == "stock"
    assert f"Ontlening {loan.number}" in refused.value.message
    assert LoanItem.objects.get(pk=chairs.pk).stock == 100
    set_loan_item_stock(item=chairs, stock=150, by=clerk)
    chairs.resource.refresh_from_db()
    assert (LoanItem.objects.get(pk=chairs.pk).stock, chairs.resource.capacity) == (150, 150)
    assert ModelLogEntry.objects.filter(action="loans.loan_stock", user=clerk).count() == 1


def test_saving_the_item_any_other_way_is_guarded_too(chairs, loan):
    chairs.stock = 30
    with pytest.raises(calendar_errors.CapacityBelowAllocatedError):
        chairs.save()
    chairs.refresh_from_db()
    chairs.resource.refresh_from_db()
    assert (chairs.stock, chairs.resource.capacity) == (100, 100)
