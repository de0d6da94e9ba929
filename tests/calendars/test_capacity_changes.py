"""Staff change a resource's capacity: never below what is allocated from now on, and the refusal says
which bookings are in the way."""

import datetime as dt

import pytest
from wagtail.models import ModelLogEntry

from calendars import errors, services
from calendars.models import Allocation, Resource
from tests.calendars.conftest import at
from tests.calendars.factories import ResourceFactory, StockFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return UserFactory(email="carla@gemeente.be", first_name="Carla", is_staff=True, is_superuser=True)


def _book(resource, quantity, start, end, now, **kwargs):
    return services.allocate(resources=(resource, quantity), start=start, end=end, now=now, **kwargs)[0]


def test_raising_the_capacity_is_written_and_audited(staff, now):
    chairs = StockFactory(capacity=10)
    _book(chairs, 10, at(2030, 3, 1, 9), at(2030, 3, 2, 9), now, confirm=True)
    changed = services.change_capacity(resource=chairs, capacity=25, by=staff, now=now)
    assert changed.capacity == chairs.capacity == 25
    assert Resource.objects.get(pk=chairs.pk).capacity == 25
    entry = ModelLogEntry.objects.get(action="calendars.resource.capacity", object_id=str(chairs.pk))
    assert entry.user == staff
    assert entry.data == {"from": 10, "to": 25}


def test_lowering_to_exactly_the_peak_is_allowed_and_below_it_is_refused_naming_the_booking(now):
    chairs = StockFactory(name="Klapstoelen", capacity=20)
    _book(chairs, 6, at(2030, 3, 1, 9), at(2030, 3, 1, 17), now, title="Ontlening L-1", confirm=True)
    _book(chairs, 5, at(2030, 3, 1, 12), at(2030, 3, 1, 20), now, title="Ontlening L-2")
    _book(chairs, 8, at(2030, 3, 5, 9), at(2030, 3, 5, 17), now, title="Ontlening L-3")
    services.change_capacity(resource=chairs, capacity=11, now=now)
    with pytest.raises(errors.CapacityBelowAllocatedError) as refused:
        services.change_capacity(resource=chairs, capacity=10, now=now)
    message = str(refused.value)
    assert refused.value.allocated == 11
    assert refused.value.field == "capacity"
    assert isinstance(refused.value, errors.AllocationError)
    assert "Ontlening L-1" in message and "Ontlening L-2" in message
    assert "Ontlening L-3" not in message  # 8 fits in 10: not in the way
    assert "1 maart 2030 09:00" in message  # local time, Europe/Brussels
    assert Resource.objects.get(pk=chairs.pk).capacity == 11
    assert not ModelLogEntry.objects.filter(action="calendars.resource.capacity", data__to=10).exists()


def test_only_future_blocking_allocations_count(now):
    chairs = StockFactory(capacity=10)
    past = _book(chairs, 10, at(2030, 2, 1, 9), at(2030, 2, 1, 17), now, confirm=True)
    expired = _book(chairs, 10, at(2030, 3, 1, 9), at(2030, 3, 1, 17), now, hold_expires_at=now)
    released = _book(chairs, 10, at(2030, 3, 2, 9), at(2030, 3, 2, 17), now, confirm=True)
    services.release(allocations=released, now=now)
    later = at(2030, 2, 2, 9)
    assert past.end < later and expired.hold_expires_at <= later
    services.change_capacity(resource=chairs, capacity=0, now=later)
    assert Resource.objects.get(pk=chairs.pk).capacity == 0


def test_an_allocation_under_way_counts_from_now(now):
    chairs = StockFactory(capacity=10)
    _book(chairs, 7, at(2030, 3, 1, 9), at(2030, 3, 3, 9), now, title="Lopend", confirm=True)
    with pytest.raises(errors.CapacityBelowAllocatedError):
        services.change_capacity(resource=chairs, capacity=6, now=at(2030, 3, 2, 9))


def test_buffers_count_as_the_engine_counts_them(now):
    room = ResourceFactory(capacity=2, buffer_after=dt.timedelta(minutes=30))
    _book(room, 1, at(2030, 3, 1, 9), at(2030, 3, 1, 10), now, title="Eerste")
    _book(room, 1, at(2030, 3, 1, 10, 15), at(2030, 3, 1, 11), now, title="Tweede")
    with pytest.raises(errors.CapacityBelowAllocatedError) as refused:
        services.change_capacity(resource=room, capacity=1, now=now)
    assert "Eerste" in str(refused.value) and "Tweede" in str(refused.value)


def test_at_most_five_bookings_are_named_then_how_many_more(now):
    chairs = StockFactory(capacity=10)
    for number in range(8):
        _book(chairs, 1, at(2030, 3, 1, 9), at(2030, 3, 1, 17), now, title=f"Ontlening L-{number}")
    with pytest.raises(errors.CapacityBelowAllocatedError) as refused:
        services.change_capacity(resource=chairs, capacity=2, now=now)
    message = str(refused.value)
    assert len(refused.value.blockers) == 5
    assert message.count("Ontlening L-") == 5
    assert "en 3 andere" in message


def test_a_booking_without_title_is_named_by_its_reference_or_number(now, alice):
    chairs = StockFactory(capacity=3)
    with_reference = _book(chairs, 2, at(2030, 3, 1, 9), at(2030, 3, 1, 17), now, reference=alice)
    bare = _book(chairs, 1, at(2030, 3, 1, 9), at(2030, 3, 1, 17), now)
    with pytest.raises(errors.CapacityBelowAllocatedError) as refused:
        services.change_capacity(resource=chairs, capacity=1, now=now)
    assert str(alice) in str(refused.value)
    assert f"#{bare.pk}" in str(refused.value)
    assert with_reference.pk != bare.pk


def test_part_allocations_made_through_the_whole_count_on_the_part(sports_hall, now):
    whole, (part_a, _b, _c) = sports_hall
    services.change_capacity(resource=part_a, capacity=2, now=now)
    _book(whole, 1, at(2030, 3, 1, 19), at(2030, 3, 1, 21), now, title="Tornooi")
    _book(part_a, 1, at(2030, 3, 1, 20), at(2030, 3, 1, 22), now, title="Training")
    with pytest.raises(errors.CapacityBelowAllocatedError) as refused:
        services.change_capacity(resource=part_a, capacity=1, now=now)
    assert "Tornooi" in str(refused.value) and "Training" in str(refused.value)


@pytest.mark.parametrize("capacity", [-1, 1_000_001, "5", True])
def test_a_negative_absurd_or_non_integer_capacity_is_refused(capacity, now):
    chairs = StockFactory(capacity=10)
    with pytest.raises(errors.InvalidCapacityError):
        services.change_capacity(resource=chairs, capacity=capacity, now=now)
    assert Resource.objects.get(pk=chairs.pk).capacity == 10


def test_going_to_and_from_capacity_one_moves_future_allocations_in_and_out_of_the_constraint(now):
    van = StockFactory(capacity=2)
    booking = _book(van, 1, at(2030, 3, 1, 9), at(2030, 3, 1, 17), now)
    services.change_capacity(resource=van, capacity=1, now=now)
    assert Allocation.objects.get(pk=booking.pk).exclusive
    with pytest.raises(errors.ConflictError):
        _book(van, 1, at(2030, 3, 1, 12), at(2030, 3, 1, 13), now)
    services.change_capacity(resource=van, capacity=3, now=now)
    assert not Allocation.objects.get(pk=booking.pk).exclusive
    _book(van, 2, at(2030, 3, 1, 12), at(2030, 3, 1, 13), now)


def _resource_form(resource: Resource, capacity: int) -> dict:
    data = {
        "name": resource.name,
        "kind": resource.kind,
        "capacity": str(capacity),
        "is_active": "on",
        "buffer_before": "0:00:00",
        "buffer_after": "0:00:00",
        "lead_time": "0:00:00",
    }
    for prefix in ("opening_hours", "closures"):
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data


def test_the_resource_editor_refuses_a_capacity_below_what_is_booked_on_the_field(client, staff):
    chairs = StockFactory(name="Klapstoelen", capacity=20)
    start = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=10)
    _book(chairs, 12, start, start + dt.timedelta(hours=8), None, title="Ontlening L-7", confirm=True)
    client.force_login(staff)
    url = f"/admin/snippets/calendars/resource/edit/{chairs.pk}/"
    response = client.post(url, _resource_form(chairs, 5) | {"name": "Klapstoelen (nieuw)"})
    assert response.status_code == 200
    field_errors = response.context["form"].errors["capacity"]
    assert "Ontlening L-7" in field_errors[0]
    chairs.refresh_from_db()
    assert (chairs.name, chairs.capacity) == ("Klapstoelen", 20)  # nothing changed
    response = client.post(url, _resource_form(chairs, 12))
    assert response.status_code == 302
    chairs.refresh_from_db()
    assert chairs.capacity == 12
    entry = ModelLogEntry.objects.get(action="calendars.resource.capacity", object_id=str(chairs.pk))
    assert entry.user == staff
