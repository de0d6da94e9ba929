"""Every staff action on a booking or season request writes exactly one audit entry, and the action URLs
refuse a GET (405) without changing anything."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from reservations.rooms import services
from reservations.rooms.models import Booking, BookingState, SeasonRequest, SeasonRequestState
from tests.reservations.rooms.conftest import local

pytestmark = pytest.mark.django_db


@pytest.fixture
def option_of_alice(approval_room, alice, far_day):
    return services.request_booking(
        room=approval_room,
        customer=alice,
        start=local(far_day, 14),
        end=local(far_day, 17),
        purpose="Feest",
        people=50,
    )


@pytest.fixture
def unpaid_booking_of_alice(instant_room, alice, far_day):
    return services.request_booking(
        room=instant_room,
        customer=alice,
        start=local(far_day, 10),
        end=local(far_day, 12),
        purpose="Les",
        people=10,
    )


@pytest.fixture
def season_of_club(approval_room, club, bob):
    first = timezone.localdate() + dt.timedelta(days=30)
    return services.request_season(
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


def _counter_data(room, far_day):
    return {
        "room": room.pk,
        "customer_email": "alice@example.be",
        "date": far_day.isoformat(),
        "start_time": "14:00",
        "end_time": "16:00",
        "booked_for": "self",
        "purpose": "Buurtvergadering",
        "people": "20",
        "layout": "tables",
    }


@pytest.fixture
def action(request, option_of_alice, unpaid_booking_of_alice, season_of_club, instant_room, far_day):
    """(url, POST data, expected log action, the object whose state must not move on a GET)."""
    name = request.param
    if name == "approve":
        return reverse("rooms_admin_approve", args=[option_of_alice.pk]), {}, "rooms.booking.approve"
    if name == "reject":
        url = reverse("rooms_admin_reject", args=[option_of_alice.pk])
        return url, {"reason": "De zaal is in onderhoud."}, "rooms.booking.reject"
    if name == "cancel":
        url = reverse("rooms_admin_cancel", args=[unpaid_booking_of_alice.pk])
        return url, {}, "rooms.booking.cancel"
    if name == "season_decide":
        ids = list(season_of_club.occurrences.values_list("pk", flat=True))
        url = reverse("rooms_admin_season_decide", args=[season_of_club.pk])
        return url, {"approve": ids, "note": "Veel succes"}, "rooms.season.decide"
    if name == "counter_book":
        return (
            reverse("rooms_admin_counter_book"),
            _counter_data(instant_room, far_day),
            "rooms.booking.counter",
        )
    raise AssertionError(name)


ACTIONS = ["approve", "reject", "cancel", "season_decide", "counter_book"]


def _snapshot():
    bookings = sorted(Booking.objects.values_list("pk", "state", "start", "end"))
    seasons = sorted(SeasonRequest.objects.values_list("pk", "state"))
    return bookings, seasons, ModelLogEntry.objects.count()


@pytest.mark.parametrize("action", ACTIONS, indirect=True)
def test_each_staff_action_writes_exactly_one_audit_entry(client, clerk, action):
    url, data, log_action = action
    client.force_login(clerk)
    assert not ModelLogEntry.objects.exists()

    response = client.post(url, data)

    assert response.status_code == 302
    (entry,) = ModelLogEntry.objects.all()
    assert entry.action == log_action and entry.user == clerk


@pytest.mark.parametrize("action", ACTIONS, indirect=True)
def test_a_get_on_an_action_url_is_refused_and_changes_nothing(client, clerk, action):
    url, _data, _log_action = action
    client.force_login(clerk)
    before = _snapshot()

    response = client.get(url)

    assert response.status_code == 405
    assert _snapshot() == before


def test_the_decisions_really_happened(client, clerk, option_of_alice, season_of_club):
    """The audit entry is not all: the approve and season decision changed the state staff see."""
    client.force_login(clerk)
    client.post(reverse("rooms_admin_approve", args=[option_of_alice.pk]))
    ids = list(season_of_club.occurrences.values_list("pk", flat=True))
    client.post(reverse("rooms_admin_season_decide", args=[season_of_club.pk]), {"approve": ids})
    option_of_alice.refresh_from_db()
    season_of_club.refresh_from_db()
    assert option_of_alice.state == BookingState.AWAITING_PAYMENT
    assert season_of_club.state == SeasonRequestState.APPROVED
