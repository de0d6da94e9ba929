"""iCalendar output: subscription feeds and the single-event .ics attached to confirmation e-mails.

Only confirmed allocations appear. Every VEVENT has a stable UID, times carry TZID=Europe/Brussels with a
VTIMEZONE, and the allocations of a series are written as one VEVENT with an RRULE (bounded by UNTIL),
an EXDATE for every occurrence that is not (or no longer) confirmed, and a VEVENT of its own for an
occurrence that was moved off the rule.
"""
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from dateutil.rrule import rrulestr
from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vRecur
from recurrence import serialize as recurrence_serialize

from accounts import localtime
from calendars.models import Allocation, AllocationState, Series

PRODID = "-//Dorpsplein//Kalender//NL"


def _uid_domain() -> str:
    return getattr(settings, "CALENDAR_UID_DOMAIN", "dorpsplein")


def allocation_uid(allocation: Allocation) -> str:
    return f"allocation-{allocation.whole_id or allocation.pk}@{_uid_domain()}"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", localtime.ZONE_NAME)
    return cal


def _summary(allocation: Allocation) -> str:
    return allocation.title or allocation.resource.name


def _event(allocation: Allocation, tz: dt.tzinfo) -> Event:
    event = Event()
    event.add("uid", allocation_uid(allocation))
    event.add("dtstamp", allocation.updated_at or timezone.now())
    event.add("dtstart", allocation.start.astimezone(tz))
    event.add("dtend", allocation.end.astimezone(tz))
    event.add("summary", _summary(allocation))
    event.add("location", allocation.resource.name)
    if allocation.quantity > 1:
        event.add("description", f"{allocation.quantity} × {allocation.resource.name}")
    return event


def _series_events(series: Series, allocations: list[Allocation]) -> list[Event]:
    """One recurring VEVENT for the occurrences on the rule, plus one VEVENT per occurrence moved off it."""
    tz = localtime.zone(series.timezone)
    first = allocations[0]
    serialized = recurrence_serialize(series.recurrence)
    rule_lines = [line for line in serialized.splitlines() if line.startswith("RRULE:")]
    if not rule_lines:
        return [_event(a, tz) for a in allocations]
    last_start = max(a.start for a in allocations)
    recur = vRecur.from_ical(rule_lines[0].removeprefix("RRULE:"))
    recur.pop("COUNT", None)
    recur["UNTIL"] = [last_start.astimezone(dt.UTC)]
    dtstart = series.dtstart
    on_rule = set(rrulestr(recur.to_ical().decode(), dtstart=dtstart).between(dtstart, last_start, inc=True))
    on_rule_utc = {moment.astimezone(dt.UTC) for moment in on_rule}
    confirmed = {a.start.astimezone(dt.UTC) for a in allocations}
    event = Event()
    event.add("uid", f"series-{series.pk}-resource-{first.resource_id}@{_uid_domain()}")
    event.add("dtstamp", max(a.updated_at for a in allocations))
    event.add("dtstart", dtstart)
    event.add("duration", series.duration)
    event.add("rrule", recur)
    for missing in sorted(on_rule_utc - confirmed):
        event.add("exdate", missing.astimezone(tz))
    event.add("summary", _summary(first))
    event.add("location", first.resource.name)
    events = [event]
    events += [_event(a, tz) for a in allocations if a.start.astimezone(dt.UTC) not in on_rule_utc]
    return events


def calendar_bytes(*, allocations: Iterable[Allocation], name: str) -> bytes:
    """A VCALENDAR of the confirmed allocations given (others are skipped)."""
    cal = _calendar(name)
    tz = localtime.BRUSSELS
    by_series: dict[tuple[int, int], list[Allocation]] = defaultdict(list)
    series_by_pk: dict[int, Series] = {}
    for allocation in allocations:
        if allocation.state != AllocationState.CONFIRMED:
            continue
        series = allocation.series
        if series is not None:
            by_series[(series.pk, allocation.resource_id)].append(allocation)
            series_by_pk[series.pk] = series
        else:
            cal.add_component(_event(allocation, tz))
    for (series_id, _resource_id), members in sorted(by_series.items()):
        for event in _series_events(series_by_pk[series_id], sorted(members, key=lambda a: a.start)):
            cal.add_component(event)
    cal.add_missing_timezones(first_date=dt.date(2000, 1, 1), last_date=dt.date(2050, 1, 1))
    return cal.to_ical()


def event_ics(*, allocation: Allocation) -> bytes:
    """A one-event .ics for a confirmation e-mail (works for a held allocation too: it is what was booked)."""
    cal = _calendar(_summary(allocation))
    cal.add("method", "PUBLISH")
    cal.add_component(_event(allocation, localtime.BRUSSELS))
    cal.add_missing_timezones(first_date=dt.date(2000, 1, 1), last_date=dt.date(2050, 1, 1))
    return cal.to_ical()
