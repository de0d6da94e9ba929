"""Staff manage resources in the Wagtail admin and see a resource's week with every allocation."""

import datetime as dt

import pytest

from calendars import services
from calendars.models import Resource
from tests.calendars.conftest import at
from tests.calendars.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return UserFactory(email="carla@gemeente.be", first_name="Carla", is_staff=True, is_superuser=True)


def test_staff_create_a_room_with_opening_hours_and_a_closure(client, staff):
    client.force_login(staff)
    add_page = client.get("/admin/snippets/calendars/resource/add/")
    assert add_page.status_code == 200
    assert "Openingsuren" in add_page.content.decode()
    data = {
        "name": "Zaal De Linde",
        "kind": "space",
        "capacity": "1",
        "is_active": "on",
        "timezone": "Europe/Brussels",
        "closed_on_public_holidays": "on",
        "buffer_before": "0:00:00",
        "buffer_after": "0:30:00",
        "lead_time": "0:00:00",
        "opening_hours-TOTAL_FORMS": "2",
        "opening_hours-INITIAL_FORMS": "0",
        "opening_hours-MIN_NUM_FORMS": "0",
        "opening_hours-MAX_NUM_FORMS": "1000",
        "opening_hours-0-weekday": "0",
        "opening_hours-0-opens": "08:00",
        "opening_hours-0-closes": "12:00",
        "opening_hours-0-ORDER": "1",
        "opening_hours-0-id": "",
        "opening_hours-0-DELETE": "",
        "opening_hours-1-weekday": "0",
        "opening_hours-1-opens": "13:00",
        "opening_hours-1-closes": "22:00",
        "opening_hours-1-ORDER": "2",
        "opening_hours-1-id": "",
        "opening_hours-1-DELETE": "",
        "closures-TOTAL_FORMS": "1",
        "closures-INITIAL_FORMS": "0",
        "closures-MIN_NUM_FORMS": "0",
        "closures-MAX_NUM_FORMS": "1000",
        "closures-0-start_date": "2030-07-01",
        "closures-0-end_date": "2030-07-31",
        "closures-0-reason": "Zomersluiting",
        "closures-0-ORDER": "1",
        "closures-0-id": "",
        "closures-0-DELETE": "",
    }
    response = client.post("/admin/snippets/calendars/resource/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    room = Resource.objects.get(name="Zaal De Linde")
    assert room.opening_hours.count() == 2
    assert room.closures.get().reason == "Zomersluiting"
    assert room.buffer_after == dt.timedelta(minutes=30)


def test_week_view_shows_every_allocation_with_its_state(client, staff, room, alice, now):
    services.allocate(
        resources=room,
        start=at(2030, 3, 5, 19),
        end=at(2030, 3, 5, 21),
        confirm=True,
        holder=alice,
        title="Repetitie koor",
        now=now,
    )
    client.force_login(staff)
    response = client.get(f"/admin/kalender/week/{room.pk}/?week=2030-03-06")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Repetitie koor" in page
    assert "Bevestigd" in page
    assert client.get("/admin/kalender/week/").status_code == 200
    assert client.get("/admin/kalender/week/999999/").status_code == 404


def test_residents_cannot_open_the_staff_week_view(client, alice, room):
    client.force_login(alice)
    response = client.get(f"/admin/kalender/week/{room.pk}/")
    assert response.status_code in {302, 403}
