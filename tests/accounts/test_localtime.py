"""Local time is Europe/Brussels wall time, whatever zone Django has activated."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts import localtime


def test_day_span_follows_the_wall_clock_across_dst():
    start, end = localtime.day_span(dt.date(2026, 3, 29))  # clocks go forward at 02:00

    assert (start.hour, end.hour) == (0, 0)
    assert end.astimezone(dt.UTC) - start.astimezone(dt.UTC) == dt.timedelta(hours=23)
    assert start.astimezone(dt.UTC) == dt.datetime(2026, 3, 28, 23, tzinfo=dt.UTC)


def test_local_date_ignores_an_activated_zone():
    late_evening_utc = dt.datetime(2026, 6, 30, 22, 30, tzinfo=dt.UTC)  # 00:30 on 1 July in Brussels

    with timezone.override("America/New_York"):
        assert localtime.local_date(late_evening_utc) == dt.date(2026, 7, 1)
        assert localtime.make_local(dt.date(2026, 7, 1), dt.time(9)).utcoffset() == dt.timedelta(hours=2)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        localtime.local(dt.datetime(2026, 7, 1, 12))


def test_zone_of_a_row_defaults_to_the_install_zone():
    assert localtime.zone("") is localtime.BRUSSELS
    assert localtime.zone("Europe/Brussels") is localtime.BRUSSELS
    assert localtime.zone("Europe/Amsterdam").key == "Europe/Amsterdam"
