"""Bad requests get a clear message on the right field and hold nothing."""

import datetime as dt

import pytest

from calendars.models import Allocation
from reservations.loans.errors import LoanError
from reservations.loans.models import Loan
from reservations.loans.services import request_loan
from tests.reservations.loans.conftest import at


def refused(**kwargs) -> LoanError:
    with pytest.raises(LoanError) as error:
        request_loan(**kwargs)
    assert Loan.objects.count() == 0
    assert Allocation.objects.count() == 0
    return error.value


@pytest.mark.parametrize("quantity", [0, -3])
def test_zero_or_negative_quantity(alice, chairs, saturday, quantity):
    pickup, back = saturday
    error = refused(user=alice, lines=[(chairs, quantity)], pickup_at=pickup, return_at=back)
    assert error.field == "quantity"
    assert "minstens 1" in error.message


def test_return_before_pickup(alice, chairs, saturday):
    pickup, _back = saturday
    error = refused(
        user=alice, lines=[(chairs, 5)], pickup_at=pickup, return_at=pickup - dt.timedelta(hours=2)
    )
    assert error.field == "return_at"
    assert "na het afhaalmoment" in error.message


def test_pickup_outside_depot_hours(alice, chairs):
    error = refused(
        user=alice, lines=[(chairs, 5)], pickup_at=at(2030, 6, 7, 7), return_at=at(2030, 6, 8, 10)
    )
    assert error.field == "pickup_at"
    assert "niet open" in error.message


def test_return_outside_depot_hours(alice, chairs):
    error = refused(
        user=alice, lines=[(chairs, 5)], pickup_at=at(2030, 6, 7, 10), return_at=at(2030, 6, 8, 21)
    )
    assert error.field == "return_at"


def test_item_not_lent_to_residents(alice, depot, saturday):
    from tests.reservations.loans.factories import LoanItemFactory, add_tariffs

    fences = LoanItemFactory(
        name="Nadarhek", slug="nadarhek", depot=depot, associations_only=True, needs_trailer=True
    )
    add_tariffs(fences)
    pickup, back = saturday
    error = refused(user=alice, lines=[(fences, 10)], pickup_at=pickup, return_at=back)
    assert "enkel aan verenigingen" in error.message


def test_more_than_the_maximum_per_loan(alice, depot, saturday):
    from tests.reservations.loans.factories import LoanItemFactory, add_tariffs

    bbq = LoanItemFactory(name="Barbecue", slug="barbecue", depot=depot, stock=6, max_per_loan=2)
    add_tariffs(bbq)
    pickup, back = saturday
    error = refused(user=alice, lines=[(bbq, 3)], pickup_at=pickup, return_at=back)
    assert "hoogstens 2" in error.message


def test_booking_for_an_association_one_does_not_belong_to(bob, chiro, chairs, saturday):
    pickup, back = saturday
    error = refused(user=bob, association=chiro, lines=[(chairs, 5)], pickup_at=pickup, return_at=back)
    assert error.field == "association"
