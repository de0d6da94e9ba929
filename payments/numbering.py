"""Gap-free numbers per series and year. The counter row is locked, so numbers follow commit order.

Taken inside the caller's transaction: if that transaction rolls back, the number is not used.
"""

from django.db import IntegrityError, transaction

from payments.models import NumberSequence


def take_next_number(*, series: str, year: int) -> int:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_next_number must run inside the transaction that uses the number")
    try:
        with transaction.atomic():
            NumberSequence.objects.get_or_create(series=series, year=year)
    except IntegrityError:
        pass  # another transaction created this year's row first; we lock it below
    counter = NumberSequence.objects.select_for_update().get(series=series, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number
