"""A weekly training at 19:00 Brussels time stays at 19:00 all season, across both DST changes."""

import datetime as dt

import pytest
from recurrence import WEEKLY, Recurrence, Rule

from calendars import errors, services
from calendars.models import Allocation
from calendars.services import SeriesMode
from tests.calendars.conftest import BRUSSELS, at
from tests.calendars.factories import ResourceFactory

pytestmark = pytest.mark.django_db

WEEKLY_RULE = Rule(WEEKLY)


def _thursdays(exdates=()):
    return Recurrence(rrules=[WEEKLY_RULE], exdates=list(exdates))


def test_weekly_series_keeps_19h_across_march_and_october(room, now):
    until = at(2030, 11, 30)
    result = services.allocate_series(
        resources=room,
        recurrence=_thursdays(),
        local_start_date=dt.date(2030, 3, 7),
        local_start_time=dt.time(19),
        duration=dt.timedelta(hours=2),
        until=until,
        now=now,
    )
    assert result.series is not None
    assert not result.failed
    starts = [a.start.astimezone(BRUSSELS) for a in Allocation.objects.filter(series=result.series)]
    assert len(starts) == 39
    assert {s.hour for s in starts} == {19}
    assert {s.weekday() for s in starts} == {3}
    # Both sides of 30 March 2030 (summer time starts) and 27 October 2030 (ends).
    utc_hours = {s.astimezone(dt.UTC).hour for s in starts}
    assert utc_hours == {17, 18}


def test_series_stored_and_reloaded_still_expands_at_19h(room, now):
    result = services.allocate_series(
        resources=room,
        recurrence=_thursdays(),
        local_start_date=dt.date(2030, 10, 3),
        local_start_time=dt.time(19),
        duration=dt.timedelta(hours=1),
        until=at(2030, 11, 30),
        now=now,
    )
    reloaded = type(result.series).objects.get(pk=result.series.pk)
    assert [s.astimezone(BRUSSELS).hour for s, _e in reloaded.occurrences(until=at(2030, 11, 30))] == [19] * 9


def test_exdate_in_winter_skips_that_evening(room, now):
    skipped = dt.datetime(2030, 11, 7, 19, tzinfo=BRUSSELS)
    summer_skipped = dt.datetime(2030, 4, 18, 19, tzinfo=BRUSSELS)
    result = services.allocate_series(
        resources=room,
        recurrence=_thursdays(exdates=[skipped, summer_skipped]),
        local_start_date=dt.date(2030, 3, 7),
        local_start_time=dt.time(19),
        duration=dt.timedelta(hours=2),
        until=at(2030, 11, 30),
        now=now,
    )
    days = {o.start.astimezone(BRUSSELS).date() for o in result.occurrences}
    assert dt.date(2030, 11, 7) not in days
    assert dt.date(2030, 4, 18) not in days
    assert dt.date(2030, 11, 14) in days
    reloaded = type(result.series).objects.get(pk=result.series.pk)
    assert dt.date(2030, 11, 7) not in {s.astimezone(BRUSSELS).date() for s, _e in reloaded.occurrences()}


def test_all_or_nothing_writes_nothing_and_says_which_evening_failed(room, alice, now):
    services.allocate(
        resources=room, start=at(2030, 4, 11, 18), end=at(2030, 4, 11, 20), holder=alice, now=now
    )
    result = services.allocate_series(
        resources=room,
        recurrence=_thursdays(),
        local_start_date=dt.date(2030, 3, 7),
        local_start_time=dt.time(19),
        duration=dt.timedelta(hours=2),
        until=at(2030, 5, 1),
        now=now,
    )
    assert result.series is None
    assert [o.start.astimezone(BRUSSELS).date() for o in result.failed] == [dt.date(2030, 4, 11)]
    assert isinstance(result.failed[0].error, errors.ConflictError)
    assert Allocation.objects.count() == 1


def test_best_effort_books_every_other_evening(room, now):
    services.load_public_holidays(year=2030)
    services.allocate(resources=room, start=at(2030, 4, 11, 18), end=at(2030, 4, 11, 20), now=now)
    result = services.allocate_series(
        resources=room,
        recurrence=_thursdays(),
        local_start_date=dt.date(2030, 3, 7),
        local_start_time=dt.time(19),
        duration=dt.timedelta(hours=2),
        until=at(2030, 6, 1),
        mode=SeriesMode.BEST_EFFORT,
        now=now,
    )
    failed = {o.start.astimezone(BRUSSELS).date(): o.error for o in result.failed}
    # 11 April is taken; Ascension Day 2030 falls on Thursday 30 May.
    assert set(failed) == {dt.date(2030, 4, 11), dt.date(2030, 5, 30)}
    assert isinstance(failed[dt.date(2030, 5, 30)], errors.ClosedError)
    assert len(result.allocated) == len(result.occurrences) - 2
    assert Allocation.objects.filter(series=result.series).count() == len(result.allocated)


def test_series_on_a_composite_books_each_part_every_week(sports_hall, now):
    whole, parts = sports_hall
    result = services.allocate_series(
        resources=whole,
        recurrence=_thursdays(),
        local_start_date=dt.date(2030, 9, 5),
        local_start_time=dt.time(19),
        duration=dt.timedelta(hours=2),
        until=at(2030, 9, 30),
        confirm=True,
        now=now,
    )
    assert len(result.allocated) == 4
    assert Allocation.objects.filter(resource=parts[2], series=result.series).count() == 4


def test_a_stock_series_allocates_the_quantity(now):
    tables = ResourceFactory(capacity=20)
    result = services.allocate_series(
        resources=(tables, 5),
        recurrence=_thursdays(),
        local_start_date=dt.date(2030, 9, 5),
        local_start_time=dt.time(8),
        duration=dt.timedelta(hours=10),
        until=at(2030, 9, 20),
        now=now,
    )
    assert [o.allocations[0].quantity for o in result.allocated] == [5, 5, 5]
