"""Claiming capacity: the re-check under the lock and the writes. Only calendars.services calls this,
always after calendars.locking.lock_resources() has locked every affected resource row."""

import datetime as dt
import functools
from collections.abc import Iterable

from django.db import IntegrityError, connection
from django.db.models import Sum

from calendars import errors
from calendars.db import EXCLUSION_CONSTRAINT_NAME, run_prepared
from calendars.models import Allocation, AllocationState, Resource


def peak(rows: list[tuple[dt.datetime, dt.datetime, int]], start: dt.datetime, end: dt.datetime) -> int:
    """Highest total quantity at any instant of [start, end) (sweep over the half-open spans)."""
    events = []
    for row_start, row_end, quantity in rows:
        events.append((max(row_start, start), quantity))
        events.append((min(row_end, end), -quantity))
    events.sort(key=lambda e: (e[0], e[1]))  # ends before starts at the same instant: half-open
    peak = current = 0
    for _moment, delta in events:
        current += delta
        peak = max(peak, current)
    return peak


def overloaded_spans(
    rows: list[tuple[dt.datetime, dt.datetime, int]], start: dt.datetime, end: dt.datetime, capacity: int
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The spans of [start, end) where the total quantity exceeds `capacity`, in order (same sweep as
    peak(): half-open, ends before starts at the same instant)."""
    events = []
    for row_start, row_end, quantity in rows:
        if row_start < end and row_end > start:
            events.append((max(row_start, start), quantity))
            events.append((min(row_end, end), -quantity))
    events.sort(key=lambda e: (e[0], e[1]))
    spans: list[tuple[dt.datetime, dt.datetime]] = []
    current, opened = 0, None
    for moment, delta in events:
        current += delta
        if current > capacity and opened is None:
            opened = moment
        elif current <= capacity and opened is not None:
            if moment > opened:
                spans.append((opened, moment))
            opened = None
    return spans


def free_locked(
    resource: Resource, start: dt.datetime, end: dt.datetime, *, now: dt.datetime, exclude: Iterable[int] = ()
) -> tuple[int, int | None]:
    """(free quantity over the blocked span, id of a blocking top-level allocation).

    Exact under the lock; a snapshot otherwise."""
    blocking = (
        Allocation.objects.filter(resource_id=resource.pk)
        .blocking(now=now)
        .overlapping(start, end)
        .exclude(pk__in=list(exclude))
    )
    if not resource.is_exclusive:
        total = blocking.aggregate(total=Sum("quantity"))["total"] or 0
        if total <= resource.capacity:
            return resource.capacity - total, None
    rows = list(blocking.values_list("blocked_start", "blocked_end", "quantity", "pk", "whole_id"))
    highest = peak([r[:3] for r in rows], start, end)
    first = (rows[0][4] or rows[0][3]) if rows else None
    return max(resource.capacity - highest, 0), first


def blocked_span(resource: Resource, start: dt.datetime, end: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    return start - resource.buffer_before, end + resource.buffer_after


def release_expired_on(
    locked: dict[int, Resource], start: dt.datetime, end: dt.datetime, now: dt.datetime
) -> None:
    """Expired holds no longer count, but they still sit in the exclusion constraint until released."""
    exclusive = [r for r in locked.values() if r.is_exclusive]
    if not exclusive:
        return
    start -= max(r.buffer_before for r in exclusive)
    end += max(r.buffer_after for r in exclusive)
    Allocation.objects.filter(
        resource_id__in=[r.pk for r in exclusive],
        exclusive=True,
        state=AllocationState.HELD,
        hold_expires_at__lte=now,
        blocked_start__lt=end,
        blocked_end__gt=start,
    ).update(state=AllocationState.RELEASED, updated_at=now)


def ensure_free(
    resource: Resource,
    quantity: int,
    start: dt.datetime,
    end: dt.datetime,
    *,
    now: dt.datetime,
    exclude: Iterable[int] = (),
) -> None:
    blocked_start, blocked_end = blocked_span(resource, start, end)
    free, blocker = free_locked(resource, blocked_start, blocked_end, now=now, exclude=exclude)
    if free >= quantity:
        return
    if resource.is_exclusive:
        raise errors.ConflictError(resource_name=resource.name, allocation_id=blocker)
    raise errors.NotEnoughCapacityError(resource_name=resource.name, requested=quantity, free=free)


def claim(
    locked: dict[int, Resource],
    tree: dict[int, list[int]],
    pairs: list[tuple[Resource, int]],
    start: dt.datetime,
    end: dt.datetime,
    *,
    now: dt.datetime,
    values: dict,
) -> list[Allocation]:
    """Re-check and write the allocations of one span. The caller holds the locks of every tree member."""
    release_expired_on(locked, start, end, now)
    for resource, quantity in pairs:
        for member in tree[resource.pk]:
            ensure_free(locked[member], quantity, start, end, now=now)
    created = []
    for resource, quantity in pairs:
        whole = None
        for member in tree[resource.pk]:
            member_resource = locked[member]
            blocked_start, blocked_end = blocked_span(member_resource, start, end)
            allocation = Allocation.objects.create(
                resource=member_resource,
                start=start,
                end=end,
                blocked_start=blocked_start,
                blocked_end=blocked_end,
                quantity=quantity,
                exclusive=member_resource.is_exclusive,
                whole=whole,
                **values,
            )
            if whole is None:
                whole = allocation
                created.append(allocation)
    return created


def translate_integrity(exc: IntegrityError, resource: Resource) -> errors.AllocationError:
    if EXCLUSION_CONSTRAINT_NAME in str(exc):
        return errors.ConflictError(resource_name=resource.name, allocation_id=None)
    raise exc


class GuardedInsert:
    """The hot path for stock, quotas and places on PostgreSQL: one statement that inserts the allocation
    only if the allocated sum over the span still leaves room, prepared before the lock is taken so the
    lock is held for two round trips (lock, insert) plus the commit.

    The sum is an upper bound of the peak, so when it does not fit, claim() decides exactly."""

    def __init__(self, resource: Resource, allocation: Allocation, sql: str, params: list):
        self.resource = resource
        self.allocation = allocation
        self.sql = sql
        self.params = params

    @classmethod
    def prepare(cls, pairs, tree, start, end, *, now, values) -> "GuardedInsert | None":
        if connection.vendor != "postgresql" or len(pairs) != 1:
            return None
        resource, quantity = pairs[0]
        if tree[resource.pk] != [resource.pk] or resource.is_exclusive:
            return None
        blocked_start, blocked_end = blocked_span(resource, start, end)
        allocation = Allocation(
            resource=resource,
            start=start,
            end=end,
            blocked_start=blocked_start,
            blocked_end=blocked_end,
            quantity=quantity,
            exclusive=False,
            **values,
        )
        fields = _insert_fields()
        row = [f.get_db_prep_save(f.pre_save(allocation, True), connection) for f in fields]
        used_params = [
            resource.pk,
            blocked_start,
            blocked_end,
            AllocationState.CONFIRMED,
            AllocationState.HELD,
            now,
        ]
        return cls(resource, allocation, _guarded_insert_sql(), [*row, *used_params, quantity])

    def run(self, locked: dict[int, Resource]) -> Allocation | None:
        fresh = locked[self.resource.pk]
        if fresh.is_exclusive or (fresh.buffer_before, fresh.buffer_after) != (
            self.resource.buffer_before,
            self.resource.buffer_after,
        ):
            return None
        inserted = run_prepared(self.sql, [*self.params, fresh.capacity])
        if not inserted:
            return None
        self.allocation.pk = inserted[0][0]
        self.allocation.resource = fresh
        self.allocation._state.adding = False
        self.allocation._state.db = connection.alias
        return self.allocation


@functools.cache
def _insert_fields() -> list:
    return [f for f in Allocation._meta.concrete_fields if not f.primary_key]


@functools.cache
def _guarded_insert_sql() -> str:
    """Built once: compiling it per call cost more than the rest of the locked section, and it runs as
    a prepared statement (calendars.db.run_prepared), planned once per connection, hence the casts.
    The WHERE clause is the SQL form of Allocation.objects.blocking(now).overlapping(start, end); the
    tests on PostgreSQL (property, expiry, concurrency) run through it."""
    quote = connection.ops.quote_name
    fields = _insert_fields()
    used = (
        "SELECT SUM(quantity) FROM calendars_allocation WHERE resource_id = %s::bigint"
        " AND tstzrange(blocked_start, blocked_end, '[)')"
        " && tstzrange(%s::timestamptz, %s::timestamptz, '[)')"
        " AND (state = %s::varchar OR (state = %s::varchar"
        " AND (hold_expires_at IS NULL OR hold_expires_at > %s::timestamptz)))"
    )
    pk_column = Allocation._meta.pk.column
    assert pk_column is not None
    # varchar without its length: a cast would truncate silently where the column refuses
    placeholders = ", ".join(f"%s::{f.cast_db_type(connection).split('(')[0]}" for f in fields)
    return (
        f"INSERT INTO {quote(Allocation._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
        f"SELECT {placeholders} "
        f"WHERE COALESCE(({used}), 0) + %s::integer <= %s::integer RETURNING {quote(pk_column)}"
    )
