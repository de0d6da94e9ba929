import pytest

from payments.models import Tariff
from reservations.rooms import demo as demo_rooms
from reservations.rooms.models import Room, RoomMode
from tests.accounts.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_demo_has_a_composite_sports_hall_instant_and_approval_rooms_and_is_idempotent():
    MunicipalityFactory.heuvelrode()
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


def test_demo_gives_each_municipality_its_own_venues_and_rooms():
    heuvelrode = MunicipalityFactory.heuvelrode()
    demo_rooms.load()
    dorpsveld_rooms = Room.objects.filter(venue__municipality__slug="dorpsveld")
    assert dorpsveld_rooms.count() == 8
    assert dorpsveld_rooms.values("venue").distinct().count() == 3
    eik = Room.objects.filter(venue__municipality=heuvelrode)
    assert {room.mode for room in eik} == {RoomMode.INSTANT, RoomMode.ON_APPROVAL}
    assert all(Tariff.objects.filter(target_object_id=room.pk, category="resident").exists() for room in eik)
