"""30 borrowers race for the last 10 chairs on PostgreSQL: never more lent than the stock."""

import threading

import pytest
from django.db import connection
from django.db.models import Sum

from calendars.models import Allocation, AllocationState
from reservations.loans.errors import LoanError
from reservations.loans.models import Loan, LoanState
from reservations.loans.services import request_loan
from tests.accounts.factories import UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_thirty_parallel_requests_for_the_last_ten_chairs(alice, chairs, saturday):
    pickup, back = saturday
    request_loan(user=alice, lines=[(chairs, 90)], pickup_at=pickup, return_at=back)
    borrowers = [UserFactory(email=f"buur{n}@example.be") for n in range(30)]
    barrier = threading.Barrier(30)
    outcomes: list = []
    lock = threading.Lock()

    def borrow(user):
        try:
            barrier.wait()
            try:
                outcome = request_loan(user=user, lines=[(chairs, 1)], pickup_at=pickup, return_at=back)
            except LoanError as error:
                outcome = error
            with lock:
                outcomes.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=borrow, args=(user,)) for user in borrowers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    lent = [o for o in outcomes if isinstance(o, Loan)]
    refused = [o for o in outcomes if isinstance(o, LoanError)]
    assert len(outcomes) == 30
    assert len(lent) == 10 and len(refused) == 20
    assert all("nog 0 vrij" in error.message for error in refused)
    held = Allocation.objects.filter(resource=chairs.resource, state=AllocationState.HELD)
    assert held.aggregate(total=Sum("quantity"))["total"] == 100
    assert Loan.objects.filter(state=LoanState.REQUESTED).count() == 11
