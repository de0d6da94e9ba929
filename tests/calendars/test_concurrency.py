"""Real races on PostgreSQL: many threads, each with its own connection, at the same time."""

import random
import threading

import pytest
from django.db import IntegrityError, connection, transaction

from calendars import capacity, errors, services
from calendars.models import Allocation, AllocationState
from calendars.selectors import free_quantity
from tests.calendars.conftest import at
from tests.calendars.factories import ResourceFactory, StockFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

NOW = at(2030, 1, 10, 9)


def _race(attempts: list, workers: int = 16):
    """Run the callables in `attempts` from `workers` threads that start together; returns results."""
    results: list = []
    lock = threading.Lock()
    barrier = threading.Barrier(workers)
    queue = list(attempts)

    def worker():
        try:
            barrier.wait()
            while True:
                with lock:
                    if not queue:
                        return
                    attempt = queue.pop()
                try:
                    outcome = attempt()
                except errors.AllocationError as error:
                    outcome = error
                with lock:
                    results.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_fifty_people_click_the_same_room_slot_and_exactly_one_gets_it():
    room = ResourceFactory(name="Zaal De Linde")
    start, end = at(2030, 3, 4, 19), at(2030, 3, 4, 21)
    attempts = [lambda: services.allocate(resources=room, start=start, end=end, now=NOW)] * 50
    results = _race(attempts, workers=50)
    winners = [r for r in results if isinstance(r, list)]
    assert len(winners) == 1
    assert all(isinstance(r, errors.ConflictError) for r in results if not isinstance(r, list))
    assert Allocation.objects.filter(resource=room).count() == 1


def test_two_hundred_loans_of_one_to_three_never_oversell_a_stock_of_hundred():
    chairs = StockFactory(capacity=100)
    start, end = at(2030, 5, 1, 9), at(2030, 5, 3, 17)
    amounts = [random.Random(i).randint(1, 3) for i in range(200)]
    attempts = [
        (lambda n=n: services.allocate(resources=chairs, quantity=n, start=start, end=end, now=NOW))
        for n in amounts
    ]
    results = _race(attempts, workers=16)
    granted = sum(r[0].quantity for r in results if isinstance(r, list))
    stored = sum(Allocation.objects.filter(resource=chairs).values_list("quantity", flat=True))
    assert granted == stored
    assert stored <= 100
    assert stored >= 98  # the last ones are refused only because fewer than they asked is left
    assert free_quantity(resource=chairs, start=start, end=end, now=NOW) == 100 - stored


def _whole_against_parts_round():
    whole = ResourceFactory(name="Sporthal")
    parts = [ResourceFactory(name=f"Sporthal {x}", parent=whole) for x in "ABC"]
    start, end = at(2030, 3, 4, 19), at(2030, 3, 4, 21)
    attempts = [lambda: services.allocate(resources=whole, start=start, end=end, now=NOW)] * 4 + [
        (lambda p=p: services.allocate(resources=p, start=start, end=end, now=NOW)) for p in parts
    ] * 2
    random.shuffle(attempts)
    results = _race(attempts, workers=len(attempts))
    winners = [r[0] for r in results if isinstance(r, list)]
    whole_won = [w for w in winners if w.resource_id == whole.pk]
    parts_won = [w for w in winners if w.resource_id != whole.pk]
    assert (len(whole_won), len(parts_won)) in {(1, 0), (0, 1), (0, 2), (0, 3)}
    assert len({w.resource_id for w in parts_won}) == len(parts_won)


def test_whole_hall_racing_part_bookings_never_both():
    for _round in range(5):
        _whole_against_parts_round()


def test_moves_racing_new_bookings_never_overlap():
    room = ResourceFactory()
    (mine,) = services.allocate(resources=room, start=at(2030, 3, 4, 9), end=at(2030, 3, 4, 10), now=NOW)
    target = (at(2030, 3, 4, 19), at(2030, 3, 4, 21))
    attempts = [lambda: services.move(allocation=mine, start=target[0], end=target[1], now=NOW)] + [
        lambda: services.allocate(resources=room, start=target[0], end=target[1], now=NOW)
    ] * 10
    _race(attempts, workers=11)
    on_target = Allocation.objects.filter(resource=room, start=target[0]).blocking(now=NOW)
    assert on_target.count() == 1


def test_the_exclusion_constraint_refuses_an_overlap_written_past_the_service():
    room = ResourceFactory()
    (booked,) = services.allocate(resources=room, start=at(2030, 3, 4, 19), end=at(2030, 3, 4, 21), now=NOW)
    with pytest.raises(IntegrityError, match="cal_alloc_exclusive_no_overlap"), transaction.atomic():
        Allocation.objects.create(
            resource=room,
            start=at(2030, 3, 4, 20),
            end=at(2030, 3, 4, 22),
            blocked_start=at(2030, 3, 4, 20),
            blocked_end=at(2030, 3, 4, 22),
            exclusive=True,
            state=AllocationState.CONFIRMED,
        )
    # Released allocations and non-exclusive ones are outside the constraint.
    services.release(allocations=booked, now=NOW)
    Allocation.objects.create(
        resource=room,
        start=at(2030, 3, 4, 20),
        end=at(2030, 3, 4, 22),
        blocked_start=at(2030, 3, 4, 20),
        blocked_end=at(2030, 3, 4, 22),
        exclusive=True,
        state=AllocationState.CONFIRMED,
    )


def test_a_constraint_violation_reaches_the_caller_as_the_same_conflict(monkeypatch):
    room = ResourceFactory(name="Zaal Noord")
    services.allocate(resources=room, start=at(2030, 3, 4, 19), end=at(2030, 3, 4, 21), now=NOW)
    # Pretend the re-check missed it (as a buggy caller bypassing the lock would): the database still refuses.
    monkeypatch.setattr(capacity, "ensure_free", lambda *args, **kwargs: None)
    with pytest.raises(errors.ConflictError, match="Zaal Noord is op dat moment al bezet"):
        services.allocate(resources=room, start=at(2030, 3, 4, 20), end=at(2030, 3, 4, 22), now=NOW)
    assert Allocation.objects.filter(resource=room).count() == 1


def test_a_booking_stuck_behind_a_long_lock_gives_up_with_a_clear_message(monkeypatch):
    from calendars import locking

    room = ResourceFactory()
    monkeypatch.setattr(locking, "LOCK_TIMEOUT_MS", 300)
    holding, done = threading.Event(), threading.Event()

    def slow_staff_member():
        try:
            with transaction.atomic():
                locking.lock_resources([room.pk])
                holding.set()
                done.wait(timeout=10)
        finally:
            connection.close()

    thread = threading.Thread(target=slow_staff_member)
    thread.start()
    holding.wait(timeout=10)
    try:
        with pytest.raises(errors.LockTimeoutError, match="Het is erg druk"):
            services.allocate(resources=room, start=at(2030, 3, 4, 19), end=at(2030, 3, 4, 21), now=NOW)
    finally:
        done.set()
        thread.join()
    services.allocate(resources=room, start=at(2030, 3, 4, 19), end=at(2030, 3, 4, 21), now=NOW)
