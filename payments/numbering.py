"""Gap-free numbers for invoices and credit notes, per municipality, series and year.

The counter row is locked (SELECT ... FOR UPDATE) until the caller commits, so numbers follow commit
order, and a rolled-back transaction gives its number back. That lock is shared by every invoice of a
municipality, so it must be the LAST lock a transaction takes (calendar resources -> feature rows ->
order -> invoice counter, docs/locking.md): taken earlier, every other invoicing transaction of that
municipality would also wait for whatever the holder locks or waits on afterwards, and a holder that
then waited on a row another invoicing transaction had locked would deadlock with it. After the number,
a transaction only inserts its own rows and commits.

Orders take no number here: their public code is random (payments.codes), so creating an order locks
no shared row. Old global order counters (``series="order"``, no municipality) stay in the table unused.
"""

from django.db import IntegrityError, transaction

from calendars.locking import LockLevel, lock_row
from payments.models import NumberSequence


def take_next_number(*, series: str, year: int, municipality=None) -> int:
    """The next number of the series; call it last in the transaction, right before the insert."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_next_number must run inside the transaction that uses the number")
    lookup = {"series": series, "year": year, "municipality": municipality}
    try:
        with transaction.atomic():
            NumberSequence.objects.get_or_create(**lookup)
    except IntegrityError:
        pass  # another transaction created this year's row first; we lock it below
    counter_id = NumberSequence.objects.values_list("pk", flat=True).get(**lookup)
    counter = lock_row(NumberSequence, counter_id, level=LockLevel.COUNTER)  # the last lock (docs/locking.md)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number
