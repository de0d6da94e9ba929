"""What the public calendar, the booking form and staff figures show."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from calendars import services
from calendars.selectors import (
    DayStatus,
    availability_grid,
    free_quantity,
    free_slots,
    month_days,
    occupancy,
    week_days,
)
from tests.calendars.conftest import at
from tests.calendars.factories import ClosureFactory, OpeningHoursFactory, ResourceFactory, StockFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def weekday_room(db):
    room = ResourceFactory(name="Vergaderzaal")
    for weekday in range(5):
        OpeningHoursFactory(resource=room, weekday=weekday, opens=dt.time(8), closes=dt.time(12))
        OpeningHoursFactory(resource=room, weekday=weekday, opens=dt.time(13), closes=dt.time(22))
    return room


def test_month_grid_shows_free_partly_taken_and_closed(weekday_room, now):
    services.load_public_holidays(year=2030)
    ClosureFactory(resource=weekday_room, start_date=dt.date(2030, 4, 8), end_date=dt.date(2030, 4, 9))
    services.allocate(resources=weekday_room, start=at(2030, 4, 2, 19), end=at(2030, 4, 2, 21), now=now)
    services.allocate(resources=weekday_room, start=at(2030, 4, 3, 8), end=at(2030, 4, 3, 12), now=now)
    services.allocate(resources=weekday_room, start=at(2030, 4, 3, 13), end=at(2030, 4, 3, 22), now=now)
    first, last = month_days(2030, 4)
    grid = availability_grid(resources=[weekday_room], start_date=first, end_date=last, now=now)
    status = {day: grid.status[(weekday_room.pk, day)] for day in grid.days}
    assert len(grid.days) == 30
    assert status[dt.date(2030, 4, 1)] == DayStatus.FREE
    assert status[dt.date(2030, 4, 2)] == DayStatus.PARTLY
    assert status[dt.date(2030, 4, 3)] == DayStatus.TAKEN
    assert status[dt.date(2030, 4, 6)] == DayStatus.CLOSED  # Saturday: no opening hours
    assert status[dt.date(2030, 4, 8)] == DayStatus.CLOSED  # closure
    assert status[dt.date(2030, 4, 22)] == DayStatus.CLOSED  # Easter Monday


def test_expired_holds_and_cancellations_show_as_free(room, now):
    services.allocate(resources=room, start=at(2030, 4, 2, 0), end=at(2030, 4, 3, 0), now=now)
    (cancelled,) = services.allocate(resources=room, start=at(2030, 4, 3, 0), end=at(2030, 4, 4, 0), now=now)
    services.release(allocations=cancelled, now=now)
    grid = availability_grid(
        resources=[room], start_date=dt.date(2030, 4, 2), end_date=dt.date(2030, 4, 3), now=now
    )
    assert grid.row(room) == [DayStatus.TAKEN, DayStatus.FREE]
    later = availability_grid(
        resources=[room],
        start_date=dt.date(2030, 4, 2),
        end_date=dt.date(2030, 4, 3),
        now=now + dt.timedelta(hours=1),
    )
    assert later.row(room) == [DayStatus.FREE, DayStatus.FREE]


def test_a_booked_part_makes_the_whole_hall_partly_taken(sports_hall, now):
    whole, parts = sports_hall
    services.allocate(resources=parts[0], start=at(2030, 4, 2, 19), end=at(2030, 4, 2, 21), now=now)
    services.allocate(resources=parts[1], start=at(2030, 4, 3, 0), end=at(2030, 4, 4, 0), now=now)
    start, end = week_days(dt.date(2030, 4, 3))
    grid = availability_grid(resources=[whole, *parts], start_date=start, end_date=end, now=now)
    assert grid.status[(whole.pk, dt.date(2030, 4, 2))] == DayStatus.PARTLY
    assert grid.status[(whole.pk, dt.date(2030, 4, 3))] == DayStatus.TAKEN
    assert grid.status[(parts[2].pk, dt.date(2030, 4, 3))] == DayStatus.FREE


def test_grid_query_count_does_not_grow_with_allocations(now):
    venue = [ResourceFactory(name=f"Lokaal {i}") for i in range(3)] + [StockFactory()]

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            availability_grid(
                resources=venue, start_date=dt.date(2030, 4, 1), end_date=dt.date(2030, 4, 30), now=now
            )
        return len(queries)

    few = count_queries()
    for day in range(1, 29):
        for resource in venue:
            services.allocate(
                resources=resource, start=at(2030, 4, day, 10), end=at(2030, 4, day, 11), now=now
            )
    assert count_queries() == few


def test_free_slots_of_one_hour_around_a_booking(now):
    room = ResourceFactory(slot_granularity=dt.timedelta(hours=1))
    OpeningHoursFactory(resource=room, weekday=1, opens=dt.time(18), closes=dt.time(22))
    services.allocate(resources=room, start=at(2030, 4, 2, 19), end=at(2030, 4, 2, 20), now=now)
    slots = free_slots(
        resource=room, start=at(2030, 4, 2), end=at(2030, 4, 3), duration=dt.timedelta(hours=1), now=now
    )
    assert slots == [
        (at(2030, 4, 2, 18), at(2030, 4, 2, 19)),
        (at(2030, 4, 2, 20), at(2030, 4, 2, 21)),
        (at(2030, 4, 2, 21), at(2030, 4, 2, 22)),
    ]


def test_free_quantity_of_stock_and_of_a_whole_hall(sports_hall, now):
    chairs = StockFactory(capacity=100)
    services.allocate(resources=chairs, quantity=30, start=at(2030, 5, 1, 9), end=at(2030, 5, 2, 9), now=now)
    services.allocate(resources=chairs, quantity=25, start=at(2030, 5, 1, 20), end=at(2030, 5, 3, 9), now=now)
    assert free_quantity(resource=chairs, start=at(2030, 5, 1, 9), end=at(2030, 5, 3, 9), now=now) == 45
    assert free_quantity(resource=chairs, start=at(2030, 5, 2, 10), end=at(2030, 5, 3, 9), now=now) == 75
    whole, parts = sports_hall
    services.allocate(resources=parts[1], start=at(2030, 5, 1, 19), end=at(2030, 5, 1, 20), now=now)
    assert free_quantity(resource=whole, start=at(2030, 5, 1, 18), end=at(2030, 5, 1, 22), now=now) == 0
    assert free_quantity(resource=parts[0], start=at(2030, 5, 1, 18), end=at(2030, 5, 1, 22), now=now) == 1


def test_occupancy_counts_confirmed_hours_within_the_month(room, now):
    services.allocate(resources=room, start=at(2030, 4, 30, 22), end=at(2030, 5, 1, 2), confirm=True, now=now)
    services.allocate(
        resources=room, start=at(2030, 5, 10, 19), end=at(2030, 5, 10, 22), confirm=True, now=now
    )
    services.allocate(
        resources=room, start=at(2030, 5, 11, 19), end=at(2030, 5, 11, 22), now=now
    )  # only held
    assert occupancy(resources=[room], year=2030, month=5) == {room.pk: Decimal("5.00")}


def test_occupancy_rounds_half_up_like_every_amount(room, now):
    start = at(2030, 5, 10, 19)
    [allocation] = services.allocate(
        resources=room, start=start, end=at(2030, 5, 10, 20), confirm=True, now=now
    )
    type(allocation).objects.filter(pk=allocation.pk).update(end=start + dt.timedelta(seconds=18))
    assert occupancy(resources=[room], year=2030, month=5) == {room.pk: Decimal("0.01")}  # 0.005 h


def test_days_that_can_no_longer_be_booked_show_as_past_not_free():
    room = ResourceFactory(lead_time=dt.timedelta(days=2))
    now = at(2030, 4, 10, 12)

    grid = availability_grid(
        resources=[room], start_date=dt.date(2030, 4, 9), end_date=dt.date(2030, 4, 13), now=now
    )

    assert grid.row(room) == [DayStatus.PAST, DayStatus.PAST, DayStatus.PAST, DayStatus.FREE, DayStatus.FREE]
