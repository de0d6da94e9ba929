"""Request against approval: new requests claim stock or a slot while staff approve others on it.

Loans: 50 association loans of 2 chairs wait for staff (more than auto_approve_up_to); each round staff
approve one (invoice: its stock is confirmed, an invoice number taken) while two residents request 1
chair each, auto-approved. The stock leaves exactly 30 chairs free, so exactly 30 of the 100 requests
get a loan and 70 hear that nothing is free; all 50 approvals succeed.

Rooms: 50 options wait for staff; each round staff approve one while another customer asks the same slot
(even rounds: refused, the option holds it) or the evening after it (odd rounds: a new option).
"""

import datetime as dt

import pytest
from django.db.models import Sum

from calendars.models import Allocation, AllocationState
from reservations.loans import services as loan_services
from reservations.loans.errors import LoanError
from reservations.loans.models import Loan, LoanPaymentMode, LoanState
from reservations.rooms import services as room_services
from reservations.rooms.errors import RoomHireError
from reservations.rooms.models import Booking, BookingState
from tests.accounts.factories import UserFactory
from tests.cross.racing import flatten, is_deadlock, race, unexpected
from tests.reservations.rooms.conftest import local

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROUNDS = 50
FREE_CHAIRS = 30


def live(resource):
    return Allocation.objects.filter(resource=resource).exclude(state=AllocationState.RELEASED)


@pytest.fixture
def quick_invoices(monkeypatch):
    """The invoice mail renders a PDF per approval; what is raced here is the number and the stock."""
    monkeypatch.setattr("payments.notifications.render_invoice_pdf", lambda invoice: b"%PDF-1.4")


def test_auto_approved_requests_against_staff_approval(alice, chiro, clerk, chairs, saturday, quick_invoices):
    pickup, back = saturday
    chairs.stock = 2 * ROUNDS + FREE_CHAIRS
    chairs.auto_approve_up_to = 1
    chairs.save(update_fields=["stock", "auto_approve_up_to"])
    chairs.resource.capacity = chairs.stock
    chairs.resource.save(update_fields=["capacity"])
    waiting = [
        loan_services.request_loan(
            user=alice, association=chiro, lines=[(chairs, 2)], pickup_at=pickup, return_at=back
        )
        for _ in range(ROUNDS)
    ]
    assert {loan.state for loan in waiting} == {LoanState.REQUESTED}
    residents = [UserFactory(email="dirk@example.be"), UserFactory(email="emma@example.be")]

    def ask(person):
        return lambda n: loan_services.request_loan(
            user=person, lines=[(chairs, 1)], pickup_at=pickup, return_at=back
        )

    outcomes = race(
        ROUNDS,
        lambda n: loan_services.approve_loan(loan=Loan.objects.get(pk=waiting[n].pk), by=clerk),
        ask(residents[0]),
        ask(residents[1]),
    )

    assert [o for o in flatten(outcomes) if is_deadlock(o)] == []
    assert unexpected(outcomes, LoanError) == []
    approvals = [row[0] for row in outcomes]
    requests = [o for row in outcomes for o in row[1:]]
    assert all(isinstance(a, Loan) and a.state == LoanState.INVOICED for a in approvals)
    lent = [r for r in requests if isinstance(r, Loan)]
    refused = [r for r in requests if isinstance(r, LoanError)]
    assert len(lent) == FREE_CHAIRS and len(refused) == 2 * ROUNDS - FREE_CHAIRS
    assert all("nog 0 vrij" in error.message for error in refused)
    assert {loan.state for loan in lent} == {LoanState.AWAITING_PAYMENT}
    assert (
        Loan.objects.filter(state=LoanState.INVOICED, payment_mode=LoanPaymentMode.INVOICE).count() == ROUNDS
    )
    assert Loan.objects.filter(state=LoanState.AWAITING_PAYMENT).count() == FREE_CHAIRS
    assert live(chairs.resource).aggregate(total=Sum("quantity"))["total"] == chairs.stock  # never more
    confirmed = live(chairs.resource).filter(state=AllocationState.CONFIRMED)
    assert confirmed.aggregate(total=Sum("quantity"))["total"] == 2 * ROUNDS
    assert all(loan.order.invoices.count() == 1 for loan in Loan.objects.filter(state=LoanState.INVOICED))


def test_request_booking_against_approve_booking(approval_room, alice, bob, clerk, far_day):
    def slot(n: int, hour: int = 14):
        day = far_day + dt.timedelta(days=n)
        return local(day, hour), local(day, hour + 3)

    options = []
    for n in range(ROUNDS):
        start, end = slot(n)
        options.append(
            room_services.request_booking(
                room=approval_room, customer=alice, start=start, end=end, purpose="Feest", people=30
            )
        )

    def ask(n: int):
        start, end = slot(n, 14 if n % 2 == 0 else 18)
        return room_services.request_booking(
            room=approval_room, customer=bob, start=start, end=end, purpose="Repetitie", people=20
        )

    outcomes = race(
        ROUNDS,
        lambda n: room_services.approve_booking(booking=Booking.objects.get(pk=options[n].pk), staff=clerk),
        ask,
    )

    assert [o for o in flatten(outcomes) if is_deadlock(o)] == []
    assert unexpected(outcomes, RoomHireError) == []
    for n, (approved, asked) in enumerate(outcomes):
        assert isinstance(approved, Booking) and approved.state == BookingState.AWAITING_PAYMENT
        if n % 2 == 0:
            assert isinstance(asked, RoomHireError) and "niet meer vrij" in asked.message
        else:
            assert isinstance(asked, Booking) and asked.state == BookingState.REQUESTED
    assert Booking.objects.filter(state=BookingState.AWAITING_PAYMENT).count() == ROUNDS
    assert Booking.objects.filter(customer=bob, state=BookingState.REQUESTED).count() == ROUNDS // 2
    spans = sorted(live(approval_room.resource).values_list("start", "end"))
    assert len(spans) == ROUNDS + ROUNDS // 2
    ends, starts = [end for _s, end in spans[:-1]], [start for start, _e in spans[1:]]
    assert all(end <= start for end, start in zip(ends, starts, strict=True))  # never two on one slot
