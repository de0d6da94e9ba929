"""Per-day loan prices count Brussels days, not 24-hour blocks of UTC time."""

import datetime as dt

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
