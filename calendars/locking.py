"""The one place where scarce resources are locked. Rules (see docs/calendars.md):

1. Lock late: check everything that does not depend on other people's allocations first.
2. Lock every affected resource row at once, in ascending primary-key order, so two transactions can
   never wait on each other in a cycle.
3. Lock once per transaction: a second call in the same transaction would break the ordering rule.
4. Wait at most LOCK_TIMEOUT_MS; a timeout becomes LockTimeoutError, which Celery tasks retry.
5. Re-read allocations only after the lock is held, then write, then commit.

On SQLite `select_for_update()` is a no-op; the IMMEDIATE transaction mode configured in settings takes
the database write lock at BEGIN, which serialises writers just as well.
"""

import functools
from collections.abc import Iterable

from django.conf import settings
from django.db import OperationalError, connection

from calendars.errors import LockTimeoutError
from calendars.models import Resource

LOCK_TIMEOUT_MS = 5000


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
    if connection.vendor == "postgresql" and not _timeout_per_connection():
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [str(LOCK_TIMEOUT_MS)])
    try:
        if connection.vendor == "postgresql":
            asynchronous = not durable and getattr(settings, "CALENDAR_ASYNC_COMMIT_HOLDS", False)
            return _lock_rows_postgresql(ids, asynchronous_commit=asynchronous)
        return {r.pk: r for r in Resource.objects.select_for_update().filter(pk__in=ids).order_by("pk")}
    except OperationalError as exc:
        if "lock timeout" in str(exc) or "database is locked" in str(exc):
            raise LockTimeoutError() from exc
        raise


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
        cursor.execute(_lock_sql(asynchronous_commit), [ids])
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
def _lock_sql(asynchronous_commit: bool) -> str:
    quote = connection.ops.quote_name
    table = quote(Resource._meta.db_table)
    columns = ", ".join(f"{table}.{quote(f.column)}" for f in _resource_fields())
    if asynchronous_commit:
        columns += ", set_config('synchronous_commit', 'off', true)"
    pk = f"{table}.{quote(Resource._meta.pk.column)}"
    return f"SELECT {columns} FROM {table} WHERE {pk} = ANY(%s) ORDER BY {pk} ASC FOR UPDATE"
