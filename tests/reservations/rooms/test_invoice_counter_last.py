"""A recognised association's booking is confirmed and invoiced at once: the invoice number comes last."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reservations.rooms import services
from reservations.rooms.models import BookingState
from tests.payments.lock_order_checks import locks_after_counter
from tests.reservations.rooms.conftest import local

pytestmark = pytest.mark.django_db


def test_instant_booking_of_a_recognised_association_takes_the_invoice_number_last(
    instant_room, bob, club, far_day
):
    with CaptureQueriesContext(connection) as queries:
        booking = services.request_booking(
            room=instant_room,
            customer=bob,
            association=club,
            start=local(far_day, 14),
            end=local(far_day, 17),
            purpose="Clubfeest",
            people=40,
        )

    assert booking.state == BookingState.CONFIRMED
    assert booking.order.invoices.count() == 1
    assert locks_after_counter(queries.captured_queries) == []


def test_approving_an_association_request_takes_the_invoice_number_last(
    approval_room, bob, club, clerk, far_day
):
    booking = services.request_booking(
        room=approval_room,
        customer=bob,
        association=club,
        start=local(far_day, 14),
        end=local(far_day, 17),
        purpose="Clubfeest",
        people=150,
    )
    with CaptureQueriesContext(connection) as queries:
        booking = services.approve_booking(booking=booking, staff=clerk)

    assert booking.state == BookingState.CONFIRMED
    assert locks_after_counter(queries.captured_queries) == []
