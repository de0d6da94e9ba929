"""Two customers submit the same slot at the same moment, on PostgreSQL with real threads."""

import threading

import pytest
from django.db import connection

from calendars.models import Allocation, AllocationState
from payments.models import BasketLine, Order
from reservations.rooms import services
from reservations.rooms.errors import RoomHireError
from reservations.rooms.models import Booking
from tests.reservations.rooms.conftest import local

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_customers_submit_the_same_slot_and_one_hears_it_is_no_longer_free(
    instant_room, alice, bob, far_day
):
    barrier = threading.Barrier(2)
    results: dict[str, object] = {}

    def submit(customer):
        try:
            barrier.wait()
            results[customer.email] = services.request_booking(
                room=instant_room,
                customer=customer,
                start=local(far_day, 14),
                end=local(far_day, 17),
                purpose="Feest",
                people=30,
            )
        except RoomHireError as error:
            results[customer.email] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(person,)) for person in (alice, bob)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    bookings = [r for r in results.values() if isinstance(r, Booking)]
    refusals = [r for r in results.values() if isinstance(r, RoomHireError)]
    assert len(bookings) == 1 and len(refusals) == 1
    assert "niet meer vrij" in refusals[0].message and refusals[0].field == "start"
    assert Booking.objects.count() == 1 and not Order.objects.exists()  # in the winner's basket, unpaid
    assert set(BasketLine.objects.values_list("target_object_id", flat=True)) == {bookings[0].pk}
    assert Allocation.objects.exclude(state=AllocationState.RELEASED).count() == 1
