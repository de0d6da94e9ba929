"""Room hire per municipality: each site shows its own rooms, tariffs follow the room's municipality, and
staff only see (and act on) the bookings of the municipalities they serve."""

import pytest
from django.urls import reverse

from cms import staff as staff_groups
from cms.services import ensure_staff_groups
from reservations.rooms import services
from reservations.rooms.models import BookingState, RoomMode
from tests.accounts.factories import MunicipalityFactory, UserFactory, map_site
from tests.cms.factories import build_site
from tests.reservations.rooms.conftest import local
from tests.reservations.rooms.factories import RoomFactory, VenueFactory, give_tariffs, open_every_day
from tests.reservations.rooms.test_public_pages import form_data

pytestmark = pytest.mark.django_db

HEUVELRODE_HOST = "heuvelrode.localhost"


@pytest.fixture
def heuvelrode():
    municipality = MunicipalityFactory.heuvelrode()
    map_site(build_site(name="Heuvelrode", hostname=HEUVELRODE_HOST, is_default=False), municipality)
    return municipality


@pytest.fixture
def linde_room(heuvelrode):
    venue = VenueFactory(municipality=heuvelrode, name="Zaal De Eik", slug="zaal-de-eik", city="Heuvelrode")
    room = RoomFactory(venue=venue, name="Grote zaal Eik", slug="grote-zaal-eik", mode=RoomMode.ON_APPROVAL)
    give_tariffs(room)
    open_every_day(room.resource)
    return room


@pytest.fixture
def henk(db):
    """A resident of Heuvelrode."""
    return UserFactory(email="henk@example.be", first_name="Henk", last_name="Heuvel", postal_code="9990")


@pytest.fixture
def dorpsveld_desk(dorpsveld):
    ensure_staff_groups()
    from django.contrib.auth.models import Group

    user = UserFactory(email="zalen@dorpsveld.be", is_staff=True)
    user.groups.add(Group.objects.get(name=staff_groups.ROOM_HIRE))
    user.staff_municipalities.add(dorpsveld)
    return user


def test_heuvelrode_site_lists_only_its_own_rooms_and_the_other_slug_is_a_404(
    client, approval_room, linde_room
):
    html = client.get(reverse("rooms:room_list"), HTTP_HOST=HEUVELRODE_HOST).content.decode()
    assert "Grote zaal Eik" in html and "Feestzaal" not in html
    assert client.get(linde_room.get_absolute_url(), HTTP_HOST=HEUVELRODE_HOST).status_code == 200
    foreign = client.get(approval_room.get_absolute_url(), HTTP_HOST=HEUVELRODE_HOST)
    assert foreign.status_code == 404
    dorpsveld_html = client.get(reverse("rooms:room_list")).content.decode()
    assert "Feestzaal" in dorpsveld_html and "Grote zaal Eik" not in dorpsveld_html
    assert client.get(linde_room.get_absolute_url()).status_code == 404


def test_booking_another_municipalitys_room_on_this_site_is_a_404_and_saves_nothing(
    client, henk, approval_room, linde_room, far_day
):
    client.force_login(henk)
    url = reverse("rooms:room_book", args=[approval_room.slug])
    assert client.post(url, form_data(far_day), HTTP_HOST=HEUVELRODE_HOST).status_code == 404
    assert not approval_room.bookings.exists()


def test_heuvelrode_resident_pays_resident_rate_in_heuvelrode_and_non_resident_rate_in_dorpsveld(
    client, henk, approval_room, linde_room, far_day
):
    client.force_login(henk)
    own = client.post(
        reverse("rooms:room_book", args=[linde_room.slug]),
        form_data(far_day, step="quote"),
        HTTP_HOST=HEUVELRODE_HOST,
    ).content.decode()
    other = client.post(
        reverse("rooms:room_book", args=[approval_room.slug]), form_data(far_day, step="quote")
    ).content.decode()
    assert "€ 45,00" in own  # 3 hours × 15.00 resident
    assert "€ 90,00" in other and "€ 45,00" not in other  # 3 hours × 30.00 non-resident
    assert services.category_for_booking(
        customer=henk, association=None, municipality=linde_room.municipality
    ) == ("resident")


def test_association_is_recognised_only_in_its_own_municipality(club, approval_room, linde_room, bob):
    assert club.municipality.slug == "dorpsveld"
    mine = services.category_for_booking(
        customer=bob, association=club, municipality=approval_room.municipality
    )
    theirs = services.category_for_booking(
        customer=bob, association=club, municipality=linde_room.municipality
    )
    assert (mine, theirs) == ("recognised_association", "other_association")


def test_dorpsveld_desk_gets_404_on_heuvelrode_bookings_and_sees_only_its_own(
    client, dorpsveld_desk, clerk, henk, alice, approval_room, linde_room, far_day
):
    theirs = services.request_booking(
        room=linde_room,
        customer=henk,
        start=local(far_day, 14),
        end=local(far_day, 17),
        purpose="Feest",
        people=50,
    )
    ours = services.request_booking(
        room=approval_room,
        customer=alice,
        start=local(far_day, 14),
        end=local(far_day, 17),
        purpose="Feest",
        people=50,
    )
    client.force_login(dorpsveld_desk)
    assert client.get(reverse("rooms_admin_booking", args=[ours.pk])).status_code == 200
    assert client.get(reverse("rooms_admin_booking", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("rooms_admin_approve", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("rooms_admin_reject", args=[theirs.pk]), {"reason": "Nee"}).status_code == 404
    assert client.post(reverse("rooms_admin_cancel", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == BookingState.REQUESTED
    inbox = client.get(reverse("rooms_admin_inbox")).content.decode()
    assert "Grote zaal Eik" not in inbox and "Feestzaal" in inbox
    sheet = client.get(
        reverse("rooms_admin_day_sheet"), {"locatie": linde_room.venue_id, "dag": far_day.isoformat()}
    ).content.decode()
    assert "henk@example.be" not in sheet
    rooms_index = client.get(reverse("wagtailsnippets_rooms_room:list")).content.decode()
    assert "Feestzaal" in rooms_index and "Grote zaal Eik" not in rooms_index
    edit = reverse("wagtailsnippets_rooms_venue:edit", args=[linde_room.venue_id])
    assert client.get(edit).status_code == 404

    client.force_login(clerk)  # a superuser sees both municipalities
    inbox = client.get(reverse("rooms_admin_inbox")).content.decode()
    assert "Grote zaal Eik" in inbox and "Feestzaal" in inbox
    assert client.get(reverse("rooms_admin_booking", args=[theirs.pk])).status_code == 200
