"""Booking a room: the instant flow, the approval flow, and every refusal leaving nothing held."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail

from calendars.models import Allocation, AllocationState
from payments import services as payment_services
from payments.models import Order, OrderStatus
from reservations.rooms import services
from reservations.rooms.errors import RoomHireError
from reservations.rooms.models import Booking, BookingState
from tests.payments.factories import check_out
from tests.reservations.rooms.conftest import local
from tests.reservations.rooms.factories import RoomExtraFactory

pytestmark = pytest.mark.django_db


def book(room, customer, day, *, pay_now=True, **kwargs):
    """Request a booking; an instant room's booking is then checked out of the basket (one order)."""
    values = {
        "room": room,
        "customer": customer,
        "start": local(day, 14),
        "end": local(day, 17),
        "purpose": "Verjaardagsfeest",
        "people": 40,
    }
    values.update(kwargs)
    booking = services.request_booking(**values)
    if pay_now and booking.state == BookingState.AWAITING_PAYMENT and booking.order_id is None:
        check_out(booking)
    return booking


def test_quote_is_itemised_with_the_resident_tariff_and_extras(instant_room, alice, far_day):
    cleaning = RoomExtraFactory(room=instant_room)
    quote = services.quote_booking(
        room=instant_room,
        category="resident",
        start=local(far_day, 14),
        end=local(far_day, 17),
        extras=[cleaning],
    )
    assert [line.amounts.total for line in quote.lines] == [Decimal("45.00"), Decimal("45.00")]
    assert quote.total == Decimal("90.00")
    assert "Polyvalente zaal" in quote.lines[0].description


def test_resident_books_an_instant_room_and_it_is_confirmed_once_paid(
    instant_room, alice, clerk, far_day, django_capture_on_commit_callbacks
):
    booking = book(instant_room, alice, far_day)

    assert booking.state == BookingState.AWAITING_PAYMENT
    assert booking.order.total == Decimal("45.00")
    assert booking.allocation.state == AllocationState.HELD
    with django_capture_on_commit_callbacks(execute=True):
        payment_services.record_counter_payment(
            order=booking.order, amount=Decimal("45.00"), method="cash", staff=clerk
        )

    booking.refresh_from_db()
    assert booking.state == BookingState.CONFIRMED
    assert Allocation.objects.get(pk=booking.allocation_id).state == AllocationState.CONFIRMED
    [confirmation] = mail.outbox  # checked out of the basket: the basket's one confirmation, no room mail
    assert "Bevestiging" in confirmation.subject and confirmation.to == ["alice@example.be"]
    names = [attachment[0] for attachment in confirmation.attachments]
    number = booking.order.number
    assert names == [f"bevestiging-{number}.pdf", f"bestelling-{number}.ics"]
    assert "BEGIN:VEVENT" in str(confirmation.attachments[1][1])
    assert confirmation.attachments[0][1].startswith(b"%PDF")


def test_unpaid_order_that_expires_gives_the_room_back(instant_room, alice, bob, far_day):
    booking = book(instant_room, alice, far_day)
    payment_services.expire_order(
        order_id=booking.order_id, now=booking.order.expires_at + dt.timedelta(seconds=1)
    )

    booking.refresh_from_db()
    assert booking.state == BookingState.EXPIRED
    assert book(instant_room, bob, far_day).state == BookingState.AWAITING_PAYMENT


def test_association_requests_an_option_and_staff_approve_with_an_invoice(
    django_capture_on_commit_callbacks, approval_room, bob, club, clerk, far_day
):
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(approval_room, bob, far_day, association=club, purpose="Clubfeest", people=150)
    assert booking.state == BookingState.REQUESTED
    assert booking.order is None
    assert booking.allocation.state == AllocationState.HELD
    assert "Aanvraag ontvangen" in mail.outbox[-1].subject

    with django_capture_on_commit_callbacks(execute=True):
        booking = services.approve_booking(booking=booking, staff=clerk)

    assert booking.state == BookingState.CONFIRMED
    assert booking.order.invoices.count() == 1
    assert booking.order.billing_name == "KFC Dorpsveld"
    assert booking.order.total == Decimal("15.00")  # 3 hours at the recognised association tariff
    # the booking is confirmed before it is invoiced (the invoice number is the last lock): its mail first
    confirmation, invoice_mail = mail.outbox[-2:]
    assert confirmation.subject.startswith("Bevestiging")
    assert set(confirmation.to) == {"bob@example.be", "info@kfc-dorpsveld.be"}
    assert invoice_mail.attachments[0][0].startswith("F")


def test_staff_reject_with_a_reason_and_the_option_is_released(
    approval_room, alice, clerk, far_day, django_capture_on_commit_callbacks
):
    booking = book(approval_room, alice, far_day)
    with pytest.raises(RoomHireError):
        services.reject_booking(booking=booking, staff=clerk, reason=" ")

    with django_capture_on_commit_callbacks(execute=True):
        booking = services.reject_booking(booking=booking, staff=clerk, reason="Zaal in renovatie")

    assert booking.state == BookingState.REJECTED
    assert Allocation.objects.get(pk=booking.allocation_id).state == AllocationState.RELEASED
    assert "Zaal in renovatie" in mail.outbox[-1].body


def test_approved_resident_request_waits_for_payment(approval_room, alice, clerk, far_day):
    booking = services.approve_booking(booking=book(approval_room, alice, far_day), staff=clerk)
    assert booking.state == BookingState.AWAITING_PAYMENT
    assert booking.order.status == OrderStatus.OPEN
    assert booking.order.expires_at > booking.created_at + dt.timedelta(days=7)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"start_day_offset": -200}, "start", "verleden"),
        ({"start": 6, "end": 9}, "start", "niet open"),
        ({"people": 81}, "people", "hoogstens 80"),
        ({"people": 61, "layout": "tables"}, "people", "hoogstens 60"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_held(
    instant_room, alice, far_day, change, field, message
):
    day = far_day + dt.timedelta(days=change.pop("start_day_offset", 0))
    kwargs = {}
    if "start" in change:
        kwargs["start"], kwargs["end"] = local(day, change.pop("start")), local(day, change.pop("end"))
    kwargs.update(change)
    with pytest.raises(RoomHireError) as error:
        book(instant_room, alice, day, **kwargs)
    assert error.value.field == field
    assert message in str(error.value)
    assert not Booking.objects.exists() and not Allocation.objects.exists() and not Order.objects.exists()


def test_member_who_is_no_booker_cannot_book_for_the_association(instant_room, carol, club, far_day):
    with pytest.raises(RoomHireError) as error:
        book(instant_room, carol, far_day, association=club)
    assert error.value.field == "booked_for"
    assert "KFC Dorpsveld" in str(error.value)
    assert not Allocation.objects.exists()


def test_category_not_allowed_is_refused(instant_room, alice, far_day):
    instant_room.allowed_categories = ["recognised_association"]
    instant_room.save()
    with pytest.raises(RoomHireError, match="niet te huur"):
        book(instant_room, alice, far_day)


def test_extra_of_another_room_is_refused(instant_room, approval_room, alice, far_day):
    foreign = RoomExtraFactory(room=approval_room)
    with pytest.raises(RoomHireError, match="hoort niet bij deze zaal"):
        book(instant_room, alice, far_day, extras=[foreign])
    assert not Allocation.objects.exists()


def test_second_customer_gets_no_longer_free(instant_room, alice, bob, far_day):
    book(instant_room, alice, far_day)
    with pytest.raises(RoomHireError, match="niet meer vrij"):
        book(instant_room, bob, far_day, start=local(far_day, 16), end=local(far_day, 18))
    assert Booking.objects.count() == 1


@pytest.mark.parametrize(
    ("days_ahead", "fee", "refunded"), [(120, "0.00", "45.00"), (60, "11.25", "33.75"), (10, "45.00", None)]
)
def test_cancellation_fee_follows_the_rooms_rules(instant_room, alice, clerk, days_ahead, fee, refunded):
    from django.utils import timezone

    day = timezone.localdate() + dt.timedelta(days=days_ahead)
    booking = book(instant_room, alice, day)
    payment_services.record_counter_payment(
        order=booking.order, amount=Decimal("45.00"), method="cash", staff=clerk
    )

    booking = services.cancel_booking(booking=Booking.objects.get(pk=booking.pk), by=alice)

    assert booking.state == BookingState.CANCELLED
    assert booking.cancellation_fee == Decimal(fee)
    refunds = list(booking.order.refunds.values_list("amount", flat=True))
    assert refunds == ([Decimal(refunded)] if refunded else [])
    assert Allocation.objects.get(pk=booking.allocation_id).state == AllocationState.RELEASED


def test_cancelling_an_unpaid_booking_cancels_its_order(instant_room, alice, far_day):
    booking = services.cancel_booking(booking=book(instant_room, alice, far_day), by=alice)
    booking.order.refresh_from_db()
    assert booking.order.status == OrderStatus.CANCELLED
    assert booking.state == BookingState.CANCELLED


def test_move_keeps_the_duration_and_refuses_a_taken_slot(instant_room, alice, bob, far_day):
    mine = book(instant_room, alice, far_day)
    book(instant_room, bob, far_day + dt.timedelta(days=1))

    moved = services.move_booking(booking=mine, start=local(far_day, 18))
    assert (moved.start, moved.end) == (local(far_day, 18), local(far_day, 21))
    with pytest.raises(RoomHireError, match="niet meer vrij"):
        services.move_booking(booking=mine, start=local(far_day + dt.timedelta(days=1), 15))
    mine.refresh_from_db()
    assert mine.start == local(far_day, 18)


def test_free_booking_is_confirmed_at_once(instant_room, alice, far_day):
    from tests.reservations.rooms.factories import give_tariffs

    give_tariffs(instant_room, hourly={"resident": "0.00"})
    booking = book(instant_room, alice, far_day)
    assert booking.state == BookingState.CONFIRMED
    assert booking.order.status == OrderStatus.PAID and booking.order.total == 0
