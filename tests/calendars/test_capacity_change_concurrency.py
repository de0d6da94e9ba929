"""Staff lower a stock while people book it, on PostgreSQL with real threads: through
services.change_capacity the stock is never below what is allocated; a plain UPDATE (the control)
breaks that, which proves the race the guard closes is real."""

import threading

import pytest
from django.db import connection
from django.db.models import Sum

from calendars import capacity_changes, errors, services
from calendars.models import Allocation, Resource
from tests.calendars.conftest import at
from tests.calendars.factories import StockFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

NOW = at(2030, 1, 10, 9)
START, END = at(2030, 5, 1, 9), at(2030, 5, 3, 17)


def _allocated(resource: Resource) -> int:
    blocking = Allocation.objects.filter(resource=resource).blocking(now=NOW)
    return blocking.aggregate(total=Sum("quantity"))["total"] or 0


def _snapshot(resource: Resource) -> tuple[int, int]:
    """(capacity, allocated) read by one statement, i.e. from one snapshot of committed data."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT r.capacity, COALESCE((SELECT SUM(a.quantity) FROM calendars_allocation a"
            " WHERE a.resource_id = r.id AND (a.state = 'confirmed' OR (a.state = 'held'"
            " AND a.hold_expires_at > %s))), 0) FROM calendars_resource r WHERE r.id = %s",
            [NOW, resource.pk],
        )
        return cursor.fetchone()


def _book(resource: Resource):
    try:
        return services.allocate(resources=resource, start=START, end=END, now=NOW)
    except errors.AllocationError as error:
        return error


def _threads(target, count: int) -> list[threading.Thread]:
    """Start `count` threads running `target`, each closing its own connection when done."""

    def run():
        try:
            target()
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    return threads


def test_sixteen_threads_book_while_staff_lower_the_stock_and_it_is_never_oversold():
    chairs = StockFactory(capacity=100)
    results: list = []
    lowerings: list = []
    remaining = [160]
    lock = threading.Lock()
    go = threading.Barrier(18)

    def booker():
        go.wait()
        while True:
            with lock:
                if remaining[0] == 0:
                    break
                remaining[0] -= 1
            outcome = _book(chairs)
            with lock:
                results.append(outcome)

    def staff():
        go.wait()
        for target in (95, 90, 80, 70, 60, 50, 40):
            try:
                services.change_capacity(resource=Resource(pk=chairs.pk), capacity=target, now=NOW)
                lowerings.append(target)
            except errors.CapacityBelowAllocatedError as error:
                lowerings.append(error)

    snapshots: list[tuple[int, int]] = []
    done = threading.Event()

    def monitor():
        go.wait()
        while not done.is_set():
            snapshots.append(_snapshot(chairs))

    watcher = _threads(monitor, 1)
    threads = _threads(booker, 16) + _threads(staff, 1)
    for thread in threads:
        thread.join()
    done.set()
    watcher[0].join()
    assert snapshots and all(allocated <= capacity for capacity, allocated in snapshots)
    chairs.refresh_from_db()
    granted = [r for r in results if isinstance(r, list)]
    refused = [r for r in results if not isinstance(r, list)]
    accepted = [t for t in lowerings if isinstance(t, int)]
    assert len(results) == 160 and len(lowerings) == 7
    assert all(isinstance(r, errors.NotEnoughCapacityError) for r in refused)
    assert chairs.capacity == (accepted[-1] if accepted else 100)
    # 160 requests for at most 100: every unit of the final stock is lent, and not one more
    assert len(granted) == _allocated(chairs) == chairs.capacity
    for error in lowerings:
        if not isinstance(error, int):
            assert error.allocated > error.capacity


def test_control_a_plain_update_between_reading_and_writing_breaks_the_invariant():
    """The check that staff (or the old LoanItem.save) would do without the lock: read what is
    allocated, decide, write. Thirty bookings land between the read and the write."""
    chairs = StockFactory(capacity=100)
    for _ in range(40):
        services.allocate(resources=chairs, start=START, end=END, now=NOW)
    read_done, booked = threading.Event(), threading.Event()

    def staff():
        if _allocated(chairs) <= 50:
            read_done.set()
            booked.wait(timeout=30)
            Resource.objects.filter(pk=chairs.pk).update(capacity=50)

    def bookers():
        read_done.wait(timeout=30)
        for _ in range(30):
            _book(chairs)
        booked.set()

    for thread in _threads(staff, 1) + _threads(bookers, 1):
        thread.join()
    chairs.refresh_from_db()
    assert chairs.capacity == 50
    assert _allocated(chairs) == 70  # 20 more than the stock: the invariant is broken


def test_the_same_interleaving_through_the_guard_keeps_the_invariant(monkeypatch):
    """As the control, but through change_capacity: the bookers start while staff have read what is
    allocated, and they wait on the row lock until the new stock is committed."""
    chairs = StockFactory(capacity=100)
    for _ in range(40):
        services.allocate(resources=chairs, start=START, end=END, now=NOW)
    read_done = threading.Event()
    real_peak = capacity_changes.peak

    def peak_then_pause(*args, **kwargs):
        highest = real_peak(*args, **kwargs)
        read_done.set()
        threading.Event().wait(0.5)  # long enough for 30 bookings, were they not blocked by the lock
        return highest

    monkeypatch.setattr(capacity_changes, "peak", peak_then_pause)
    outcomes: list = []

    def staff():
        services.change_capacity(resource=Resource(pk=chairs.pk), capacity=50, now=NOW)

    def bookers():
        read_done.wait(timeout=30)
        outcomes.extend(_book(chairs) for _ in range(30))

    for thread in _threads(staff, 1) + _threads(bookers, 1):
        thread.join()
    chairs.refresh_from_db()
    assert chairs.capacity == 50
    assert _allocated(chairs) == 50
    assert sum(isinstance(o, list) for o in outcomes) == 10
    assert sum(isinstance(o, errors.NotEnoughCapacityError) for o in outcomes) == 20
