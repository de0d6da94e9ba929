"""Every state change of the calendar engine. One transaction each, keyword-only arguments.

Scarce capacity is only ever claimed through calendars.capacity, after
calendars.locking.lock_resources() has locked every affected resource row; see docs/calendars.md for
the guarantees and the locking rules.
"""

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from recurrence import Recurrence

from calendars import errors
from calendars.capacity import (
    GuardedInsert,
    blocked_span,
    claim,
    ensure_free,
    release_expired_on,
    translate_integrity,
)
from calendars.capacity_changes import change_capacity as change_capacity
from calendars.feed_tokens import create_feed_token as create_feed_token  # re-exported: one entry point
from calendars.feed_tokens import load_public_holidays as load_public_holidays
from calendars.feed_tokens import revoke_feed_token as revoke_feed_token
from calendars.feed_tokens import rotate_feed_token as rotate_feed_token
from calendars.locking import lock_resources
from calendars.models import BRUSSELS, Allocation, AllocationState, Resource, Series
from calendars.rules import RuleBook, check_rules, check_rules_and_find_parts, local_dates

if TYPE_CHECKING:
    from accounts.models import User

DEFAULT_HOLD = dt.timedelta(minutes=15)

ResourceRequest = Resource | tuple[Resource, int]


class SeriesMode(enum.StrEnum):
    ALL_OR_NOTHING = "all_or_nothing"
    BEST_EFFORT = "best_effort"


@dataclass
class OccurrenceResult:
    start: dt.datetime
    end: dt.datetime
    allocations: list[Allocation] = field(default_factory=list)
    error: errors.AllocationError | None = None

    @property
    def allocated(self) -> bool:
        return bool(self.allocations)


@dataclass
class SeriesResult:
    series: Series | None
    occurrences: list[OccurrenceResult]

    @property
    def allocated(self) -> list[OccurrenceResult]:
        return [o for o in self.occurrences if o.allocated]

    @property
    def failed(self) -> list[OccurrenceResult]:
        return [o for o in self.occurrences if o.error is not None]


# --- helpers -------------------------------------------------------------------------------------


def _aware(moment: dt.datetime, name: str) -> dt.datetime:
    if timezone.is_naive(moment):
        raise errors.InvalidSpanError(_("Dit tijdstip heeft geen tijdzone."), field=name)
    return moment


def _check_span(start: dt.datetime, end: dt.datetime) -> None:
    _aware(start, "start")
    _aware(end, "end")
    if end <= start:
        raise errors.InvalidSpanError(_("Het einde moet na het begin liggen."), field="end")


def _normalise(
    resources: ResourceRequest | Sequence[ResourceRequest], quantity: int
) -> list[tuple[Resource, int]]:
    if isinstance(resources, Resource | tuple):
        resources = [resources]
    pairs = [(r, quantity) if isinstance(r, Resource) else (r[0], int(r[1])) for r in resources]
    for _resource, amount in pairs:
        if amount < 1:
            raise errors.AllocationError(_("Het aantal moet minstens 1 zijn."), field="quantity")
    return pairs


def _tree(
    resource_ids: Iterable[int], known_parts: dict[int, list[int]] | None = None
) -> dict[int, list[int]]:
    """{resource id: [itself and every part, recursively]}: booking a whole books each part.

    `known_parts` {resource id: ids of its direct parts} was read in the same round trip as the rules."""
    tree = {pk: [pk] for pk in resource_ids}
    frontier = {pk: pk for pk in tree}  # part id -> root id
    if known_parts and len(known_parts) == len(tree):
        frontier = {}
        for root, parts in known_parts.items():
            tree[root].extend(parts)
            frontier.update((part, root) for part in parts)
    while frontier:
        with connection.cursor() as cursor:  # raw: compiling the ORM query cost more than running it
            placeholders = ", ".join(["%s"] * len(frontier))
            cursor.execute(
                f"SELECT id, parent_id FROM calendars_resource WHERE parent_id IN ({placeholders})"
                " ORDER BY id",
                list(frontier),
            )
            children = cursor.fetchall()
        next_frontier = {}
        for child, parent in children:
            root = frontier[parent]
            tree[root].append(child)
            next_frontier[child] = root
        frontier = next_frontier
    return tree


def _generic(obj: models.Model | None) -> tuple[ContentType | None, str]:
    if obj is None:
        return None, ""
    return ContentType.objects.get_for_model(obj), str(obj.pk)


def _hold_values(*, confirm: bool, hold_expires_at: dt.datetime | None, now: dt.datetime) -> dict:
    if confirm:
        return {"state": AllocationState.CONFIRMED, "hold_expires_at": None}
    hold_minutes = getattr(settings, "CALENDAR_HOLD_MINUTES", None)
    default = dt.timedelta(minutes=hold_minutes) if hold_minutes else DEFAULT_HOLD
    return {"state": AllocationState.HELD, "hold_expires_at": hold_expires_at or now + default}


# --- services ------------------------------------------------------------------------------------


def allocate(
    *,
    resources: ResourceRequest | Sequence[ResourceRequest],
    start: dt.datetime,
    end: dt.datetime,
    quantity: int = 1,
    confirm: bool = False,
    hold_expires_at: dt.datetime | None = None,
    reference: models.Model | None = None,
    holder: models.Model | None = None,
    created_by: "User | None" = None,
    title: str = "",
    enforce_rules: bool = True,
    now: dt.datetime | None = None,
) -> list[Allocation]:
    """Claim one or many resources for [start, end), all or nothing.

    `resources` is a Resource, a (Resource, quantity) pair or a list of either. Returns the top-level
    allocation per requested resource, in the order given (parts of a composite hang off it as
    `part_allocations`). New allocations are held until `hold_expires_at` (default 15 minutes) unless
    `confirm`. `enforce_rules=False` lets staff book outside the public rules; capacity always holds.
    """
    now = now or timezone.now()
    _check_span(start, end)
    pairs = _normalise(resources, quantity)
    known_parts = {}
    if enforce_rules:
        for resource, _quantity in pairs:
            known_parts[resource.pk] = check_rules_and_find_parts(resource, start=start, end=end, now=now)
    tree = _tree((r.pk for r, _q in pairs), known_parts)
    values = _common_values(
        confirm=confirm,
        hold_expires_at=hold_expires_at,
        reference=reference,
        holder=holder,
        created_by=created_by,
        title=title,
        now=now,
    )
    guarded = GuardedInsert.prepare(pairs, tree, start, end, now=now, values=values)
    try:
        with transaction.atomic():
            locked = lock_resources((pk for members in tree.values() for pk in members), durable=confirm)
            if guarded is not None and (allocation := guarded.run(locked)) is not None:
                return [allocation]
            return claim(locked, tree, pairs, start, end, now=now, values=values)
    except IntegrityError as exc:
        raise translate_integrity(exc, pairs[0][0]) from exc


def _common_values(
    *, confirm, hold_expires_at, reference, holder, created_by, title, now, series=None
) -> dict:
    reference_type, reference_id = _generic(reference)
    holder_type, holder_id = _generic(holder)
    return {
        **_hold_values(confirm=confirm, hold_expires_at=hold_expires_at, now=now),
        "reference_type": reference_type,
        "reference_id": reference_id,
        "holder_type": holder_type,
        "holder_id": holder_id,
        "created_by": created_by,
        "title": title,
        "series": series,
    }


def allocate_series(
    *,
    resources: ResourceRequest | Sequence[ResourceRequest],
    recurrence: Recurrence,
    local_start_date: dt.date,
    local_start_time: dt.time,
    duration: dt.timedelta,
    until: dt.datetime | None = None,
    mode: SeriesMode = SeriesMode.ALL_OR_NOTHING,
    quantity: int = 1,
    confirm: bool = False,
    hold_expires_at: dt.datetime | None = None,
    reference: models.Model | None = None,
    holder: models.Model | None = None,
    created_by: "User | None" = None,
    title: str = "",
    timezone_name: str = BRUSSELS,
    enforce_rules: bool = True,
    now: dt.datetime | None = None,
) -> SeriesResult:
    """Expand a recurrence in local wall time (19:00 stays 19:00 across DST) and allocate each occurrence.

    Every occurrence gets its own result: allocated, or the reason why not. ALL_OR_NOTHING writes
    nothing (and returns series=None) as soon as one occurrence fails; BEST_EFFORT keeps the others.
    """
    now = now or timezone.now()
    pairs = _normalise(resources, quantity)
    if duration <= dt.timedelta(0):
        raise errors.InvalidSpanError(_("Het einde moet na het begin liggen."), field="duration")
    series = Series(
        recurrence=recurrence,
        local_start_date=local_start_date,
        local_start_time=local_start_time,
        duration=duration,
        timezone=timezone_name,
        title=title,
        created_by=created_by,
    )
    results = [OccurrenceResult(start=s, end=e) for s, e in series.occurrences(until=until)]
    if enforce_rules and results:
        first, last = results[0].start, results[-1].end
        books = [RuleBook(resource, *_local_range(resource, first, last)) for resource, _q in pairs]
        for occurrence in results:
            try:
                for book in books:
                    book.check(start=occurrence.start, end=occurrence.end, now=now)
            except errors.AllocationError as error:
                occurrence.error = error
    if mode == SeriesMode.ALL_OR_NOTHING and any(o.error for o in results):
        return SeriesResult(series=None, occurrences=results)
    tree = _tree(r.pk for r, _q in pairs)
    try:
        with transaction.atomic():
            series.save()
            values = _common_values(
                confirm=confirm,
                hold_expires_at=hold_expires_at,
                reference=reference,
                holder=holder,
                created_by=created_by,
                title=title,
                now=now,
                series=series,
            )
            locked = lock_resources(pk for members in tree.values() for pk in members)
            for occurrence in results:
                if occurrence.error:
                    continue
                try:
                    with transaction.atomic():
                        occurrence.allocations = claim(
                            locked, tree, pairs, occurrence.start, occurrence.end, now=now, values=values
                        )
                except errors.AllocationError as error:
                    occurrence.error = error
            if mode == SeriesMode.ALL_OR_NOTHING and any(o.error for o in results):
                raise _RollBack()
    except _RollBack:
        for occurrence in results:
            occurrence.allocations = []
        return SeriesResult(series=None, occurrences=results)
    except IntegrityError as exc:
        raise translate_integrity(exc, pairs[0][0]) from exc
    return SeriesResult(series=series, occurrences=results)


def _local_range(resource: Resource, start: dt.datetime, end: dt.datetime) -> tuple[dt.date, dt.date]:
    days = local_dates(resource, start, end)
    return days[0], days[-1]


class _RollBack(Exception):
    pass


def _top_level(allocations: Allocation | Iterable[Allocation]) -> list[Allocation]:
    if isinstance(allocations, Allocation):
        allocations = [allocations]
    allocations = list(allocations)
    for allocation in allocations:
        if allocation.whole_id:
            raise errors.InvalidStateError(
                _("Werk met de reservatie van het geheel, niet met een deel ervan.")
            )
    return allocations


def _family_locked(allocation_ids: list[int]) -> tuple[list[Allocation], dict[int, Resource]]:
    """Lock the resources of the allocations (and the part allocations made with them), then read the
    allocations fresh: whatever changed them before the lock is visible now."""
    family_filter = models.Q(pk__in=allocation_ids) | models.Q(whole_id__in=allocation_ids)
    resource_ids = Allocation.objects.filter(family_filter).values_list("resource_id", flat=True)
    locked = lock_resources(list(resource_ids))
    return list(Allocation.objects.filter(family_filter).order_by("pk")), locked


def _revive_if_expired(
    family: list[Allocation], root: Allocation, locked: dict[int, Resource], now: dt.datetime
):
    """An expired hold may be taken up again (e.g. a late payment) only if nobody took the place since."""
    members = [a for a in family if a.pk == root.pk or a.whole_id == root.pk]
    ids = [a.pk for a in members]
    for member in members:
        release_expired_on({member.resource_id: locked[member.resource_id]}, member.start, member.end, now)
        ensure_free(
            locked[member.resource_id], member.quantity, member.start, member.end, now=now, exclude=ids
        )


def confirm(
    *, allocations: Allocation | Iterable[Allocation], now: dt.datetime | None = None
) -> list[Allocation]:
    """Turn holds into confirmed allocations. An expired hold is confirmed only if its place is still free
    (HoldExpiredError otherwise); an explicitly released allocation cannot be confirmed."""
    now = now or timezone.now()
    roots = _top_level(allocations)
    with transaction.atomic():
        family, locked = _family_locked([a.pk for a in roots])
        by_pk = {a.pk: a for a in family}
        for root in roots:
            current = by_pk[root.pk]
            if current.state == AllocationState.CONFIRMED:
                continue
            expired = current.hold_expires_at is not None and current.hold_expires_at <= now
            if current.state == AllocationState.RELEASED and not expired:
                raise errors.InvalidStateError(_("Deze reservatie werd geannuleerd."))
            if expired:
                try:
                    _revive_if_expired(family, current, locked, now)
                except errors.NotEnoughCapacityError as exc:
                    raise errors.HoldExpiredError() from exc
            Allocation.objects.filter(models.Q(pk=root.pk) | models.Q(whole_id=root.pk)).update(
                state=AllocationState.CONFIRMED, hold_expires_at=None, updated_at=now
            )
            root.state, root.hold_expires_at = AllocationState.CONFIRMED, None
    return roots


def extend_hold(
    *, allocations: Allocation | Iterable[Allocation], until: dt.datetime, now: dt.datetime | None = None
) -> list[Allocation]:
    """Keep holds longer (a basket still being paid, an option staff prolong). Expired holds are extended
    only if their place is still free."""
    now = now or timezone.now()
    _aware(until, "until")
    roots = _top_level(allocations)
    with transaction.atomic():
        family, locked = _family_locked([a.pk for a in roots])
        by_pk = {a.pk: a for a in family}
        for root in roots:
            current = by_pk[root.pk]
            expired = current.hold_expires_at is not None and current.hold_expires_at <= now
            if current.state == AllocationState.CONFIRMED or (
                current.state == AllocationState.RELEASED and not expired
            ):
                raise errors.InvalidStateError(_("Alleen een voorlopige reservatie kan verlengd worden."))
            if expired:
                try:
                    _revive_if_expired(family, current, locked, now)
                except errors.NotEnoughCapacityError as exc:
                    raise errors.HoldExpiredError() from exc
            Allocation.objects.filter(models.Q(pk=root.pk) | models.Q(whole_id=root.pk)).update(
                state=AllocationState.HELD, hold_expires_at=until, updated_at=now
            )
            root.state, root.hold_expires_at = AllocationState.HELD, until
    return roots


def release(
    *, allocations: Allocation | Iterable[Allocation], now: dt.datetime | None = None
) -> list[Allocation]:
    """Give the capacity back (cancellation, a basket emptied). Releasing twice is harmless.

    Freeing capacity takes no resource lock (docs/locking.md): it can never overbook, and a release
    that had to queue behind a rush on the same resource could deadlock with the feature row its
    caller holds. The allocation rows themselves are row-locked by the UPDATE.

    Rows already released are left alone: on PostgreSQL a second UPDATE of a row in one transaction
    re-checks its foreign key at commit (FOR KEY SHARE on the resource), which waits behind anyone
    holding that resource's lock, such as a payment holding resource → booking (tests/cross)."""
    now = now or timezone.now()
    roots = _top_level(allocations)
    ids = [a.pk for a in roots]
    with transaction.atomic():
        Allocation.objects.filter(models.Q(pk__in=ids) | models.Q(whole_id__in=ids)).exclude(
            state=AllocationState.RELEASED
        ).update(state=AllocationState.RELEASED, hold_expires_at=None, updated_at=now)
    for root in roots:
        root.state, root.hold_expires_at = AllocationState.RELEASED, None
    return roots


def lapse_hold(
    *, allocations: Allocation | Iterable[Allocation], now: dt.datetime | None = None
) -> list[Allocation]:
    """End holds now without releasing them (an order expired): they stop blocking at once, and late
    money can still confirm them if nobody took the place since. Shortening a hold frees capacity, so
    like release() it takes no resource lock."""
    now = now or timezone.now()
    roots = _top_level(allocations)
    ids = [a.pk for a in roots]
    with transaction.atomic():
        Allocation.objects.filter(models.Q(pk__in=ids) | models.Q(whole_id__in=ids)).filter(
            state=AllocationState.HELD
        ).filter(models.Q(hold_expires_at__isnull=True) | models.Q(hold_expires_at__gt=now)).update(
            hold_expires_at=now, updated_at=now
        )
    for root in roots:
        if root.state == AllocationState.HELD:
            root.hold_expires_at = now
    return roots


def move(
    *,
    allocation: Allocation,
    start: dt.datetime,
    end: dt.datetime,
    enforce_rules: bool = True,
    now: dt.datetime | None = None,
) -> Allocation:
    """Change the span atomically; when the new span is not free the allocation keeps its old span."""
    now = now or timezone.now()
    _check_span(start, end)
    (root,) = _top_level(allocation)
    if enforce_rules:
        check_rules(root.resource, start=start, end=end, now=now)
    try:
        with transaction.atomic():
            family, locked = _family_locked([root.pk])
            current = next(a for a in family if a.pk == root.pk)
            if current.state == AllocationState.RELEASED or current.is_expired:
                raise errors.InvalidStateError(
                    _("Een geannuleerde of verlopen reservatie kan niet verplaatst worden.")
                )
            ids = [a.pk for a in family]
            release_expired_on(locked, start, end, now)
            for member in family:
                ensure_free(locked[member.resource_id], member.quantity, start, end, now=now, exclude=ids)
            for member in family:
                blocked_start, blocked_end = blocked_span(locked[member.resource_id], start, end)
                Allocation.objects.filter(pk=member.pk).update(
                    start=start, end=end, blocked_start=blocked_start, blocked_end=blocked_end, updated_at=now
                )
    except IntegrityError as exc:
        raise translate_integrity(exc, root.resource) from exc
    root.refresh_from_db()
    return root


def release_expired_holds(*, now: dt.datetime | None = None) -> int:
    """Release every hold past its expiry; returns how many. Expiry is also checked at read time, so
    this only tidies up (and frees the exclusion constraint)."""
    now = now or timezone.now()
    with transaction.atomic():
        return Allocation.objects.filter(state=AllocationState.HELD, hold_expires_at__lte=now).update(
            state=AllocationState.RELEASED, updated_at=now
        )

