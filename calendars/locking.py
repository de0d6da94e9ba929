"""The one place where scarce resources are locked. Rules (see docs/calendars.md):

1. Lock late: check everything that does not depend on other people's allocations first.
2. Lock every affected resource row at once, in ascending primary-key order.
3. One global order for every row lock of a transaction (docs/locking.md): calendar resources (sorted)
   → feature rows (sorted by model, then pk) → order → invoice counter. `lock_resources` and
   `lock_rows` record what the transaction holds and refuse (tests) or log (production) a lock out of
   that order; re-locking a row already held is always fine, it never waits.
4. Wait at most LOCK_TIMEOUT_MS; a timeout becomes LockTimeoutError, which Celery tasks retry.
5. Re-read allocations only after the lock is held, then write, then commit.
6. Rows are locked FOR NO KEY UPDATE: lockers still queue behind each other, but the foreign-key checks
   PostgreSQL runs for inserts and updates that point at a locked row (FOR KEY SHARE: a new payment of a
   locked order, an allocation of a locked resource) do not wait, so they can never close a cycle
   outside the lock order. Locked rows are never deleted and their keys never change.

On SQLite `select_for_update()` is a no-op; the IMMEDIATE transaction mode configured in settings takes
the database write lock at BEGIN, which serialises writers just as well.
"""

import enum
import functools
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from django.conf import settings
from django.db import OperationalError, connection, models, transaction

from calendars.errors import LockTimeoutError
from calendars.models import Resource

LOCK_TIMEOUT_MS = 5000
# FOR NO KEY UPDATE (rule 6); tests/cross switches it off to show the deadlock it prevents.
NO_KEY_UPDATE = True
logger = logging.getLogger(__name__)
M = TypeVar("M", bound=models.Model)


def lock_resources(resource_ids: Iterable[int], *, durable: bool = True) -> dict[int, Resource]:
    """Lock the resource rows in sorted pk order and return them fresh from the database.

    `durable=False` (only for holds, and only when settings.CALENDAR_ASYNC_COMMIT_HOLDS is on) lets
    PostgreSQL acknowledge the commit before its WAL reaches the disk. The row lock is then released
    without waiting for fsync, which is what limits a hot resource on slow disks. A crash can lose the
    last fraction of a second of holds, never their order: a later allocation that counted on a lost
    one is lost with it, so capacity still holds; the customer's confirm then fails cleanly."""
    if not connection.in_atomic_block:
        raise RuntimeError("lock_resources() must run inside transaction.atomic()")
    ids = sorted(set(resource_ids))
    check_lock_order(LockLevel.RESOURCE, ((RESOURCE_LABEL, pk) for pk in ids))
    if connection.vendor == "postgresql" and not _timeout_per_connection():
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [str(LOCK_TIMEOUT_MS)])
    try:
        if connection.vendor == "postgresql":
            asynchronous = not durable and getattr(settings, "CALENDAR_ASYNC_COMMIT_HOLDS", False)
            return _lock_rows_postgresql(ids, asynchronous_commit=asynchronous)
        rows = Resource.objects.select_for_update(no_key=NO_KEY_UPDATE).filter(pk__in=ids).order_by("pk")
        return {r.pk: r for r in rows}
    except OperationalError as exc:
        if "lock timeout" in str(exc) or "database is locked" in str(exc):
            raise LockTimeoutError() from exc
        raise


RESOURCE_LABEL = "calendars.resource"


def _timeout_per_connection() -> bool:
    """config/settings/base.py starts PostgreSQL connections with `-c lock_timeout=5000`, which saves a
    round trip per lock; without it (another settings module) the timeout is set for the transaction."""
    options = connection.settings_dict.get("OPTIONS", {}).get("options", "")
    return f"lock_timeout={LOCK_TIMEOUT_MS}" in options.replace(" = ", "=")


def _lock_rows_postgresql(ids: list[int], *, asynchronous_commit: bool) -> dict[int, Resource]:
    """`Resource.objects.select_for_update().filter(pk__in=ids).order_by("pk")` without compiling the
    query on every call: PostgreSQL locks the rows as they leave the sort, i.e. in ascending pk order.

    `asynchronous_commit` sets synchronous_commit = off for this transaction in the same statement (it
    only matters at COMMIT; if no row comes back it is simply not set and the commit stays durable)."""
    fields = _resource_fields()
    with connection.cursor() as cursor:
        cursor.execute(_lock_sql(asynchronous_commit, NO_KEY_UPDATE), [ids])
        rows = cursor.fetchall()
    converters = [(i, c) for i, f in enumerate(fields) if (c := f.get_db_converters(connection))]
    names = [f.attname for f in fields]
    locked = {}
    for row in rows:
        values = list(row[: len(fields)])
        for i, field_converters in converters:
            for converter in field_converters:
                values[i] = converter(values[i], fields[i], connection)
        resource = Resource.from_db(connection.alias, names, values)
        locked[resource.pk] = resource
    return locked


@functools.cache
def _resource_fields() -> list:
    return list(Resource._meta.concrete_fields)


@functools.cache
def _lock_sql(asynchronous_commit: bool, no_key: bool) -> str:
    quote = connection.ops.quote_name
    table = quote(Resource._meta.db_table)
    columns = ", ".join(f"{table}.{quote(f.column)}" for f in _resource_fields())
    if asynchronous_commit:
        columns += ", set_config('synchronous_commit', 'off', true)"
    pk = f"{table}.{quote(Resource._meta.pk.column)}"
    mode = "FOR NO KEY UPDATE" if no_key else "FOR UPDATE"
    return f"SELECT {columns} FROM {table} WHERE {pk} = ANY(%s) ORDER BY {pk} ASC {mode}"


# --- the one lock order ----------------------------------------------------------------------------


class LockLevel(enum.IntEnum):
    """docs/locking.md: every transaction takes its row locks in this order, each level sorted."""

    RESOURCE = 10  # calendars.Resource rows (capacity)
    FEATURE = 20  # a feature app's own rows: a booking, a loan, a ticket order position …
    ORDER = 30  # payments.Order (and rows that only exist under an order: deposits)
    COUNTER = 40  # gap-free number counters (invoices, credit notes)


class LockOrderError(RuntimeError):
    """A lock was asked for out of the global order: two such transactions can deadlock each other."""


@dataclass
class _Trail:
    """What one transaction has locked so far: {level: set of (model label, pk)}."""

    scope: tuple
    marker: Callable[[], None]
    held: dict[int, set[tuple[str, int]]] = field(default_factory=dict)

    def highest(self) -> tuple[int, tuple[str, int]] | None:
        levels = [level for level, keys in self.held.items() if level and keys]
        if not levels:
            return None
        level = max(levels)
        return level, max(self.held[level])


def _scope() -> tuple:
    """The transaction the trail belongs to. In tests the whole test runs inside Django's own atomic
    blocks; each service call then is a savepoint of its own and gets its own trail."""
    blocks = connection.atomic_blocks
    index = next((n for n, block in enumerate(blocks) if not getattr(block, "_from_testcase", False)), None)
    if not index:
        return ("transaction",)
    return ("savepoint", connection.savepoint_ids[index - 1], id(blocks[index]))


def _current_trail() -> _Trail:
    trail: _Trail | None = getattr(connection, "_lock_trail", None)
    scope = _scope()
    if trail is not None and trail.scope == scope and _still_open(trail):
        return trail
    trail = _Trail(scope=scope, marker=lambda: setattr(connection, "_lock_trail", None))
    transaction.on_commit(trail.marker)  # rolled back: Django drops the marker, so the trail is stale
    connection._lock_trail = trail  # type: ignore[attr-defined]
    return trail


def _still_open(trail: _Trail) -> bool:
    return any(entry[1] is trail.marker for entry in connection.run_on_commit)


def check_lock_order(level: LockLevel, keys: Iterable[tuple[str, int]]) -> None:
    """Record locks about to be taken; refuse (or log, by LOCK_ORDER_CHECK) one out of the global order.

    Locking a row this transaction already holds never waits, so it is always allowed."""
    mode = getattr(settings, "LOCK_ORDER_CHECK", "log")
    if mode == "off":
        return
    trail = _current_trail()
    new = sorted(set(keys) - set().union(*trail.held.values()))
    highest = trail.highest()
    if new and highest is not None and (level, new[0]) < highest:
        message = (
            f"lock of {new[0][0]} #{new[0][1]} (level {level.name}) after "
            f"{highest[1][0]} #{highest[1][1]} (level {LockLevel(highest[0]).name}): see docs/locking.md"
        )
        if mode == "raise":
            raise LockOrderError(message)
        logger.warning("lock order: %s", message)
    trail.held.setdefault(level, set()).update(new)


def note_created(obj: models.Model) -> None:
    """A row this transaction inserted is locked by it already and invisible to others: locking it
    later never waits, whatever was locked in between."""
    if getattr(settings, "LOCK_ORDER_CHECK", "log") == "off" or not connection.in_atomic_block:
        return
    trail = _current_trail()
    trail.held.setdefault(0, set()).add((obj._meta.label_lower, obj.pk))


def lock_rows(model: type[M], ids: Iterable[int], *, level: LockLevel) -> dict[int, M]:
    """Lock rows of ``model`` (a feature row, an order, a counter) in ascending pk order, in the global
    lock order, and return them fresh. Related rows are not locked (``of=("self",)``)."""
    if not connection.in_atomic_block:
        raise RuntimeError("lock_rows() must run inside transaction.atomic()")
    ids = sorted(set(ids))
    label = model._meta.label_lower
    check_lock_order(level, ((label, pk) for pk in ids))
    try:
        manager = model._default_manager
        rows = manager.select_for_update(of=("self",), no_key=NO_KEY_UPDATE).filter(pk__in=ids).order_by("pk")
        return {row.pk: row for row in rows}
    except OperationalError as exc:
        if "lock timeout" in str(exc) or "database is locked" in str(exc):
            raise LockTimeoutError() from exc
        raise


def lock_row(model: type[M], pk: int, *, level: LockLevel) -> M:
    """lock_rows for one row; raises model.DoesNotExist when it is gone."""
    row = lock_rows(model, [pk], level=level).get(pk)
    if row is None:
        raise model.DoesNotExist(f"{model._meta.label} {pk} does not exist")  # type: ignore[attr-defined]
    return row
