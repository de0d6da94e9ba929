"""The booking rules of a resource: opening hours, closures, public holidays, duration, grid, lead time,
horizon. Pure reads; services call check_rules before locking, selectors reuse the calendar helpers."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection

from calendars import errors
from calendars.db import run_prepared
from calendars.models import Closure, OpeningHours, PublicHoliday, Resource


def local_dates(resource: Resource, start: dt.datetime, end: dt.datetime) -> list[dt.date]:
    """Local calendar days touched by the half-open span [start, end)."""
    tz = resource.tz
    first = start.astimezone(tz).date()
    last = (end - dt.timedelta(microseconds=1)).astimezone(tz).date()
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def closed_days(
    resources: Iterable[Resource], first: dt.date, last: dt.date
) -> dict[int, dict[dt.date, str]]:
    """{resource id: {date: reason}} for closures and public holidays between first and last inclusive.

    At most two queries whatever the number of resources or days."""
    resources = list(resources)
    result: dict[int, dict[dt.date, str]] = {r.pk: {} for r in resources}
    if any(r.closed_on_public_holidays for r in resources):
        holidays = dict(PublicHoliday.objects.filter(date__range=(first, last)).values_list("date", "name"))
        for resource in resources:
            if resource.closed_on_public_holidays:
                result[resource.pk].update(holidays)
    closures = Closure.objects.filter(
        resource__in=resources, start_date__lte=last, end_date__gte=first
    ).values_list("resource_id", "start_date", "end_date", "reason")
    _add_closures(result, closures, first, last)
    return result


def _add_closures(result: dict[int, dict[dt.date, str]], closures, first: dt.date, last: dt.date) -> None:
    """Closures in their admin order: the last one listed for a day gives its reason."""
    for resource_id, start_date, end_date, reason in closures:
        day = max(start_date, first)
        while day <= min(end_date, last):
            result[resource_id][day] = reason
            day += dt.timedelta(days=1)


def opening_hours_by_resource(
    resources: Iterable[Resource],
) -> dict[int, dict[int, list[tuple[dt.time, dt.time]]]]:
    """{resource id: {weekday: [(opens, closes), ...]}}; a resource without rows is always open."""
    result: dict[int, dict[int, list[tuple[dt.time, dt.time]]]] = defaultdict(lambda: defaultdict(list))
    rows = OpeningHours.objects.filter(resource__in=list(resources)).order_by("weekday", "opens")
    for resource_id, weekday, opens, closes in rows.values_list("resource_id", "weekday", "opens", "closes"):
        result[resource_id][weekday].append((opens, closes))
    return result


def _rules_of(
    resource: Resource, first: dt.date, last: dt.date, *, with_parts: bool = False
) -> tuple[dict[dt.date, str], dict[int, list[tuple[dt.time, dt.time]]] | None, list[int] | None]:
    """(closed days, opening hours, ids of the direct parts if asked) of one resource: closed_days(),
    opening_hours_by_resource() and the parts in one round trip on PostgreSQL, since this runs before
    every allocation."""
    if connection.vendor != "postgresql":
        parts = None
        if with_parts:
            parts = list(
                Resource.objects.filter(parent_id=resource.pk).order_by("pk").values_list("pk", flat=True)
            )
        hours = opening_hours_by_resource([resource]).get(resource.pk)
        return closed_days([resource], first, last)[resource.pk], hours, parts
    rows = run_prepared(
        _RULES_SQL,
        [
            *(resource.closed_on_public_holidays, first, last),
            *(resource.pk, last, first),
            resource.pk,
            *(resource.pk, with_parts),
        ],
    )
    closed: dict[int, dict[dt.date, str]] = {resource.pk: {}}
    weekly: dict[int, list[tuple[dt.time, dt.time]]] = defaultdict(list)
    closures: list[tuple[int, dt.date, dt.date, str]] = []
    part_ids: list[int] = []
    for kind, start_date, end_date, reason, weekday, opens, closes, _sort_order, row_id in rows:
        if kind == 0:
            closed[resource.pk][start_date] = reason
        elif kind == 1:
            closures.append((resource.pk, start_date, end_date, reason))
        elif kind == 2:
            weekly[weekday].append((opens, closes))
        else:
            part_ids.append(row_id)
    _add_closures(closed, closures, first, last)
    return closed[resource.pk], (weekly or None), (part_ids if with_parts else None)


# Public holidays (when the resource closes on them), then closures in admin order (sort_order, as the
# Closure model orders them), then opening hours by weekday and opening time, then (for allocate) the
# ids of the direct parts. A prepared statement (calendars.db.run_prepared), hence the casts.
_RULES_SQL = """
SELECT 0 AS kind, date AS start_date, date AS end_date, name AS reason, 0 AS weekday,
       NULL::time AS opens, NULL::time AS closes, NULL::integer AS sort_order, id
  FROM calendars_publicholiday WHERE %s::boolean AND date BETWEEN %s::date AND %s::date
UNION ALL
SELECT 1, start_date, end_date, reason, 0, NULL::time, NULL::time, sort_order, id
  FROM calendars_closure WHERE resource_id = %s::bigint AND start_date <= %s::date AND end_date >= %s::date
UNION ALL
SELECT 2, NULL::date, NULL::date, '', weekday, opens, closes, NULL::integer, id
  FROM calendars_openinghours WHERE resource_id = %s::bigint
UNION ALL
SELECT 3, NULL::date, NULL::date, '', 0, NULL::time, NULL::time, NULL::integer, id
  FROM calendars_resource WHERE parent_id = %s::bigint AND %s::boolean
ORDER BY kind, weekday, opens, sort_order, id
"""


def open_ranges(resource: Resource, day: dt.date, hours: dict[int, list[tuple[dt.time, dt.time]]]):
    """Aware (start, end) ranges the resource is open on a local day; closes 00:00 means midnight."""
    tz = resource.tz
    ranges = []
    for opens, closes in hours.get(day.weekday(), []):
        start = dt.datetime.combine(day, opens, tzinfo=tz)
        end_day = day + dt.timedelta(days=1) if closes <= opens else day
        ranges.append((start, dt.datetime.combine(end_day, closes, tzinfo=tz)))
    return ranges


def _within_opening_hours(resource: Resource, start: dt.datetime, end: dt.datetime, hours) -> bool:
    days = local_dates(resource, start, end)
    ranges = []
    for day in [days[0] - dt.timedelta(days=1), *days]:
        ranges.extend(open_ranges(resource, day, hours))
    ranges.sort()
    cursor = start
    for range_start, range_end in ranges:
        if range_start <= cursor < range_end:
            cursor = range_end
            if cursor >= end:
                return True
    return False


class RuleBook:
    """The rules of one resource with its opening hours, closures and holidays preloaded for a date range,
    so checking many candidate spans (free slots, series) costs no further queries."""

    def __init__(self, resource: Resource, first: dt.date, last: dt.date, *, with_parts: bool = False):
        self.resource = resource
        self.first, self.last = first - dt.timedelta(days=1), last + dt.timedelta(days=1)
        self.closed, self.hours, self.part_ids = _rules_of(
            resource, self.first, self.last, with_parts=with_parts
        )

    def check(self, *, start: dt.datetime, end: dt.datetime, now: dt.datetime) -> None:
        """Raise the AllocationError that explains why this span cannot be booked on this resource."""
        resource = self.resource
        duration = end - start
        if resource.min_duration and duration < resource.min_duration:
            raise errors.TooShortError(minimum=resource.min_duration)
        if resource.max_duration and duration > resource.max_duration:
            raise errors.TooLongError(maximum=resource.max_duration)
        if resource.slot_granularity:
            for moment in (start, end):
                local = moment.astimezone(resource.tz)
                since_midnight = local - local.replace(hour=0, minute=0, second=0, microsecond=0)
                if since_midnight % resource.slot_granularity:
                    raise errors.OffGridError(granularity=resource.slot_granularity)
        if start < now + resource.lead_time:
            raise errors.TooLateError(earliest=now + resource.lead_time)
        if resource.booking_horizon is not None and start > now + resource.booking_horizon:
            raise errors.TooEarlyError(latest=now + resource.booking_horizon)
        days = local_dates(resource, start, end)
        if days[0] < self.first or days[-1] > self.last:
            raise ValueError("span outside the preloaded range of this RuleBook")
        for day in days:
            if day in self.closed:
                raise errors.ClosedError(resource_name=resource.name, date=day, reason=self.closed[day])
        if self.hours and not _within_opening_hours(resource, start, end, self.hours):
            raise errors.OutsideOpeningHoursError(resource_name=resource.name)


def check_rules(resource: Resource, *, start: dt.datetime, end: dt.datetime, now: dt.datetime) -> None:
    """Raise the AllocationError that explains why this span cannot be booked on this resource."""
    days = local_dates(resource, start, end)
    RuleBook(resource, days[0], days[-1]).check(start=start, end=end, now=now)


def check_rules_and_find_parts(
    resource: Resource, *, start: dt.datetime, end: dt.datetime, now: dt.datetime
) -> list[int]:
    """check_rules(), and the ids of the resource's direct parts read in the same round trip: allocate
    needs both before it locks. The parts are only returned when every rule passed."""
    days = local_dates(resource, start, end)
    book = RuleBook(resource, days[0], days[-1], with_parts=True)
    book.check(start=start, end=end, now=now)
    return book.part_ids or []
