import pytest

from payments.models import Tariff
from reservations.rooms import demo as demo_rooms
from reservations.rooms.models import Room, RoomMode

pytestmark = pytest.mark.django_db


def test_demo_has_a_composite_sports_hall_instant_and_approval_rooms_and_is_idempotent():
    demo_rooms.load()
    counts = (Room.objects.count(), Tariff.objects.count())
    demo_rooms.load()

    assert (Room.objects.count(), Tariff.objects.count()) == counts
    hall = Room.objects.get(slug="sporthal")
    assert hall.resource.parts.count() == 3
    assert Room.objects.filter(mode=RoomMode.INSTANT).exists()
    assert Room.objects.filter(mode=RoomMode.ON_APPROVAL).exists()
    resident = Tariff.objects.get(target_object_id=hall.pk, category="resident", unit="hour").price
    club = Tariff.objects.get(target_object_id=hall.pk, category="recognised_association", unit="hour").price
    assert club < resident
