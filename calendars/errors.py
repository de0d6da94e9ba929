"""The one error type of the calendar engine, with a subclass per rule so callers can react precisely.

Every error carries a translatable Dutch message fit to show next to the field (`str(error)` or
`error.message`) and a stable `code`. A conflict names the allocation it ran into by id only: never the
other customer's name, booking or contact details.
"""

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class AllocationError(Exception):
    code = "invalid"

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


class InvalidSpanError(AllocationError):
    code = "invalid_span"


class InvalidStateError(AllocationError):
    code = "invalid_state"


class OutsideOpeningHoursError(AllocationError):
    code = "outside_opening_hours"

    def __init__(self, *, resource_name: str):
        super().__init__(
            _("%(resource)s is op dat moment niet open.") % {"resource": resource_name}, field="start"
        )


class ClosedError(AllocationError):
    code = "closed"

    def __init__(self, *, resource_name: str, date: dt.date, reason: str = ""):
        self.date = date
        self.reason = reason
        day = date_format(date, "DATE_FORMAT")
        if reason:
            message = _("%(resource)s is gesloten op %(day)s (%(reason)s).") % {
                "resource": resource_name,
                "day": day,
                "reason": reason,
            }
        else:
            message = _("%(resource)s is gesloten op %(day)s.") % {"resource": resource_name, "day": day}
        super().__init__(message, field="start")


class TooShortError(AllocationError):
    code = "too_short"

    def __init__(self, *, minimum: dt.timedelta):
        self.minimum = minimum
        super().__init__(
            _("Dat is te kort: minstens %(minutes)s minuten.")
            % {"minutes": int(minimum.total_seconds() // 60)},
            field="end",
        )


class TooLongError(AllocationError):
    code = "too_long"

    def __init__(self, *, maximum: dt.timedelta):
        self.maximum = maximum
        super().__init__(
            _("Dat is te lang: hoogstens %(minutes)s minuten.")
            % {"minutes": int(maximum.total_seconds() // 60)},
            field="end",
        )


class OffGridError(AllocationError):
    code = "off_grid"

    def __init__(self, *, granularity: dt.timedelta):
        self.granularity = granularity
        super().__init__(
            _("Begin en einde moeten op een blok van %(minutes)s minuten vallen.")
            % {"minutes": int(granularity.total_seconds() // 60)},
            field="start",
        )


class TooLateError(AllocationError):
    """Lead time not respected: the request comes too late for this start."""

    code = "too_late"

    def __init__(self, *, earliest: dt.datetime):
        self.earliest = earliest
        super().__init__(
            _("Dat is te kort dag: reserveer ten vroegste voor %(earliest)s.")
            % {"earliest": date_format(earliest, "DATETIME_FORMAT")},
            field="start",
        )


class TooEarlyError(AllocationError):
    """Booking horizon exceeded: the start lies too far in the future."""

    code = "too_early"

    def __init__(self, *, latest: dt.datetime):
        self.latest = latest
        super().__init__(
            _("Zo ver vooruit kan nog niet: reserveren kan tot %(latest)s.")
            % {"latest": date_format(latest, "DATETIME_FORMAT")},
            field="start",
        )


class NotEnoughCapacityError(AllocationError):
    code = "not_enough_capacity"

    def __init__(self, *, resource_name: str, requested: int, free: int):
        self.requested = requested
        self.free = free
        message = ngettext(
            "Niet genoeg beschikbaar van %(resource)s: u vraagt %(requested)s, er is er nog %(free)s vrij.",
            "Niet genoeg beschikbaar van %(resource)s: u vraagt %(requested)s, er zijn er nog %(free)s vrij.",
            free,
        ) % {"resource": resource_name, "requested": requested, "free": free}
        super().__init__(message, field="quantity")


class ConflictError(NotEnoughCapacityError):
    """An exclusive resource is already taken; names the blocking allocation by id only."""

    code = "conflict"

    def __init__(self, *, resource_name: str, allocation_id: int | None):
        super().__init__(resource_name=resource_name, requested=1, free=0)
        self.allocation_id = allocation_id
        if allocation_id:
            self.message = _("%(resource)s is op dat moment al bezet (reservatie nr. %(id)s).") % {
                "resource": resource_name,
                "id": allocation_id,
            }
        else:
            self.message = _("%(resource)s is op dat moment al bezet.") % {"resource": resource_name}
        self.field = "start"
        self.args = (self.message,)


class HoldExpiredError(AllocationError):
    code = "hold_expired"

    def __init__(self):
        super().__init__(_("De voorlopige reservatie is verlopen en de plaats is intussen ingenomen."))


class LockTimeoutError(AllocationError):
    """Too many people book the same thing right now; trying again a moment later works."""

    code = "lock_timeout"

    def __init__(self):
        super().__init__(_("Het is erg druk. Probeer het over enkele ogenblikken opnieuw."))


class InvalidCapacityError(AllocationError):
    code = "invalid_capacity"

    def __init__(self, *, maximum: int):
        super().__init__(
            _("De capaciteit moet tussen 0 en %(maximum)s liggen.") % {"maximum": maximum}, field="capacity"
        )


class CapacityBelowAllocatedError(AllocationError):
    """Staff lower a capacity below what is already allocated; names the bookings in the way (staff
    need to know which ones to move or cancel), as (label, local start, local end)."""

    code = "capacity_below_allocated"

    def __init__(
        self,
        *,
        resource_name: str,
        capacity: int,
        allocated: int,
        blockers: list[tuple[str, dt.datetime, dt.datetime]],
        more: int,
    ):
        self.capacity = capacity
        self.allocated = allocated
        self.blockers = blockers
        named = "; ".join(
            f"{label} ({date_format(start, 'DATETIME_FORMAT')} – {date_format(end, 'DATETIME_FORMAT')})"
            for label, start, end in blockers
        )
        if more:
            named += " " + ngettext("en %(n)s andere", "en %(n)s andere", more) % {"n": more}
        message = _(
            "De capaciteit van %(resource)s kan niet naar %(capacity)s: er is op een moment al %(allocated)s "
            "toegewezen. Verplaats of annuleer eerst: %(named)s."
        ) % {"resource": resource_name, "capacity": capacity, "allocated": allocated, "named": named}
        super().__init__(message, field="capacity")
