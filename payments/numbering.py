"""Gap-free numbers per municipality, series and year. The counter row is locked, so numbers follow
commit order.

Taken inside the caller's transaction: if that transaction rolls back, the number is not used.
Invoices and credit notes are numbered per municipality (each is its own issuer); order numbers,
which are only references, come from one global series (``municipality=None``).
"""

from django.db import IntegrityError, transaction

from calendars.locking import LockLevel, lock_row
from payments.models import NumberSequence


def take_next_number(*, series: str, year: int, municipality=None) -> int:
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
