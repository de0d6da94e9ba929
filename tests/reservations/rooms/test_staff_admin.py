"""Staff in the Wagtail admin: approval inbox, approve/reject, day sheet, counter mode, season requests."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from calendars.models import Allocation, AllocationState
from payments.models import Basket
from reservations.rooms import services
from reservations.rooms.models import (
    Booking,
    BookingChannel,
    BookingState,
    SeasonOccurrence,
    SeasonRequestState,
)
from tests.reservations.rooms.conftest import local

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_of_alice(approval_room, alice, far_day):
    return services.request_booking(
        room=approval_room,
        customer=alice,
        start=local(far_day, 14),
        end=local(far_day, 17),
        purpose="Feest",
        people=50,
    )


def test_inbox_lists_requests_oldest_first_and_staff_approve(
    client, clerk, request_of_alice, approval_room, bob, far_day
):
    later = services.request_booking(
        room=approval_room,
        customer=bob,
        start=local(far_day, 18),
        end=local(far_day, 20),
        purpose="Vergadering",
        people=9,
    )
    client.force_login(clerk)
    html = client.get(reverse("rooms_admin_inbox")).content.decode()
    first = html.index(reverse("rooms_admin_booking", args=[request_of_alice.pk]))
    assert first < html.index(reverse("rooms_admin_booking", args=[later.pk]))

    response = client.post(reverse("rooms_admin_approve", args=[request_of_alice.pk]))
    assert response.status_code == 302
    request_of_alice.refresh_from_db()
    assert request_of_alice.state == BookingState.AWAITING_PAYMENT
    assert ModelLogEntry.objects.filter(action="rooms.booking.approve", user=clerk).count() == 1


def test_reject_needs_a_reason_next_to_the_field(client, clerk, request_of_alice):
    client.force_login(clerk)
    response = client.post(reverse("rooms_admin_reject", args=[request_of_alice.pk]), {"reason": ""})
    assert response.status_code == 400
    request_of_alice.refresh_from_db()
    assert request_of_alice.state == BookingState.REQUESTED

    client.post(
        reverse("rooms_admin_reject", args=[request_of_alice.pk]), {"reason": "Dubbel gevraagd"}
    )
    request_of_alice.refresh_from_db()
    assert request_of_alice.state == BookingState.REJECTED


def test_residents_cannot_open_the_inbox(client, alice, request_of_alice):
    client.force_login(alice)
    response = client.get(reverse("rooms_admin_inbox"))
    assert response.status_code in (302, 403)


def test_day_sheet_shows_who_comes_with_extras(client, clerk, request_of_alice, far_day):
    client.force_login(clerk)
    html = client.get(
        reverse("rooms_admin_day_sheet"),
        {"locatie": request_of_alice.room.venue_id, "dag": far_day.isoformat()},
    ).content.decode()
    assert "14:00–17:00" in html and "alice@example.be" in html


def test_counter_mode_books_for_a_resident_and_takes_cash(client, clerk, alice, instant_room, far_day):
    client.force_login(clerk)
    response = client.post(
        reverse("rooms_admin_counter_book"),
        {
            "room": instant_room.pk,
            "customer_email": "alice@example.be",
            "date": far_day.isoformat(),
            "start_time": "10:00",
            "end_time": "12:00",
            "booked_for": "self",
            "purpose": "Buurtvergadering",
            "people": "20",
            "layout": "tables",
        },
    )
    booking = Booking.objects.get()
    basket_url = reverse("payments_admin:counter_basket") + "?email=alice%40example.be"
    assert response.status_code == 302 and response.url == basket_url
    assert (
        booking.channel == BookingChannel.COUNTER
        and booking.created_by == clerk
        and booking.customer == alice
        and booking.order is None
    )
    page = client.get(basket_url).content.decode()
    assert "Baliemandje van Alice" in page and "€ 30,00" in page
    basket = Basket.objects.get(user=alice, channel="counter", status="open")
    assert basket.served_by == clerk

    response = client.post(reverse("payments_admin:counter_basket_checkout", args=[basket.pk]))
    booking.refresh_from_db()
    assert booking.order.channel == "counter" and booking.order.total == Decimal("30.00")
    assert response.url == reverse("payments_admin:order", args=[booking.order.pk])
    client.post(
        response.url,
        {"action": "counter", "counter-amount": "30.00", "counter-method": "cash", "counter-note": ""},
    )
    booking.refresh_from_db()
    assert booking.state == BookingState.CONFIRMED


def test_season_request_staff_approve_part_and_taken_weeks_are_declined(
    client, clerk, bob, club, approval_room, alice
):
    from django.utils import timezone

    first = timezone.localdate() + dt.timedelta(days=30)
    season = services.request_season(
        room=approval_room,
        association=club,
        requested_by=bob,
        weekday=first.weekday(),
        start_time=dt.time(19),
        end_time=dt.time(21),
        first_date=first,
        last_date=first + dt.timedelta(days=27),
        purpose="Training",
        people=20,
    )
    weeks = list(season.occurrences.all())
    assert len(weeks) == 4
    taken = services.request_booking(
        room=approval_room, customer=alice, start=weeks[1].start, end=weeks[1].end, purpose="x", people=5
    )
    client.force_login(clerk)
    page = client.get(reverse("rooms_admin_season", args=[season.pk])).content.decode()
    assert "bezet" in page

    client.post(
        reverse("rooms_admin_season_decide", args=[season.pk]),
        {"approve": [weeks[0].pk, weeks[1].pk, weeks[3].pk]},
    )
    season.refresh_from_db()
    results = list(season.occurrences.values_list("result", flat=True))
    assert season.state == SeasonRequestState.PARTLY_APPROVED
    assert results == ["approved", "declined", "declined", "approved"]
    assert "bezet" in SeasonOccurrence.objects.get(pk=weeks[1].pk).reason
    assert Allocation.objects.filter(series=season.series, state=AllocationState.CONFIRMED).count() == 2
    assert taken.allocation.state == AllocationState.HELD


def test_season_request_refuses_a_member_who_is_not_a_booker(carol, club, approval_room):
    from django.utils import timezone

    from reservations.rooms.errors import RoomHireError

    first = timezone.localdate() + dt.timedelta(days=30)
    with pytest.raises(RoomHireError):
        services.request_season(
            room=approval_room,
            association=club,
            requested_by=carol,
            weekday=0,
            start_time=dt.time(19),
            end_time=dt.time(21),
            first_date=first,
            last_date=first + dt.timedelta(days=60),
            purpose="x",
            people=5,
        )
