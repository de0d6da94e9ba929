"""The divisible sports hall, the association's calendar feed, and editing a room in the admin."""

import pytest
from django.urls import reverse

from calendars.selectors import confirmed_allocations_for_holder
from reservations.rooms import demo as demo_rooms
from reservations.rooms import services
from reservations.rooms.errors import RoomHireError
from reservations.rooms.models import Room
from tests.accounts.factories import MunicipalityFactory
from tests.reservations.rooms.conftest import local

pytestmark = pytest.mark.django_db


def test_booking_a_part_blocks_the_whole_sports_hall_and_the_other_parts_stay_free(alice, bob, far_day):
    MunicipalityFactory.heuvelrode()
    demo_rooms.load()
    part_a, part_b, whole = (
        Room.objects.get(slug=s) for s in ("sporthal-deel-a", "sporthal-deel-b", "sporthal")
    )
    services.request_booking(
        room=part_a,
        customer=alice,
        start=local(far_day, 19),
        end=local(far_day, 21),
        purpose="Badminton",
        people=8,
    )

    with pytest.raises(RoomHireError, match="niet meer vrij"):
        services.request_booking(
            room=whole,
            customer=bob,
            start=local(far_day, 20),
            end=local(far_day, 22),
            purpose="Turnen",
            people=50,
        )
    services.request_booking(
        room=part_b,
        customer=bob,
        start=local(far_day, 19),
        end=local(far_day, 21),
        purpose="Volley",
        people=12,
    )


def test_confirmed_club_booking_appears_in_the_association_feed(approval_room, bob, club, clerk, far_day):
    booking = services.request_booking(
        room=approval_room,
        customer=bob,
        association=club,
        start=local(far_day, 18),
        end=local(far_day, 22),
        purpose="Clubfeest",
        people=120,
    )
    services.approve_booking(booking=booking, staff=clerk)
    assert [a.pk for a in confirmed_allocations_for_holder(holder=club)] == [booking.allocation_id]


def test_staff_tick_the_categories_that_may_book_a_room(client, clerk, instant_room):
    client.force_login(clerk)
    url = reverse("wagtailsnippets_rooms_room:edit", args=[instant_room.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'type="checkbox" name="allowed_categories"' in page.content.decode()
