"""Whatever people do in whatever order, no instant of any resource is ever allocated beyond capacity."""

import datetime as dt

import pytest
from django.db import transaction
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calendars import errors, services
from calendars.models import Allocation
from tests.calendars.conftest import at
from tests.calendars.factories import ResourceFactory

pytestmark = pytest.mark.django_db

BASE_NOW = at(2030, 1, 1, 8)
DAY = at(2030, 3, 4)

allocate_step = st.tuples(
    st.just("allocate"),
    st.integers(0, 4),  # resource index
    st.integers(0, 20),  # start in half hours after 08:00
    st.integers(1, 8),  # length in half hours
    st.integers(1, 4),  # quantity
    st.booleans(),  # confirm right away
)
release_step = st.tuples(st.just("release"), st.integers(0, 50))
move_step = st.tuples(st.just("move"), st.integers(0, 50), st.integers(0, 20), st.integers(1, 8))
confirm_step = st.tuples(st.just("confirm"), st.integers(0, 50))
expire_step = st.tuples(st.just("expire"), st.integers(1, 30))  # minutes pass
steps = st.lists(st.one_of(allocate_step, release_step, move_step, confirm_step, expire_step), max_size=25)


def _slot(index: int, length: int) -> tuple[dt.datetime, dt.datetime]:
    start = DAY + dt.timedelta(hours=8, minutes=30 * index)
    return start, start + dt.timedelta(minutes=30 * length)


def _peak(rows) -> int:
    events = sorted([(s, q) for s, _e, q in rows] + [(e, -q) for _s, e, q in rows], key=lambda x: x[:2])
    peak = current = 0
    for _moment, delta in events:
        current += delta
        peak = max(peak, current)
    return peak


def _assert_never_over_capacity(resources, now):
    for resource in resources:
        rows = Allocation.objects.filter(resource=resource).blocking(now=now)
        assert _peak(list(rows.values_list("blocked_start", "blocked_end", "quantity"))) <= resource.capacity


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=steps)
def test_random_bookings_never_exceed_capacity(steps):
    # Every example runs its steps in one transaction only so it can roll back: the steps are separate
    # operations, so the per-transaction lock-order check (docs/locking.md) does not apply here.
    with override_settings(LOCK_ORDER_CHECK="off"), transaction.atomic():
        whole = ResourceFactory(name="Sporthal", capacity=1)
        parts = [ResourceFactory(name=f"Deel {i}", parent=whole) for i in range(2)]
        room = ResourceFactory(name="Zaal", capacity=1, buffer_after=dt.timedelta(minutes=30))
        stock = ResourceFactory(name="Tafels", capacity=5)
        choices = [whole, parts[0], parts[1], room, stock]
        every = [*choices]
        now = BASE_NOW
        made: list[Allocation] = []
        for step in steps:
            try:
                if step[0] == "allocate":
                    _kind, index, start_slot, length, quantity, confirm = step
                    start, end = _slot(start_slot, length)
                    resource = choices[index]
                    made += services.allocate(
                        resources=(resource, quantity if resource is stock else 1),
                        start=start,
                        end=end,
                        confirm=confirm,
                        now=now,
                    )
                elif step[0] == "release" and made:
                    services.release(allocations=made[step[1] % len(made)], now=now)
                elif step[0] == "confirm" and made:
                    services.confirm(allocations=made[step[1] % len(made)], now=now)
                elif step[0] == "move" and made:
                    start, end = _slot(step[2], step[3])
                    services.move(allocation=made[step[1] % len(made)], start=start, end=end, now=now)
                elif step[0] == "expire":
                    now += dt.timedelta(minutes=step[1])
            except errors.AllocationError:
                pass
            _assert_never_over_capacity(every, now)
            whole_spans = Allocation.objects.filter(resource=whole).blocking(now=now)
            direct_part_spans = Allocation.objects.filter(resource__in=parts, whole__isnull=True).blocking(
                now=now
            )
            for booking in whole_spans:
                assert not direct_part_spans.overlapping(booking.start, booking.end).exists()
        transaction.set_rollback(True)
