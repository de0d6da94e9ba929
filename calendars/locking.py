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
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            if not durable and getattr(settings, "CALENDAR_ASYNC_COMMIT_HOLDS", False):
                cursor.execute(
                    "SELECT set_config('lock_timeout', %s, true),"
                    " set_config('synchronous_commit', 'off', true)",
                    [str(LOCK_TIMEOUT_MS)],
                )
            else:
                cursor.execute("SELECT set_config('lock_timeout', %s, true)", [str(LOCK_TIMEOUT_MS)])
    try:
        return {r.pk: r for r in Resource.objects.select_for_update().filter(pk__in=ids).order_by("pk")}
    except OperationalError as exc:
        if "lock timeout" in str(exc) or "database is locked" in str(exc):
            raise LockTimeoutError() from exc
        raise
