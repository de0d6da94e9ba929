"""Feeds round-trip through icalendar and list exactly the confirmed allocations."""

import datetime as dt

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar
from recurrence import WEEKLY, Recurrence, Rule

from calendars import ical, services
from calendars.models import Allocation, AllocationState
from tests.calendars.conftest import BRUSSELS, at

pytestmark = pytest.mark.django_db


def _expand(body: bytes) -> tuple[list[dt.datetime], list[str]]:
    """Every start moment the calendar app will show (in UTC), and the UIDs."""
    cal = Calendar.from_ical(body)
    starts, uids = [], []
    for event in cal.walk("VEVENT"):
        uids.append(str(event["UID"]))
        dtstart = event.decoded("DTSTART")
        if "RRULE" in event:
            rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=dtstart)
            exdates = event.get("EXDATE", [])
            exdates = exdates if isinstance(exdates, list) else [exdates]
            skipped = {d.dt.astimezone(dt.UTC) for ex in exdates for d in ex.dts}
            starts += [s.astimezone(dt.UTC) for s in rule if s.astimezone(dt.UTC) not in skipped]
        else:
            starts.append(dtstart.astimezone(dt.UTC))
    return sorted(starts), uids


@pytest.fixture
def season(room, alice, bob, now):
    """Alice's weekly training (one evening cancelled, one moved), her party; Bob's held and cancelled."""
    result = services.allocate_series(
        resources=room,
        recurrence=Recurrence(rrules=[Rule(WEEKLY)]),
        local_start_date=dt.date(2030, 3, 7),
        local_start_time=dt.time(19),
        duration=dt.timedelta(hours=2),
        until=at(2030, 11, 30),
        confirm=True,
        holder=alice,
        title="Training volleybal",
        now=now,
    )
    occurrences = [o.allocations[0] for o in result.allocated]
    services.release(allocations=occurrences[3], now=now)
    services.move(allocation=occurrences[5], start=at(2030, 4, 12, 20), end=at(2030, 4, 12, 22), now=now)
    services.allocate(
        resources=room,
        start=at(2030, 6, 1, 14),
        end=at(2030, 6, 1, 23),
        confirm=True,
        holder=alice,
        title="Feest",
        now=now,
    )
    services.allocate(resources=room, start=at(2030, 6, 2, 14), end=at(2030, 6, 2, 18), holder=bob, now=now)
    (cancelled,) = services.allocate(
        resources=room, start=at(2030, 6, 3, 14), end=at(2030, 6, 3, 18), confirm=True, holder=bob, now=now
    )
    services.release(allocations=cancelled, now=now)
    return result.series


def test_resource_feed_lists_exactly_the_confirmed_allocations(client, room, season):
    token = services.create_feed_token(target=room, label="Zaal De Linde")
    response = client.get(f"/kalender/feed/{token.token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    starts, uids = _expand(response.content)
    expected = sorted(
        a.start.astimezone(dt.UTC)
        for a in Allocation.objects.filter(resource=room, state=AllocationState.CONFIRMED)
    )
    assert starts == expected
    assert len(expected) == 39  # 39 Thursdays, one cancelled, plus the party
    assert len(uids) == len(set(uids))
    cal = Calendar.from_ical(response.content)
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Brussels"]
    recurring = [e for e in cal.walk("VEVENT") if "RRULE" in e]
    assert len(recurring) == 1
    assert recurring[0].decoded("DTSTART") == dt.datetime(2030, 3, 7, 19, tzinfo=BRUSSELS)


def test_uids_are_stable_between_fetches(client, room, season):
    token = services.create_feed_token(target=room)
    first = _expand(client.get(f"/kalender/feed/{token.token}.ics").content)[1]
    second = _expand(client.get(f"/kalender/feed/{token.token}.ics").content)[1]
    assert first == second


def test_person_feed_shows_only_their_confirmed_bookings(client, alice, bob, season):
    alices = services.create_feed_token(target=alice)
    bobs = services.create_feed_token(target=bob)
    alice_starts, _ = _expand(client.get(f"/kalender/feed/{alices.token}.ics").content)
    bob_starts, _ = _expand(client.get(f"/kalender/feed/{bobs.token}.ics").content)
    assert len(alice_starts) == 39
    assert bob_starts == []


def test_revoked_and_rotated_tokens_stop_working(client, room, season):
    token = services.create_feed_token(target=room)
    old = token.token
    services.rotate_feed_token(feed_token=token)
    assert client.get(f"/kalender/feed/{old}.ics").status_code == 404
    assert client.get(f"/kalender/feed/{token.token}.ics").status_code == 200
    services.revoke_feed_token(feed_token=token)
    assert client.get(f"/kalender/feed/{token.token}.ics").status_code == 404
    assert client.get("/kalender/feed/raden-lukt-niet.ics").status_code == 404


def test_confirmation_mail_attachment_is_one_event(room, alice, now):
    (allocation,) = services.allocate(
        resources=room,
        start=at(2030, 10, 27, 19),
        end=at(2030, 10, 27, 21),
        confirm=True,
        holder=alice,
        title="Repetitie",
        now=now,
    )
    cal = Calendar.from_ical(ical.event_ics(allocation=allocation))
    (event,) = cal.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Repetitie"
    assert event.decoded("DTSTART") == at(2030, 10, 27, 19)
    assert event.decoded("DTSTART").utcoffset() == dt.timedelta(hours=1)  # winter time again
    assert str(event["UID"]) == ical.allocation_uid(allocation)
