"""Reads of room hire reused by views and staff pages."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.localtime import day_span
from accounts.municipalities import require_municipality
from associations.selectors import bookable_associations_for
from calendars.models import AllocationState
from calendars.selectors import DayStatus, availability_grid, free_quantity, month_days, week_days
from reservations.rooms.models import Booking, BookingState, Room, SeasonOccurrence

EQUIPMENT_FIELDS = ("has_projector", "has_sound_system", "has_kitchen", "has_stage", "has_wifi")
ACCESSIBILITY_FIELDS = ("step_free_access", "adapted_toilet", "hearing_loop")


def public_rooms(
    *,
    municipality=None,
    people: int | None = None,
    equipment: list[str] | None = None,
    accessibility: list[str] | None = None,
    free_from: dt.datetime | None = None,
    free_until: dt.datetime | None = None,
) -> list[Room]:
    """Active rooms matching the filters; "free" is a snapshot per room (the service re-checks).
    With ``municipality``, only the rooms of that municipality's venues (the site the visitor is on)."""
    rooms = Room.objects.filter(is_active=True, venue__is_active=True).select_related("venue", "resource")
    if municipality is not None:
        rooms = rooms.filter(venue__municipality=municipality)
    if people:
        rooms = rooms.filter(capacity__gte=people)
    for name in equipment or []:
        if name in EQUIPMENT_FIELDS:
            rooms = rooms.filter(**{name: True})
    for name in accessibility or []:
        if name in ACCESSIBILITY_FIELDS:
            rooms = rooms.filter(**{f"venue__{name}": True})
    rooms = list(rooms.order_by("venue__name", "name"))
    if free_from and free_until and free_until > free_from:
        rooms = [r for r in rooms if free_quantity(resource=r.resource, start=free_from, end=free_until) >= 1]
    return rooms


@dataclass
class CalendarWeek:
    days: list[tuple[dt.date, DayStatus | None]]  # None: outside the month shown


def month_calendar(*, room: Room, year: int, month: int) -> list[CalendarWeek]:
    """Weeks (Monday first) of a month with each day's status, for an accessible table."""
    first, last = month_days(year, month)
    start, _end = week_days(first)
    end = week_days(last)[1]
    grid = availability_grid(resources=[room.resource], start_date=start, end_date=end)
    weeks, day = [], start
    while day <= end:
        weeks.append(
            CalendarWeek(
                days=[
                    (d, grid.status[(room.resource.pk, d)] if d.month == month else None)
                    for d in (day + dt.timedelta(days=i) for i in range(7))
                ]
            )
        )
        day += dt.timedelta(days=7)
    return weeks


def week_calendar(*, room: Room, monday: dt.date) -> list[tuple[dt.date, DayStatus, list[Booking]]]:
    """Seven days with their status and the taken hours (no customer names: the page is public)."""
    grid = availability_grid(
        resources=[room.resource], start_date=monday, end_date=monday + dt.timedelta(days=6)
    )
    tz = room.resource.tz
    taken = (
        room.resource.allocations.blocking()
        .filter(
            start__lt=dt.datetime.combine(monday + dt.timedelta(days=7), dt.time(), tzinfo=tz),
            end__gt=dt.datetime.combine(monday, dt.time(), tzinfo=tz),
        )
        .exclude(state=AllocationState.RELEASED)
        .order_by("start")
    )
    by_day: dict[dt.date, list] = {monday + dt.timedelta(days=i): [] for i in range(7)}
    for allocation in taken:
        day = allocation.start.astimezone(tz).date()
        if day in by_day:
            by_day[day].append(allocation)
    return [(day, grid.status[(room.resource.pk, day)], by_day[day]) for day in by_day]


def bookings_visible_to(user) -> QuerySet[Booking]:
    """The user's own bookings and those of associations they may book for."""
    if not getattr(user, "is_authenticated", False):
        return Booking.objects.none()
    return (
        Booking.objects.filter(Q(customer=user) | Q(association__in=bookable_associations_for(user)))
        .select_related("room__venue", "association", "order", "customer")
        .prefetch_related("extras")
        .distinct()
    )


def booking_for(user, pk: int) -> Booking:
    """404 for unknown ids and for someone else's booking alike."""
    try:
        return bookings_visible_to(user).get(pk=pk)
    except Booking.DoesNotExist:
        raise Http404 from None


def pending_requests(*, bookings: QuerySet[Booking] | None = None) -> list[tuple[Booking, bool]]:
    """The approval inbox, oldest first; True when the option expired and the slot is no longer free.
    ``bookings``: the staff member's scope (accounts.scoping.scope_to_staff); all bookings when None."""
    result = []
    for booking in (
        (Booking.objects.all() if bookings is None else bookings)
        .filter(state=BookingState.REQUESTED)
        .select_related("room__venue", "room__resource", "customer", "association", "allocation")
        .order_by("created_at")
    ):
        allocation = booking.allocation
        expired = allocation is None or allocation.is_expired or allocation.state == AllocationState.RELEASED
        conflict = (
            expired
            and free_quantity(resource=booking.room.resource, start=booking.start, end=booking.end) < 1
        )
        result.append((booking, conflict))
    return result


def day_sheet(*, venue_id: int, day: dt.date) -> QuerySet[Booking]:
    """Who comes when to a venue on one day, with extras, for the printed day sheet."""
    start, _end = day_span(day)
    return (
        Booking.objects.filter(
            room__venue_id=venue_id,
            state__in=[BookingState.CONFIRMED, BookingState.AWAITING_PAYMENT, BookingState.REQUESTED],
            start__lt=start + dt.timedelta(days=1),
            end__gt=start,
        )
        .select_related("room", "customer", "association")
        .prefetch_related("extras")
        .order_by("start", "room__name")
    )


def season_requests_visible_to(user) -> QuerySet:
    """Season requests of the associations the user may book for, with their weeks."""
    from reservations.rooms.models import SeasonRequest

    if not getattr(user, "is_authenticated", False):
        return SeasonRequest.objects.none()
    return (
        SeasonRequest.objects.filter(association__in=bookable_associations_for(user))
        .select_related("association", "room__venue")
        .prefetch_related("occurrences")
        .order_by("-created_at")
    )


def public_room(request, slug: str) -> Room:
    """An active room of the municipality of the site the request is on (another one's room: 404)."""
    return get_object_or_404(
        Room.objects.select_related("venue", "resource"),
        slug=slug,
        is_active=True,
        venue__municipality=require_municipality(request),
    )


def tariffs_of(room: Room) -> list:
    """The room's public price list: (category label, unit label, price, deposit), cheapest category first."""
    from django.contrib.contenttypes.models import ContentType

    from payments.models import Tariff

    tariffs = Tariff.objects.filter(
        target_content_type=ContentType.objects.get_for_model(Room), target_object_id=room.pk
    ).order_by("unit", "price", "category")
    return list(tariffs)


def season_week_is_free(*, occurrence: SeasonOccurrence) -> bool:
    """Whether the room is still free for one week of a season request (shown to staff before deciding)."""
    resource = occurrence.season_request.room.resource
    return free_quantity(resource=resource, start=occurrence.start, end=occurrence.end) >= 1
