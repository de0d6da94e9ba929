"""The public room pages and the booking form, as a browser would POST them (tampering included)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from calendars.models import Allocation
from reservations.rooms import services
from reservations.rooms.models import Booking, BookingState
from tests.associations.factories import AssociationFactory
from tests.reservations.rooms.conftest import local
from tests.reservations.rooms.factories import RoomExtraFactory

pytestmark = pytest.mark.django_db


def form_data(day, **overrides):
    data = {
        "date": day.isoformat(),
        "start_time": "14:00",
        "end_time": "17:00",
        "booked_for": "self",
        "purpose": "Verjaardagsfeest",
        "people": "40",
        "layout": "standing",
        "step": "confirm",
    }
    data.update(overrides)
    return data


def test_room_list_filters_on_capacity_equipment_and_free_time(
    client, instant_room, approval_room, alice, far_day
):
    services.request_booking(
        room=instant_room,
        customer=alice,
        start=local(far_day, 14),
        end=local(far_day, 17),
        purpose="x",
        people=5,
    )
    url = reverse("rooms:room_list")

    assert "Polyvalente zaal" in client.get(url).content.decode()
    big = client.get(url, {"people": 150}).content.decode()
    assert "Feestzaal" in big and "Polyvalente zaal" not in big
    free = client.get(
        url, {"date": far_day.isoformat(), "start_time": "15:00", "end_time": "16:00"}
    ).content.decode()
    assert "Feestzaal" in free and "Polyvalente zaal" not in free
    assert "Feestzaal" not in client.get(url, {"equipment": ["has_stage"]}).content.decode()


def test_room_page_shows_an_accessible_month_and_week_calendar(client, instant_room, alice, far_day):
    services.request_booking(
        room=instant_room,
        customer=alice,
        start=local(far_day, 14),
        end=local(far_day, 17),
        purpose="x",
        people=5,
    )
    month = client.get(instant_room.get_absolute_url(), {"maand": f"{far_day.year}-{far_day.month:02d}"})
    html = month.content.decode()
    assert "<caption>" in html and 'scope="col"' in html
    assert "deels bezet" in html and "vrij" in html
    assert 'rel="next"' in html and 'rel="prev"' in html

    week = client.get(instant_room.get_absolute_url(), {"weergave": "week", "week": far_day.isoformat()})
    assert "14:00–17:00" in week.content.decode()
    assert "Alice" not in week.content.decode()


def test_quote_step_shows_the_itemised_price_and_holds_nothing(client, instant_room, alice, far_day):
    cleaning = RoomExtraFactory(room=instant_room)
    client.force_login(alice)
    response = client.post(
        reverse("rooms:room_book", args=[instant_room.slug]),
        form_data(far_day, step="quote", extras=[cleaning.pk]),
    )
    html = response.content.decode()
    assert "€ 45,00" in html and "Schoonmaak achteraf" in html and "€ 90,00" in html
    assert not Allocation.objects.exists()


def test_confirming_an_instant_room_puts_it_in_the_basket_and_checkout_leads_to_payment(
    client, instant_room, alice, far_day
):
    client.force_login(alice)
    response = client.post(reverse("rooms:room_book", args=[instant_room.slug]), form_data(far_day))
    booking = Booking.objects.get()
    assert response.status_code == 302 and response.url == reverse("payments:basket")
    assert booking.state == BookingState.AWAITING_PAYMENT and booking.order is None
    page = client.get(reverse("payments:basket")).content.decode()
    assert "Polyvalente zaal" in page and "45.00" in page.replace(",", ".")

    response = client.post(reverse("payments:basket_checkout"))
    booking.refresh_from_db()
    assert response.url == reverse("payments:choose", args=[booking.order.number])
    assert booking.order.total == Decimal("45.00")


def test_tampered_price_and_room_fields_change_nothing(client, instant_room, approval_room, alice, far_day):
    client.force_login(alice)
    client.post(
        reverse("rooms:room_book", args=[instant_room.slug]),
        form_data(far_day, price="0.01", total="0.01", room=approval_room.pk, room_id=approval_room.pk),
    )
    client.post(reverse("payments:basket_checkout"))
    booking = Booking.objects.get()
    assert booking.room == instant_room
    assert booking.order.total == Decimal("45.00")


def test_tampered_association_id_is_refused_and_nothing_is_held(client, instant_room, alice, far_day):
    strangers = AssociationFactory(name="Vreemde club")
    client.force_login(alice)
    response = client.post(
        reverse("rooms:room_book", args=[instant_room.slug]),
        form_data(far_day, booked_for=strangers.pk),
    )
    assert response.status_code == 200
    assert "geldige keuze" in response.content.decode() or "geldige optie" in response.content.decode()
    assert not Booking.objects.exists() and not Allocation.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"date": "2020-01-06"}, "verleden"),
        ({"start_time": "06:00", "end_time": "07:00"}, "niet open"),
        ({"people": "500"}, "hoogstens 80"),
    ],
)
def test_bad_input_shows_a_message_next_to_the_field(
    client, instant_room, alice, far_day, overrides, message
):
    client.force_login(alice)
    response = client.post(
        reverse("rooms:room_book", args=[instant_room.slug]), form_data(far_day, **overrides)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html and 'aria-invalid="true"' in html
    assert not Allocation.objects.exists()


def test_my_bookings_lists_own_and_association_bookings_but_not_others(
    client, instant_room, approval_room, alice, bob, club, far_day
):
    mine = services.request_booking(
        room=instant_room,
        customer=bob,
        start=local(far_day, 14),
        end=local(far_day, 17),
        purpose="Eigen",
        people=5,
    )
    alices = services.request_booking(
        room=approval_room,
        customer=alice,
        start=local(far_day, 14),
        end=local(far_day, 17),
        purpose="x",
        people=5,
    )
    client.force_login(bob)
    html = client.get(reverse("rooms:my_bookings")).content.decode()
    assert reverse("rooms:room_booking_detail", args=[mine.pk]) in html
    assert reverse("rooms:room_booking_detail", args=[alices.pk]) not in html
    assert client.get(reverse("rooms:room_booking_detail", args=[alices.pk])).status_code == 404
    assert client.post(reverse("rooms:room_booking_cancel", args=[alices.pk])).status_code == 404


def test_customer_cancels_and_moves_from_the_booking_page(client, instant_room, alice, far_day):
    booking = services.request_booking(
        room=instant_room,
        customer=alice,
        start=local(far_day, 14),
        end=local(far_day, 17),
        purpose="x",
        people=5,
    )
    client.force_login(alice)
    detail = reverse("rooms:room_booking_detail", args=[booking.pk])
    moved = client.post(
        reverse("rooms:room_booking_move", args=[booking.pk]),
        {"date": (far_day + dt.timedelta(days=1)).isoformat(), "start_time": "10:00"},
    )
    assert moved.status_code == 302 and moved.url == detail
    booking.refresh_from_db()
    assert booking.start == local(far_day + dt.timedelta(days=1), 10)

    client.post(reverse("rooms:room_booking_cancel", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.state == BookingState.CANCELLED
    assert "Geannuleerd" in client.get(detail).content.decode()


def test_room_page_shows_the_price_list_per_category(client, instant_room):
    html = client.get(instant_room.get_absolute_url()).content.decode()
    assert "Tarieven" in html and "Erkende lokale vereniging" in html and "€ 5,00" in html


def test_association_sees_the_result_of_its_season_request(client, bob, club, clerk, approval_room):
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
        last_date=first + dt.timedelta(days=13),
        purpose="Training",
        people=20,
    )
    weeks = list(season.occurrences.all())
    services.decide_season_request(
        season=season, staff=clerk, approve_ids=[weeks[0].pk], note="Week 2 is bezet"
    )
    client.force_login(bob)
    html = client.get(reverse("rooms:my_bookings")).content.decode()
    assert "Gedeeltelijk goedgekeurd" in html and "Week 2 is bezet" in html
    assert html.count("Toegekend") == 1 and "Niet toegekend" in html


def test_season_request_form_creates_the_weeks(client, bob, club, approval_room):
    from django.utils import timezone

    from reservations.rooms.models import SeasonRequest

    first = timezone.localdate() + dt.timedelta(days=30)
    client.force_login(bob)
    response = client.post(
        reverse("rooms:room_season_request", args=[approval_room.slug]),
        {
            "association": club.pk,
            "weekday": first.weekday(),
            "start_time": "19:00",
            "end_time": "21:00",
            "first_date": first.isoformat(),
            "last_date": (first + dt.timedelta(days=20)).isoformat(),
            "purpose": "Training",
            "people": "20",
        },
    )
    assert response.status_code == 302
    assert SeasonRequest.objects.get().occurrences.count() == 3
