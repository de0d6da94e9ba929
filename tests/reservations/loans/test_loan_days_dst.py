"""Per-day loan prices count Brussels days, not 24-hour blocks of UTC time."""

import datetime as dt

import pytest

from accounts.localtime import BRUSSELS
from reservations.loans.models import loan_days


def brussels(day: int, month: int, hour: int) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=BRUSSELS)


def test_friday_to_monday_across_the_october_clock_change_is_three_days():
    # Clocks go back on Sunday 25 October; values read back from the database are in UTC.
    pickup, back = (moment.astimezone(dt.UTC) for moment in (brussels(23, 10, 10), brussels(26, 10, 10)))
    assert back - pickup == dt.timedelta(hours=73)
    assert loan_days(pickup, back) == 3


def test_friday_to_monday_across_the_march_clock_change_is_three_days():
    pickup, back = (moment.astimezone(dt.UTC) for moment in (brussels(27, 3, 10), brussels(30, 3, 10)))
    assert back - pickup == dt.timedelta(hours=71)
    assert loan_days(pickup, back) == 3


def test_one_hour_over_is_a_started_day_and_a_short_loan_is_one_day():
    assert loan_days(brussels(23, 10, 10), brussels(26, 10, 11)) == 4
    assert loan_days(brussels(5, 11, 10), brussels(5, 11, 12)) == 1


@pytest.mark.django_db
def test_the_october_loan_is_quoted_and_charged_the_same_number_of_days(alice, clerk, depot):
    """Quote (aware local values from the form) and order (UTC values read back from the database) agree."""
    from decimal import Decimal

    from reservations.loans import services
    from reservations.loans.models import PriceUnit
    from tests.reservations.loans.factories import LoanItemFactory, add_tariffs

    tent = LoanItemFactory(name="Partytent", slug="partytent", depot=depot, stock=4, price_unit=PriceUnit.DAY)
    add_tariffs(tent, price="12.50")
    # Clocks go back on Sunday 31 October 2027: Friday 10:00 to Monday 10:00 is 73 hours.
    pickup = dt.datetime(2027, 10, 29, 10, tzinfo=BRUSSELS)
    back = dt.datetime(2027, 11, 1, 10, tzinfo=BRUSSELS)
    quote = services.quote_loan(
        lines=[(tent, 2)],
        pickup_at=pickup,
        return_at=back,
        category=services.customer_category(user=alice, association=None, municipality=depot.municipality),
    )
    loan = services.request_loan(
        user=alice, lines=[(tent, 2)], pickup_at=pickup, return_at=back, enforce_rules=False
    )
    loan = services.approve_loan(loan=loan, by=clerk)

    rent_quoted = next(line for line in quote.lines if not line.is_deposit and line.unit_price)
    rent_charged = loan.order.lines.filter(is_deposit=False).exclude(unit_price=0).get()
    assert rent_quoted.quantity == rent_charged.quantity == Decimal("6")  # 2 tents × 3 days
    assert rent_charged.total == Decimal("75.00")
