"""Control runs: the races of this package with their guard switched off, forced by a barrier so the
failure happens every run. They prove the race tests can fail.

- Old payment locking (`old_payment_locking`): payments locks only the order and lets the handler lock
  the feature row afterwards (order → booking/loan), while cancel and expiry lock booking/loan → order.
  Both sides meet at a barrier holding their first lock: every round deadlocks.
- Old record_payment (`payment_in_one_transaction`): the payment row is written in the same transaction
  as the handlers, so the deadlocked payment is rolled back: money lost.
- No resource lock (`no_resource_lock`): the calendar reads capacity without locking the resource row;
  two requests meet after their insert and before their commit: both get the last chair.
"""

import threading
import time

import pytest
from django.db import transaction
from django.db.models import Sum

from calendars import capacity
from calendars import services as calendar_services
from calendars.models import Allocation, AllocationState, Resource
from payments import services as payment_services
from payments.models import Payment
from payments.services import common, money, orders
from reservations.loans import services as loan_services
from reservations.loans.models import Loan, LoanState
from reservations.loans.services import handling as loan_handling
from reservations.rooms import services as room_services
from reservations.rooms.models import Booking
from tests.accounts.factories import UserFactory
from tests.cross.racing import flatten, is_deadlock, race
from tests.cross.test_cancel_vs_pay import instant_bookings, lend, pay
from tests.cross.test_pay_vs_expiry import past_expiry
from tests.reservations.loans.factories import LoanItemFactory, add_tariffs

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROUNDS = 5
LET_PAYMENT_WAIT_FIRST = 0.1  # PostgreSQL aborts the transaction that waited longest: the payment


@pytest.fixture
def old_payment_locking(monkeypatch, settings):
    """lock_order_and_targets as before the one lock order for payments (order only), with a barrier
    where each side holds its first lock."""
    settings.LOCK_ORDER_CHECK = "off"
    barrier = threading.Barrier(2, timeout=20)

    def lock_order_and_targets(order_id: int, *, resources: bool = True):
        if resources:  # apply_payment: the order first, the handler locks the feature row later
            order = common.lock_order(order_id)
            barrier.wait()
            return order
        targets = common.lock_targets_of(order_id, resources=False)  # cancel, expiry: as today
        for model in {model for model, _pk in targets.rows}:
            common.lock_rows(
                model, [pk for m, pk in targets.rows if m is model], level=common.LockLevel.FEATURE
            )
        barrier.wait()
        time.sleep(LET_PAYMENT_WAIT_FIRST)
        return common.lock_order(order_id)

    for module in (common, money, orders):
        monkeypatch.setattr(module, "lock_order_and_targets", lock_order_and_targets)
    return barrier


@pytest.fixture
def payment_in_one_transaction(monkeypatch):
    """record_payment as before "payment first": storing and applying in one transaction."""
    original = payment_services.record_payment

    def record_payment(**kwargs):
        with transaction.atomic():
            return original(**kwargs)

    monkeypatch.setattr(payment_services, "record_payment", record_payment)


def test_control_cancel_booking_against_payment_deadlocks_with_the_old_payment_locking(
    old_payment_locking, instant_room, alice, far_day
):
    bookings = instant_bookings(instant_room, alice, far_day, ROUNDS)
    outcomes = race(
        ROUNDS,
        lambda n: room_services.cancel_booking(booking=Booking.objects.get(pk=bookings[n].pk), by=alice),
        lambda n: pay(bookings[n].order_id, f"room-{n}"),
        vary=False,
    )
    assert [sum(map(is_deadlock, row)) for row in outcomes] == [1] * ROUNDS  # every round, once
    assert Payment.objects.count() == ROUNDS  # payment first still keeps the money


def test_control_cancel_loan_against_payment_deadlocks_with_the_old_payment_locking(
    old_payment_locking, alice, chairs, saturday
):
    pickup, back = saturday
    chairs.auto_approve_up_to = 5
    chairs.save(update_fields=["auto_approve_up_to"])
    loans = [lend(alice, chairs, 1, pickup, back) for _ in range(ROUNDS)]
    outcomes = race(
        ROUNDS,
        lambda n: loan_services.cancel_loan(loan=Loan.objects.get(pk=loans[n].pk), by=alice),
        lambda n: pay(loans[n].order_id, f"loan-{n}"),
        vary=False,
    )
    assert [sum(map(is_deadlock, row)) for row in outcomes] == [1] * ROUNDS


def test_control_payment_against_expiry_deadlocks_and_loses_money_without_payment_first(
    old_payment_locking, payment_in_one_transaction, instant_room, alice, far_day
):
    bookings = instant_bookings(instant_room, alice, far_day, ROUNDS)
    past_expiry([b.order_id for b in bookings])
    outcomes = race(
        ROUNDS,
        lambda n: pay(bookings[n].order_id, f"room-{n}"),
        lambda n: payment_services.expire_order(order_id=bookings[n].order_id),
        vary=False,
    )
    lost = [row[0] for row in outcomes if is_deadlock(row[0])]
    assert len(lost) == ROUNDS  # the payment waited first, so PostgreSQL aborts it
    assert Payment.objects.count() == 0  # …and with it the money that arrived


@pytest.fixture
def no_resource_lock(monkeypatch, settings):
    """Call it to make the calendar read the resource rows without FOR UPDATE, and to let two
    requests meet after their insert."""
    settings.LOCK_ORDER_CHECK = "off"
    barrier = threading.Barrier(2, timeout=20)
    run = capacity.GuardedInsert.run

    def run_then_meet(self, locked):
        inserted = run(self, locked)
        barrier.wait()  # both inserted, neither committed: neither saw the other
        return inserted

    def read_resources(ids, *, durable: bool = True) -> dict:
        return {r.pk: r for r in Resource.objects.filter(pk__in=list(ids))}

    def switch_off() -> None:
        for module in (calendar_services, common, loan_handling):
            monkeypatch.setattr(module, "lock_resources", read_resources)
        monkeypatch.setattr(capacity.GuardedInsert, "run", run_then_meet)

    return switch_off


def test_control_requests_against_approval_overbook_without_the_resource_lock(
    no_resource_lock, alice, chiro, clerk, depot, saturday
):
    pickup, back = saturday
    items = []
    for n in range(ROUNDS):
        item = LoanItemFactory(name=f"Statafel {n}", depot=depot, stock=3, auto_approve_up_to=1)
        add_tariffs(item, price="2.00")
        items.append(item)
    waiting = [
        loan_services.request_loan(
            user=alice, association=chiro, lines=[(item, 2)], pickup_at=pickup, return_at=back
        )
        for item in items
    ]
    residents = [UserFactory(email="dirk@example.be"), UserFactory(email="emma@example.be")]
    no_resource_lock()

    def ask(person):
        return lambda n: loan_services.request_loan(
            user=person, lines=[(items[n], 1)], pickup_at=pickup, return_at=back
        )

    outcomes = race(
        ROUNDS,
        lambda n: loan_services.approve_loan(loan=Loan.objects.get(pk=waiting[n].pk), by=clerk),
        ask(residents[0]),
        ask(residents[1]),
        vary=False,
    )
    assert [o for o in flatten(outcomes) if not isinstance(o, Loan)] == []  # nobody was refused …
    for item in items:
        live = Allocation.objects.filter(resource=item.resource).exclude(state=AllocationState.RELEASED)
        assert live.aggregate(total=Sum("quantity"))["total"] == 4 > item.resource.capacity  # … overbooked
    assert Loan.objects.filter(state=LoanState.AWAITING_PAYMENT).count() == 2 * ROUNDS


@pytest.fixture
def payment_holds_the_room(monkeypatch):
    """The payment holds the room's resource lock and the cancel holds the booking when they meet."""
    barrier = threading.Barrier(2, timeout=20)
    original = common.lock_order_and_targets

    def lock_order_and_targets(order_id: int, *, resources: bool = True):
        if resources:
            common.lock_resources(common.lock_targets_of(order_id, resources=True).resource_ids)
        barrier.wait()
        return original(order_id, resources=resources)

    for module in (common, money, orders):
        monkeypatch.setattr(module, "lock_order_and_targets", lock_order_and_targets)


def release_twice_as_before(monkeypatch) -> None:
    """calendars.services.release as before tests/cross found it: it updates released rows again."""

    def release(*, allocations, now=None):
        roots = calendar_services._top_level(allocations)
        ids = [a.pk for a in roots]
        Allocation.objects.filter(pk__in=ids).update(state=AllocationState.RELEASED, hold_expires_at=None)
        return roots

    monkeypatch.setattr(calendar_services, "release", release)


@pytest.mark.parametrize("guard", ["on", "release twice", "FOR UPDATE", "off"])
def test_control_cancel_booking_releases_once_so_its_commit_does_not_wait_for_the_room(
    guard, payment_holds_the_room, monkeypatch, instant_room, alice, far_day
):
    """A second UPDATE of a row in one transaction re-checks its foreign key at commit (FOR KEY SHARE
    on the resource): with cancel_booking releasing twice, that waits for the payment holding the room,
    which waits for the booking the cancel holds. Two guards each prevent it: release() leaves released
    rows alone, and locks are FOR NO KEY UPDATE (which a KEY SHARE check never waits for)."""
    if guard in ("release twice", "off"):
        release_twice_as_before(monkeypatch)
    if guard in ("FOR UPDATE", "off"):
        monkeypatch.setattr("calendars.locking.NO_KEY_UPDATE", False)
    bookings = instant_bookings(instant_room, alice, far_day, ROUNDS)
    outcomes = race(
        ROUNDS,
        lambda n: room_services.cancel_booking(booking=Booking.objects.get(pk=bookings[n].pk), by=alice),
        lambda n: pay(bookings[n].order_id, f"room-{n}"),
        vary=False,
    )
    deadlocks = [sum(map(is_deadlock, row)) for row in outcomes]
    assert deadlocks == ([1] * ROUNDS if guard == "off" else [0] * ROUNDS)
