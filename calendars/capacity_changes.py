"""Changing a resource's capacity (stock, places) without ever leaving more allocated than there is.

The capacity is what calendars.capacity checks every claim against, so it changes under the same row
lock as a claim: lock, read what is allocated from now on, refuse or write, commit. A lower capacity
that would strand existing allocations is refused with the bookings in the way named for staff.
"""

import bisect
import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from accounts import localtime
from calendars import errors
from calendars.capacity import overloaded_spans, peak
from calendars.locking import lock_resources
from calendars.models import Allocation, Resource

if TYPE_CHECKING:
    from accounts.models import User

MAXIMUM_CAPACITY = 1_000_000
NAMED_BLOCKERS = 5
_END_OF_TIME = dt.datetime.max.replace(tzinfo=dt.UTC)


def change_capacity(
    *, resource: Resource, capacity: int, by: "User | None" = None, now: dt.datetime | None = None
) -> Resource:
    """Set the capacity under the resource's row lock; lowering it below the peak allocated from `now`
    on (held-not-expired and confirmed, buffers included) raises CapacityBelowAllocatedError.

    Returns the locked resource with its new capacity; `resource` itself gets the new value too."""
    now = now or timezone.now()
    if isinstance(capacity, bool) or not isinstance(capacity, int):
        raise errors.InvalidCapacityError(maximum=MAXIMUM_CAPACITY)
    if not 0 <= capacity <= MAXIMUM_CAPACITY:
        raise errors.InvalidCapacityError(maximum=MAXIMUM_CAPACITY)
    with transaction.atomic():
        locked = lock_resources([resource.pk])[resource.pk]
        previous = locked.capacity
        if capacity == previous:
            resource.capacity = capacity
            return locked
        if capacity < previous:
            _refuse_if_below_allocated(locked, capacity, now)
        Resource.objects.filter(pk=locked.pk).update(capacity=capacity)
        _sync_exclusive_flag(locked, capacity, now)
        locked.capacity = resource.capacity = capacity
        log(
            instance=locked,
            action="calendars.resource.capacity",
            user=by,
            data={"from": previous, "to": capacity},
        )
        return locked


def _refuse_if_below_allocated(resource: Resource, capacity: int, now: dt.datetime) -> None:
    rows = list(
        Allocation.objects.filter(resource_id=resource.pk, blocked_end__gt=now)
        .blocking(now=now)
        .order_by("blocked_start", "pk")
        .values_list("blocked_start", "blocked_end", "quantity", "pk")
    )
    spans = [(start, end, quantity) for start, end, quantity, _pk in rows]
    highest = peak(spans, now, _END_OF_TIME)
    if highest <= capacity:
        return
    over = overloaded_spans(spans, now, _END_OF_TIME, capacity)
    closes = [close for _open, close in over]
    in_the_way = []
    for start, end, _quantity, pk in rows:
        index = bisect.bisect_right(closes, start)
        if index < len(over) and over[index][0] < end:
            in_the_way.append(pk)
    raise errors.CapacityBelowAllocatedError(
        resource_name=resource.name,
        capacity=capacity,
        allocated=highest,
        blockers=_describe(in_the_way[:NAMED_BLOCKERS]),
        more=max(len(in_the_way) - NAMED_BLOCKERS, 0),
    )


def _describe(allocation_ids: list[int]) -> list[tuple[str, dt.datetime, dt.datetime]]:
    """(title, or the reference, or the number; local start; local end) of each allocation: the
    person who asks is staff of the resource, who see these bookings in the week view anyway."""
    allocations = Allocation.objects.filter(pk__in=allocation_ids).select_related("whole")
    described = []
    for allocation in sorted(allocations, key=lambda a: (a.start, a.pk)):
        root = allocation.whole or allocation
        label = root.title or (str(root.reference) if root.reference_type_id else "") or f"#{root.pk}"
        described.append((label, localtime.local(allocation.start), localtime.local(allocation.end)))
    return described


def _sync_exclusive_flag(resource: Resource, capacity: int, now: dt.datetime) -> None:
    """Capacity 1 puts the future allocations under the exclusion constraint, and any other capacity
    takes them out, as if they were made now (the peak check above proved they fit)."""
    exclusive = capacity == 1
    if exclusive == resource.is_exclusive:
        return
    Allocation.objects.filter(resource_id=resource.pk, blocked_end__gt=now, exclusive=not exclusive).blocking(
        now=now
    ).update(exclusive=exclusive)
