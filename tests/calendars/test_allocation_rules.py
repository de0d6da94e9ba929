"""Each booking rule refuses with a clear Dutch reason a customer can act on."""

import datetime as dt

import pytest

from calendars import errors, services
from calendars.models import Allocation, AllocationState
from calendars.selectors import free_quantity
from tests.calendars.conftest import at
from tests.calendars.factories import ClosureFactory, OpeningHoursFactory, ResourceFactory, StockFactory

pytestmark = pytest.mark.django_db


def test_a_free_room_is_held_for_alice_then_confirmed(room, alice, now):
    (allocation,) = services.allocate(
        resources=room,
        start=at(2030, 3, 4, 19),
        end=at(2030, 3, 4, 21),
        holder=alice,
        created_by=alice,
        now=now,
    )
    assert allocation.state == AllocationState.HELD
    assert allocation.hold_expires_at == now + dt.timedelta(minutes=15)
    assert allocation.holder == alice

    services.confirm(allocations=allocation, now=now)
    allocation.refresh_from_db()
    assert allocation.state == AllocationState.CONFIRMED
    assert allocation.hold_expires_at is None


def test_a_taken_room_names_the_blocking_booking_by_number_only(room, alice, bob, now):
    (alices,) = services.allocate(
        resources=room,
        start=at(2030, 3, 4, 19),
        end=at(2030, 3, 4, 21),
        holder=alice,
        title="Verjaardag Alice",
        now=now,
    )
    with pytest.raises(errors.ConflictError) as refused:
        services.allocate(
            resources=room, start=at(2030, 3, 4, 20), end=at(2030, 3, 4, 22), holder=bob, now=now
        )
    assert refused.value.allocation_id == alices.pk
    assert f"nr. {alices.pk}" in str(refused.value)
    assert "Alice" not in str(refused.value)


def test_back_to_back_bookings_fit_because_spans_are_half_open(room, now):
    services.allocate(resources=room, start=at(2030, 3, 4, 19), end=at(2030, 3, 4, 21), now=now)
    services.allocate(resources=room, start=at(2030, 3, 4, 21), end=at(2030, 3, 4, 23), now=now)
    assert Allocation.objects.filter(resource=room).count() == 2


def test_buffers_keep_time_free_for_cleaning(now):
    room = ResourceFactory(buffer_after=dt.timedelta(minutes=30))
    services.allocate(resources=room, start=at(2030, 3, 4, 19), end=at(2030, 3, 4, 21), now=now)
    with pytest.raises(errors.ConflictError):
        services.allocate(resources=room, start=at(2030, 3, 4, 21, 15), end=at(2030, 3, 4, 23), now=now)
    services.allocate(resources=room, start=at(2030, 3, 4, 21, 30), end=at(2030, 3, 4, 23), now=now)


def test_outside_opening_hours_is_refused(now):
    room = ResourceFactory(name="Jeugdlokaal")
    OpeningHoursFactory(resource=room, weekday=0, opens=dt.time(8), closes=dt.time(12))
    OpeningHoursFactory(resource=room, weekday=0, opens=dt.time(13), closes=dt.time(22))
    services.allocate(resources=room, start=at(2030, 3, 4, 9), end=at(2030, 3, 4, 11), now=now)
    for start, end in [
        (at(2030, 3, 4, 11), at(2030, 3, 4, 14)),
        (at(2030, 3, 4, 21), at(2030, 3, 4, 23)),
        (at(2030, 3, 5, 9), at(2030, 3, 5, 10)),
    ]:
        with pytest.raises(errors.OutsideOpeningHoursError, match="Jeugdlokaal is op dat moment niet open"):
            services.allocate(resources=room, start=start, end=end, now=now)


def test_opening_until_midnight_joins_the_next_morning(now):
    room = ResourceFactory()
    OpeningHoursFactory(resource=room, weekday=4, opens=dt.time(18), closes=dt.time(0))
    OpeningHoursFactory(resource=room, weekday=5, opens=dt.time(0), closes=dt.time(3))
    (party,) = services.allocate(resources=room, start=at(2030, 3, 8, 20), end=at(2030, 3, 9, 2), now=now)

    assert party.state == AllocationState.HELD
    assert (party.start, party.end) == (at(2030, 3, 8, 20), at(2030, 3, 9, 2))


def test_closure_and_public_holiday_are_refused_with_the_day(now):
    room = ResourceFactory(name="Feestzaal")
    ClosureFactory(
        resource=room, start_date=dt.date(2030, 7, 1), end_date=dt.date(2030, 7, 15), reason="Schilderwerken"
    )
    with pytest.raises(errors.ClosedError, match="Schilderwerken"):
        services.allocate(resources=room, start=at(2030, 7, 10, 10), end=at(2030, 7, 10, 12), now=now)
    assert services.load_public_holidays(year=2030) >= 10
    with pytest.raises(errors.ClosedError) as refused:
        services.allocate(resources=room, start=at(2030, 7, 21, 10), end=at(2030, 7, 21, 12), now=now)
    assert refused.value.date == dt.date(2030, 7, 21)
    assert refused.value.reason


def test_a_resource_that_opens_on_holidays_can_be_booked_then(now):
    services.load_public_holidays(year=2030)
    ticket_quota = StockFactory(closed_on_public_holidays=False)
    (seats,) = services.allocate(
        resources=ticket_quota, start=at(2030, 7, 21, 10), end=at(2030, 7, 21, 12), now=now
    )

    assert seats.state == AllocationState.HELD


def test_loading_public_holidays_twice_changes_nothing(db):
    from calendars.models import PublicHoliday

    services.load_public_holidays(year=2031)
    count = PublicHoliday.objects.count()
    services.load_public_holidays(year=2031)
    assert PublicHoliday.objects.count() == count
    assert PublicHoliday.objects.filter(date=dt.date(2031, 12, 25)).exists()


def test_too_short_and_too_long_are_refused(now):
    room = ResourceFactory(min_duration=dt.timedelta(hours=1), max_duration=dt.timedelta(hours=4))
    with pytest.raises(errors.TooShortError, match="minstens 60 minuten"):
        services.allocate(resources=room, start=at(2030, 3, 4, 19), end=at(2030, 3, 4, 19, 30), now=now)
    with pytest.raises(errors.TooLongError, match="hoogstens 240 minuten"):
        services.allocate(resources=room, start=at(2030, 3, 4, 10), end=at(2030, 3, 4, 15), now=now)


def test_slot_grid_is_enforced(now):
    room = ResourceFactory(slot_granularity=dt.timedelta(minutes=30))
    with pytest.raises(errors.OffGridError):
        services.allocate(resources=room, start=at(2030, 3, 4, 19, 10), end=at(2030, 3, 4, 20), now=now)
    services.allocate(resources=room, start=at(2030, 3, 4, 19, 30), end=at(2030, 3, 4, 20), now=now)


def test_lead_time_and_horizon_are_enforced(now):
    stock = StockFactory(lead_time=dt.timedelta(days=21), booking_horizon=dt.timedelta(days=365))
    with pytest.raises(errors.TooLateError, match="te kort dag"):
        services.allocate(
            resources=stock, start=now + dt.timedelta(days=20), end=now + dt.timedelta(days=22), now=now
        )
    with pytest.raises(errors.TooEarlyError, match="Zo ver vooruit"):
        services.allocate(
            resources=stock, start=now + dt.timedelta(days=400), end=now + dt.timedelta(days=401), now=now
        )
    services.allocate(
        resources=stock, start=now + dt.timedelta(days=30), end=now + dt.timedelta(days=31), now=now
    )


def test_staff_may_book_outside_the_public_rules_but_never_beyond_capacity(room, now):
    OpeningHoursFactory(resource=room, weekday=0)
    services.allocate(
        resources=room, start=at(2030, 3, 5, 6), end=at(2030, 3, 5, 7), enforce_rules=False, now=now
    )
    with pytest.raises(errors.ConflictError):
        services.allocate(
            resources=room, start=at(2030, 3, 5, 6), end=at(2030, 3, 5, 7), enforce_rules=False, now=now
        )


def test_not_enough_stock_says_how_many_are_free(now):
    chairs = StockFactory(name="Klapstoelen", capacity=100)
    services.allocate(resources=chairs, quantity=70, start=at(2030, 5, 1, 9), end=at(2030, 5, 3, 17), now=now)
    with pytest.raises(errors.NotEnoughCapacityError) as refused:
        services.allocate(
            resources=chairs, quantity=40, start=at(2030, 5, 2, 9), end=at(2030, 5, 4, 17), now=now
        )
    assert refused.value.free == 30
    assert "er zijn er nog 30 vrij" in str(refused.value)


def test_stock_counts_the_peak_not_the_sum_of_separate_loans(now):
    chairs = StockFactory(capacity=100)
    services.allocate(resources=chairs, quantity=60, start=at(2030, 5, 1, 9), end=at(2030, 5, 2, 9), now=now)
    services.allocate(resources=chairs, quantity=60, start=at(2030, 5, 3, 9), end=at(2030, 5, 4, 9), now=now)
    services.allocate(resources=chairs, quantity=40, start=at(2030, 5, 1, 9), end=at(2030, 5, 4, 9), now=now)

    assert free_quantity(resource=chairs, start=at(2030, 5, 1, 9), end=at(2030, 5, 4, 9), now=now) == 0


def test_many_resources_at_once_is_all_or_nothing(now):
    chairs, tables = StockFactory(capacity=100), StockFactory(capacity=10)
    with pytest.raises(errors.NotEnoughCapacityError):
        services.allocate(
            resources=[(chairs, 50), (tables, 11)], start=at(2030, 5, 1, 9), end=at(2030, 5, 2, 9), now=now
        )
    assert not Allocation.objects.exists()
    made = services.allocate(
        resources=[(chairs, 50), (tables, 10)], start=at(2030, 5, 1, 9), end=at(2030, 5, 2, 9), now=now
    )
    assert [a.quantity for a in made] == [50, 10]


def test_whole_hall_books_every_part_and_a_part_blocks_the_whole(sports_hall, now):
    whole, (part_a, part_b, _part_c) = sports_hall
    (part_booking,) = services.allocate(
        resources=part_a, start=at(2030, 3, 4, 19), end=at(2030, 3, 4, 21), now=now
    )
    with pytest.raises(errors.ConflictError) as refused:
        services.allocate(resources=whole, start=at(2030, 3, 4, 20), end=at(2030, 3, 4, 22), now=now)
    assert refused.value.allocation_id == part_booking.pk

    (whole_booking,) = services.allocate(
        resources=whole, start=at(2030, 3, 5, 19), end=at(2030, 3, 5, 21), now=now
    )
    assert whole_booking.part_allocations.count() == 3
    with pytest.raises(errors.ConflictError) as refused:
        services.allocate(resources=part_b, start=at(2030, 3, 5, 20), end=at(2030, 3, 5, 21), now=now)
    assert refused.value.allocation_id == whole_booking.pk


def test_expired_hold_never_blocks_even_before_the_task_runs(room, now):
    (hold,) = services.allocate(resources=room, start=at(2030, 3, 4, 19), end=at(2030, 3, 4, 21), now=now)
    later = now + dt.timedelta(minutes=16)
    (second,) = services.allocate(resources=room, start=at(2030, 3, 4, 19), end=at(2030, 3, 4, 21), now=later)
    hold.refresh_from_db()
    assert hold.state == AllocationState.RELEASED
    assert second.state == AllocationState.HELD


def test_confirming_an_expired_hold_works_only_while_the_place_is_still_free(room, now):
    (first,) = services.allocate(resources=room, start=at(2030, 3, 4, 19), end=at(2030, 3, 4, 21), now=now)
    (second,) = services.allocate(resources=room, start=at(2030, 3, 5, 19), end=at(2030, 3, 5, 21), now=now)
    later = now + dt.timedelta(hours=1)
    assert services.release_expired_holds(now=later) == 2
    services.allocate(resources=room, start=at(2030, 3, 5, 19), end=at(2030, 3, 5, 20), now=later)

    services.confirm(allocations=first, now=later)
    assert Allocation.objects.get(pk=first.pk).state == AllocationState.CONFIRMED
    with pytest.raises(errors.HoldExpiredError):
        services.confirm(allocations=second, now=later)


def test_a_cancelled_booking_cannot_be_confirmed(room, now):
    (allocation,) = services.allocate(
        resources=room, start=at(2030, 3, 4, 19), end=at(2030, 3, 4, 21), now=now
    )
    services.release(allocations=allocation, now=now)
    with pytest.raises(errors.InvalidStateError):
        services.confirm(allocations=allocation, now=now)
    services.allocate(resources=room, start=at(2030, 3, 4, 19), end=at(2030, 3, 4, 21), now=now)


def test_extend_hold_keeps_the_place_longer(room, now):
    (hold,) = services.allocate(resources=room, start=at(2030, 3, 4, 19), end=at(2030, 3, 4, 21), now=now)
    services.extend_hold(allocations=hold, until=now + dt.timedelta(days=14), now=now)
    with pytest.raises(errors.ConflictError):
        services.allocate(
            resources=room, start=at(2030, 3, 4, 19), end=at(2030, 3, 4, 21), now=now + dt.timedelta(days=1)
        )


def test_move_keeps_the_old_span_when_the_new_one_is_taken(room, now):
    (mine,) = services.allocate(resources=room, start=at(2030, 3, 4, 19), end=at(2030, 3, 4, 21), now=now)
    services.allocate(resources=room, start=at(2030, 3, 6, 19), end=at(2030, 3, 6, 21), now=now)
    with pytest.raises(errors.ConflictError):
        services.move(allocation=mine, start=at(2030, 3, 6, 20), end=at(2030, 3, 6, 22), now=now)
    mine.refresh_from_db()
    assert mine.start == at(2030, 3, 4, 19)
    moved = services.move(allocation=mine, start=at(2030, 3, 4, 20), end=at(2030, 3, 4, 22), now=now)
    assert moved.start == at(2030, 3, 4, 20)


def test_moving_the_whole_hall_moves_every_part(sports_hall, now):
    whole, parts = sports_hall
    (booking,) = services.allocate(resources=whole, start=at(2030, 3, 4, 19), end=at(2030, 3, 4, 21), now=now)
    services.move(allocation=booking, start=at(2030, 3, 7, 19), end=at(2030, 3, 7, 21), now=now)
    assert {a.start for a in booking.part_allocations.all()} == {at(2030, 3, 7, 19)}
    services.allocate(resources=parts[0], start=at(2030, 3, 4, 19), end=at(2030, 3, 4, 21), now=now)


def test_naive_or_reversed_spans_are_refused(room, now):
    with pytest.raises(errors.InvalidSpanError):
        services.allocate(resources=room, start=at(2030, 3, 4, 21), end=at(2030, 3, 4, 19), now=now)
    with pytest.raises(errors.InvalidSpanError):
        services.allocate(
            resources=room, start=dt.datetime(2030, 3, 4, 19), end=dt.datetime(2030, 3, 4, 21), now=now
        )


def test_the_periodic_task_releases_expired_holds(room):
    from django.utils import timezone

    from calendars.tasks import release_expired_holds

    start = timezone.now() + dt.timedelta(days=3)
    services.allocate(
        resources=room,
        start=start,
        end=start + dt.timedelta(hours=1),
        hold_expires_at=timezone.now() - dt.timedelta(seconds=1),
        enforce_rules=False,
    )
    assert release_expired_holds.delay().get() == 1
    assert Allocation.objects.get().state == AllocationState.RELEASED
