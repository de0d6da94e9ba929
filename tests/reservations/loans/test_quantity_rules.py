"""Stock is counted by quantity over half-open spans: overlapping loans share it, back-to-back loans don't."""

import pytest

from calendars.models import Allocation, AllocationState
from reservations.loans.errors import LoanError
from reservations.loans.models import Loan, LoanState
from reservations.loans.services import expand_request, request_loan
from tests.reservations.loans.conftest import at


def test_second_overlapping_loan_is_refused_with_the_free_quantity_named(alice, bob, chairs, saturday):
    pickup, back = saturday
    request_loan(user=alice, lines=[(chairs, 70)], pickup_at=pickup, return_at=back)

    with pytest.raises(LoanError) as refused:
        request_loan(
            user=bob, lines=[(chairs, 40)], pickup_at=at(2030, 6, 8, 10), return_at=at(2030, 6, 9, 10)
        )

    assert "u vraagt 40, er zijn er nog 30 vrij" in refused.value.message
    assert refused.value.field == "quantity"
    assert Loan.objects.filter(user=bob).count() == 0


def test_back_to_back_loans_both_succeed(alice, bob, chairs):
    first = request_loan(
        user=alice, lines=[(chairs, 100)], pickup_at=at(2030, 6, 7, 10), return_at=at(2030, 6, 8, 10)
    )
    second = request_loan(
        user=bob, lines=[(chairs, 100)], pickup_at=at(2030, 6, 8, 10), return_at=at(2030, 6, 9, 10)
    )

    assert first.state == second.state == LoanState.REQUESTED
    assert Allocation.objects.filter(resource=chairs.resource, state=AllocationState.HELD).count() == 2


def test_a_loan_is_all_or_nothing(alice, bob, chairs, tables, saturday):
    pickup, back = saturday
    request_loan(user=alice, lines=[(tables, 25)], pickup_at=pickup, return_at=back)

    with pytest.raises(LoanError) as refused:
        request_loan(user=bob, lines=[(chairs, 50), (tables, 10)], pickup_at=pickup, return_at=back)

    assert "nog 5 vrij" in refused.value.message
    assert not Allocation.objects.filter(resource=chairs.resource).exists()


def test_a_kit_and_extra_chairs_become_one_line_per_item(
    alice, chiro, party_pack, chairs, tables, tents, saturday
):
    pickup, back = saturday
    lines = expand_request(items=[(chairs, 10)], kits=[(party_pack, 1)])
    loan = request_loan(user=alice, association=chiro, lines=lines, pickup_at=pickup, return_at=back)

    assert {(line.item.name, line.quantity) for line in loan.lines.all()} == {
        ("Klapstoel", 50),
        ("Feesttafel", 10),
        ("Partytent 3x6 m", 2),
    }
    held = Allocation.objects.filter(reference_id=str(loan.pk)).values_list("resource_id", "quantity")
    assert set(held) == {(chairs.resource_id, 50), (tables.resource_id, 10), (tents.resource_id, 2)}


def test_units_blocked_for_repair_are_not_lent(alice, clerk, tents, saturday):
    from reservations.loans.services import block_units_for_repair, unblock_units

    pickup, back = saturday
    block = block_units_for_repair(
        item=tents, quantity=3, start=pickup, end=back, reason="Zeil gescheurd", by=clerk
    )

    with pytest.raises(LoanError) as refused:
        request_loan(user=alice, lines=[(tents, 2)], pickup_at=pickup, return_at=back)
    assert "nog 1 vrij" in refused.value.message

    unblock_units(block=block, by=clerk)
    assert (
        request_loan(user=alice, lines=[(tents, 2)], pickup_at=pickup, return_at=back).state
        == LoanState.REQUESTED
    )


def test_stock_calendar_counts_units_out_per_day(alice, clerk, chairs, saturday):
    import datetime as dt

    from reservations.loans.selectors import stock_calendar

    pickup, back = saturday
    request_loan(user=alice, lines=[(chairs, 30)], pickup_at=pickup, return_at=back)
    request_loan(
        user=alice, lines=[(chairs, 20)], pickup_at=at(2030, 6, 10, 10), return_at=at(2030, 6, 11, 10)
    )
    days = {row.day: row.out for row in stock_calendar(item=chairs, first=dt.date(2030, 6, 6), days=7)}
    assert days[dt.date(2030, 6, 6)] == 0
    assert days[dt.date(2030, 6, 8)] == 30
    assert days[dt.date(2030, 6, 10)] == 30  # back-to-back at 10:00: never 50 at once
    assert days[dt.date(2030, 6, 11)] == 20
    assert days[dt.date(2030, 6, 12)] == 0
