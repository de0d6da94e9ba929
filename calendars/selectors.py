"""Read queries of the calendar engine, reused by public calendar pages, booking forms, feeds and staff.

Snapshots only: what is free now may be taken a moment later; the services re-check under a lock.
"""

import bisect
import calendar
import datetime as dt
import enum
import functools
import operator
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models import Q
from django.utils import timezone

from accounts import localtime
from calendars import errors
from calendars.models import Allocation, AllocationState, Resource
from calendars.rules import RuleBook, closed_days, local_dates, open_ranges, opening_hours_by_resource


class DayStatus(enum.StrEnum):
    FREE = "free"
    PARTLY = "partly"
    TAKEN = "taken"
    CLOSED = "closed"
    PAST = "past"  # over, or inside the lead time: nothing can be booked that day any more


@dataclass
class AvailabilityGrid:
    """status[(resource id, day)] for every resource and every local day from first to last inclusive."""

    resources: list[Resource]
    days: list[dt.date]
    status: dict[tuple[int, dt.date], DayStatus]

    def row(self, resource: Resource) -> list[DayStatus]:
        return [self.status[(resource.pk, day)] for day in self.days]


def _members(resources: Sequence[Resource]) -> dict[int, list[int]]:
    """{resource id: itself and all its parts}; one query per level of nesting, never per allocation."""
    tree = {r.pk: [r.pk] for r in resources}
    frontier = {r.pk: [r.pk] for r in resources}  # node id -> roots it belongs to
    while frontier:
        next_frontier: dict[int, list[int]] = defaultdict(list)
        children = Resource.objects.filter(parent_id__in=list(frontier)).values_list("pk", "parent_id")
        for child, parent in children:
            for root in frontier[parent]:
                tree[root].append(child)
                next_frontier[child].append(root)
        frontier = next_frontier
    return tree


def _blocking_rows(resource_ids: Iterable[int], start: dt.datetime, end: dt.datetime, now: dt.datetime):
    return (
        Allocation.objects.filter(resource_id__in=list(resource_ids))
        .blocking(now=now)
        .overlapping(start, end)
        .order_by()
        .values_list("resource_id", "blocked_start", "blocked_end", "quantity")
    )


class _Epoch(models.Func):
    """Seconds since 1970 computed by PostgreSQL: much cheaper to load than thousands of datetimes."""

    template = "EXTRACT(EPOCH FROM %(expressions)s)::float8"
    output_field = models.FloatField()


def _blocking_epochs(resource_ids: Iterable[int], start: dt.datetime, end: dt.datetime, now: dt.datetime):
    """(resource id, start, end, quantity) with POSIX timestamps, for the grid."""
    resource_ids = sorted(resource_ids)
    if connection.vendor == "postgresql" and resource_ids:
        # OR'ed equalities (not IN) let PostgreSQL combine the resource and span indexes in a bitmap.
        by_resource = functools.reduce(operator.or_, (Q(resource_id=pk) for pk in resource_ids))
    else:
        by_resource = Q(resource_id__in=resource_ids)
    queryset = Allocation.objects.filter(by_resource).blocking(now=now).overlapping(start, end).order_by()
    if connection.vendor == "postgresql":
        return queryset.annotate(
            epoch_start=_Epoch("blocked_start"), epoch_end=_Epoch("blocked_end")
        ).values_list("resource_id", "epoch_start", "epoch_end", "quantity")
    return [
        (resource_id, row_start.timestamp(), row_end.timestamp(), quantity)
        for resource_id, row_start, row_end, quantity in queryset.values_list(
            "resource_id", "blocked_start", "blocked_end", "quantity"
        )
    ]


def _full_intervals(rows, capacity: int) -> list[tuple[dt.datetime, dt.datetime]]:
    """Intervals where the total quantity reaches the capacity (nothing left to book)."""
    events = sorted([(s, q) for s, _e, q in rows] + [(e, -q) for _s, e, q in rows], key=lambda x: x[:2])
    result, current, opened = [], 0, None
    for moment, delta in events:
        current += delta
        if current >= capacity and opened is None:
            opened = moment
        elif current < capacity and opened is not None:
            if moment > opened:
                result.append((opened, moment))
            opened = None
    return result


def _peak(rows, start: dt.datetime, end: dt.datetime) -> int:
    events = []
    for row_start, row_end, quantity in rows:
        if row_start < end and row_end > start:
            events.append((max(row_start, start), quantity))
            events.append((min(row_end, end), -quantity))
    events.sort(key=lambda e: (e[0], e[1]))
    peak = current = 0
    for _moment, delta in events:
        current += delta
        peak = max(peak, current)
    return peak


def free_quantity(
    *, resource: Resource, start: dt.datetime, end: dt.datetime, now: dt.datetime | None = None
) -> int:
    """How many units can still be allocated over the whole of [start, end) (buffers included).

    A composite whole is only as free as its busiest part."""
    now = now or timezone.now()
    members = _members([resource])[resource.pk]
    by_id = Resource.objects.in_bulk(members)
    blocked_start, blocked_end = start - resource.buffer_before, end + resource.buffer_after
    rows: dict[int, list] = defaultdict(list)
    for resource_id, row_start, row_end, quantity in _blocking_rows(members, blocked_start, blocked_end, now):
        rows[resource_id].append((row_start, row_end, quantity))
    free = []
    for member in members:
        member_resource = by_id[member]
        span_start, span_end = start - member_resource.buffer_before, end + member_resource.buffer_after
        free.append(member_resource.capacity - _peak(rows[member], span_start, span_end))
    return max(min(free), 0)


def availability_grid(
    *, resources: Sequence[Resource], start_date: dt.date, end_date: dt.date, now: dt.datetime | None = None
) -> AvailabilityGrid:
    """Per local day and resource: past, closed, taken, partly or free. The number of queries depends
    on neither the number of allocations nor the number of days (one query per nesting level of parts).

    A day is past when it lies before the day of the earliest bookable moment (now + lead time);
    closed on a closure or public holiday or when the resource has opening hours but none that
    weekday; taken when nothing bookable is left during its open hours; partly when something is
    booked; free otherwise. Use month_days()/week_days() for the usual views."""
    now = now or timezone.now()
    resources = list(resources)
    tree = _members(resources)
    all_ids = {pk for members in tree.values() for pk in members}
    capacities = dict(Resource.objects.filter(pk__in=all_ids).values_list("pk", "capacity"))
    days = [start_date + dt.timedelta(days=i) for i in range((end_date - start_date).days + 1)]
    tz = resources[0].tz if resources else localtime.BRUSSELS
    window_start = dt.datetime.combine(start_date, dt.time(), tzinfo=tz)
    window_end = dt.datetime.combine(end_date + dt.timedelta(days=1), dt.time(), tzinfo=tz)
    rows: dict[int, list] = defaultdict(list)
    for resource_id, row_start, row_end, quantity in _blocking_epochs(all_ids, window_start, window_end, now):
        rows[resource_id].append((row_start, row_end, quantity))
    closed = closed_days(resources, start_date, end_date)
    hours = opening_hours_by_resource(resources)
    status: dict[tuple[int, dt.date], DayStatus] = {}
    for resource in resources:
        members = tree[resource.pk]
        booked = _Intervals([(s, e) for m in members for s, e, _q in rows[m]])
        full = _Intervals([iv for m in members for iv in _full_intervals(rows[m], capacities[m])])
        resource_hours = hours.get(resource.pk)
        tz = resource.tz
        first_bookable_day = (now + resource.lead_time).astimezone(tz).date()
        for day in days:
            if day < first_bookable_day:
                status[(resource.pk, day)] = DayStatus.PAST
                continue
            if day in closed[resource.pk]:
                status[(resource.pk, day)] = DayStatus.CLOSED
                continue
            if resource_hours:
                open_spans = open_ranges(resource, day, resource_hours)
                if not open_spans:
                    status[(resource.pk, day)] = DayStatus.CLOSED
                    continue
            else:
                next_day = day + dt.timedelta(days=1)
                open_spans = [
                    (
                        dt.datetime.combine(day, dt.time(), tzinfo=tz),
                        dt.datetime.combine(next_day, dt.time(), tzinfo=tz),
                    )
                ]
            spans = [(s.timestamp(), e.timestamp()) for s, e in open_spans]
            status[(resource.pk, day)] = _day_status(spans, full, booked)
    return AvailabilityGrid(resources=resources, days=days, status=status)


class _Intervals:
    """Intervals as POSIX timestamps sorted by start, for fast overlap look-ups (no tz arithmetic)."""

    def __init__(self, intervals):
        self.items = sorted(intervals)
        self.starts = [s for s, _e in self.items]
        self.longest = max((e - s for s, e in self.items), default=0)

    def overlapping(self, start: float, end: float) -> list[tuple[float, float]]:
        first = bisect.bisect_left(self.starts, start - self.longest)
        last = bisect.bisect_left(self.starts, end)
        return [(max(s, start), min(e, end)) for s, e in self.items[first:last] if e > start]


def _day_status(open_spans: list[tuple[float, float]], full: _Intervals, booked: _Intervals) -> DayStatus:
    if not any(booked.overlapping(s, e) for s, e in open_spans):
        return DayStatus.FREE
    for span_start, span_end in open_spans:
        cursor = span_start
        for s, e in full.overlapping(span_start, span_end):
            if s > cursor:
                return DayStatus.PARTLY
            cursor = max(cursor, e)
        if cursor < span_end:
            return DayStatus.PARTLY
    return DayStatus.TAKEN


def month_days(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def week_days(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def free_slots(
    *,
    resource: Resource,
    start: dt.datetime,
    end: dt.datetime,
    duration: dt.timedelta,
    step: dt.timedelta | None = None,
    quantity: int = 1,
    now: dt.datetime | None = None,
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Every bookable (start, end) of the given length inside [start, end), respecting all rules and
    capacity. Candidates start every `step` (default: the resource's slot granularity, else 30 minutes)
    on the local grid. A constant number of queries."""
    now = now or timezone.now()
    step = step or resource.slot_granularity or dt.timedelta(minutes=30)
    days = local_dates(resource, start, end)
    book = RuleBook(resource, days[0], days[-1])
    members = _members([resource])[resource.pk]
    by_id = Resource.objects.in_bulk(members)
    widest = max(max(r.buffer_before, r.buffer_after) for r in by_id.values())
    rows: dict[int, list] = defaultdict(list)
    for resource_id, row_start, row_end, amount in _blocking_rows(members, start - widest, end + widest, now):
        rows[resource_id].append((row_start, row_end, amount))
    local_start = start.astimezone(resource.tz)
    candidate = local_start.replace(hour=0, minute=0, second=0, microsecond=0)
    while candidate < local_start:
        candidate = (candidate.astimezone(dt.UTC) + step).astimezone(resource.tz)
    slots = []
    while candidate + duration <= end:
        slot_end = candidate + duration
        try:
            book.check(start=candidate, end=slot_end, now=now)
        except errors.AllocationError:
            pass
        else:
            if all(
                by_id[m].capacity
                - _peak(rows[m], candidate - by_id[m].buffer_before, slot_end + by_id[m].buffer_after)
                >= quantity
                for m in members
            ):
                slots.append((candidate.astimezone(dt.UTC), slot_end.astimezone(dt.UTC)))
        candidate = (candidate.astimezone(dt.UTC) + step).astimezone(resource.tz)
    return slots


def occupancy(*, resources: Sequence[Resource], year: int, month: int) -> dict[int, Decimal]:
    """Hours booked (confirmed, clipped to the month, quantity not counted) per resource id, for staff."""
    first, last = month_days(year, month)
    tz = resources[0].tz if resources else localtime.BRUSSELS
    month_start = dt.datetime.combine(first, dt.time(), tzinfo=tz)
    month_end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=tz)
    seconds: dict[int, float] = {r.pk: 0 for r in resources}
    rows = Allocation.objects.filter(
        resource__in=list(resources),
        state=AllocationState.CONFIRMED,
        start__lt=month_end,
        end__gt=month_start,
    ).values_list("resource_id", "start", "end")
    for resource_id, start, end in rows:
        seconds[resource_id] += (min(end, month_end) - max(start, month_start)).total_seconds()
    # Half up: the one rounding rule (payments.amounts.to_cents; calendars may not import payments)
    return {
        pk: (Decimal(value) / Decimal(3600)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        for pk, value in seconds.items()
    }


def _confirmed() -> models.QuerySet:
    return Allocation.objects.filter(state=AllocationState.CONFIRMED).select_related("resource", "series")


def confirmed_allocations_for_resource(*, resource: Resource) -> models.QuerySet:
    """What a resource's feed and staff calendar show: every confirmed allocation on it, parts included."""
    return _confirmed().filter(resource=resource)


def confirmed_allocations_for_holder(*, holder: models.Model) -> models.QuerySet:
    """A person's or an association's confirmed allocations (one per booking: parts are left out)."""
    holder_type = ContentType.objects.get_for_model(holder)
    return _confirmed().filter(holder_type=holder_type, holder_id=str(holder.pk), whole__isnull=True)


def allocations_for_reference(*, reference: models.Model) -> models.QuerySet:
    """The top-level allocations that belong to a booking, loan line, ticket or registration."""
    reference_type = ContentType.objects.get_for_model(reference)
    return Allocation.objects.filter(
        reference_type=reference_type, reference_id=str(reference.pk), whole__isnull=True
    ).select_related("resource")


def allocations_in_week(*, resource: Resource, monday: dt.date) -> models.QuerySet:
    """Staff week view: held (unexpired) and confirmed allocations on a resource, parts included."""
    tz = resource.tz
    week_start = dt.datetime.combine(monday, dt.time(), tzinfo=tz)
    week_end = dt.datetime.combine(monday + dt.timedelta(days=7), dt.time(), tzinfo=tz)
    return (
        Allocation.objects.filter(resource=resource, start__lt=week_end, end__gt=week_start)
        .blocking()
        .filter(~Q(state=AllocationState.RELEASED))
        .select_related("created_by", "holder_type")
    )


def resource_ids_to_lock(*, allocation_ids: Iterable[int] = (), resource_ids: Iterable[int] = ()) -> set[int]:
    """The resource rows a confirm, extend or new allocation will lock (docs/locking.md): those of the
    allocations and of the part allocations made with them, plus ``resource_ids`` and their parts."""
    allocation_ids, roots = list(allocation_ids), set(resource_ids)
    found = set(roots)
    if allocation_ids:
        found |= set(
            Allocation.objects.filter(Q(pk__in=allocation_ids) | Q(whole_id__in=allocation_ids)).values_list(
                "resource_id", flat=True
            )
        )
    frontier = roots
    while frontier:
        frontier = set(Resource.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - found
        found |= frontier
    return found
