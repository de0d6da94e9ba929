"""One basket with a room booking and a material loan: one checkout, one order, one payment, one mail."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts import localtime
from calendars.models import Allocation, AllocationState
from payments import services as payment_services
from payments.errors import PaymentError
from payments.models import Basket, BasketStatus, Order, OrderStatus, Payment
from reservations.loans import services as loan_services
from reservations.loans.models import LoanState
from reservations.rooms import services as room_services
from reservations.rooms.models import BookingState, RoomMode
from tests.accounts.factories import UserFactory
from tests.payments.test_stripe_checkout import completed_event, customer_pays, deliver
from tests.reservations.loans.factories import DepotFactory, LoanItemFactory, add_tariffs, open_depot
from tests.reservations.rooms.factories import RoomFactory, give_tariffs, open_every_day

pytestmark = pytest.mark.django_db


def at(day: dt.date, hour: int) -> dt.datetime:
    return localtime.make_local(day, dt.time(hour))


@pytest.fixture
def alice(db):
    return UserFactory(email="alice@example.be", first_name="Alice", last_name="Peeters", postal_code="9999")


@pytest.fixture
def bob(db):
    return UserFactory(email="bob@example.be", first_name="Bob", last_name="Janssens", postal_code="9999")


@pytest.fixture
def day():
    return timezone.localdate() + dt.timedelta(days=120)


@pytest.fixture
def room(db):
    room = RoomFactory(name="Polyvalente zaal", slug="polyvalente-zaal", mode=RoomMode.INSTANT)
    give_tariffs(room)
    open_every_day(room.resource)
    return room


@pytest.fixture
def bbq(db):
    depot = open_depot(DepotFactory())
    item = LoanItemFactory(name="Barbecue", slug="bbq", depot=depot, stock=6, auto_approve_up_to=2)
    add_tariffs(item, price="10.00")
    return item


def fill_basket(user, room, bbq, day):
    booking = room_services.request_booking(
        room=room, customer=user, start=at(day, 14), end=at(day, 17), purpose="Feest", people=30
    )
    loan = loan_services.request_loan(
        user=user, lines=[(bbq, 2)], pickup_at=at(day + dt.timedelta(days=3), 10),
        return_at=at(day + dt.timedelta(days=4), 10),
    )
    assert booking.state == BookingState.AWAITING_PAYMENT and booking.order is None
    assert loan.state == LoanState.AWAITING_PAYMENT and loan.order is None
    basket = Basket.objects.get(user=user, status=BasketStatus.OPEN)
    return basket, booking, loan


def allocations_of(basket) -> list[Allocation]:
    ids = Basket.objects.get(pk=basket.pk).lines.values_list("allocations", flat=True)
    return list(Allocation.objects.filter(pk__in=[pk for pk in ids if pk]))


def test_one_checkout_paid_by_stripe_confirms_both_with_one_mail(
    client, alice, room, bbq, day, stripe_settings, django_capture_on_commit_callbacks
):
    basket, booking, loan = fill_basket(alice, room, bbq, day)
    held = allocations_of(basket)
    assert len(held) == 2 and {a.state for a in held} == {AllocationState.HELD}
    client.force_login(alice)

    response = client.post(reverse("payments:basket_checkout"))
    order = Order.objects.get()
    assert response.url == reverse("payments:choose", args=[order.number])
    assert order.total == booking.total + Decimal("20.00")
    assert {line.handler for line in order.lines.all()} == {"rooms.booking", "loans.loan"}

    client.post(reverse("payments:choose", args=[order.number]), {"provider": "stripe"})
    paid_session = customer_pays(order.attempts.get().external_id)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver(client, completed_event(paid_session, "evt_basket_1")).status_code == 200

    order.refresh_from_db()
    booking.refresh_from_db()
    loan.refresh_from_db()
    assert order.status == OrderStatus.PAID and Payment.objects.filter(order=order).count() == 1
    assert booking.state == BookingState.CONFIRMED and booking.order == order
    assert loan.state == LoanState.PAID and loan.order == order
    assert {a.state for a in Allocation.objects.filter(pk__in=[a.pk for a in held])} == {
        AllocationState.CONFIRMED
    }

    [message] = mail.outbox
    assert message.to == ["alice@example.be"] and order.number in message.subject
    assert "je" in message.body.split()
    pdfs = [a for a in message.attachments if a[2] == "application/pdf"]
    icss = [a for a in message.attachments if a[2] == "text/calendar"]
    assert len(pdfs) == 1 and pdfs[0][1].startswith(b"%PDF") and len(icss) == 1
    events = Calendar.from_ical(icss[0][1]).walk("VEVENT")
    assert len(events) == 2
    starts = sorted(event.decoded("dtstart") for event in events)
    assert starts == [at(day, 14), at(day + dt.timedelta(days=3), 10)]
    assert all(str(event["dtstart"].params["TZID"]) == "Europe/Brussels" for event in events)
    assert len({str(event["uid"]) for event in events}) == 2
    assert all(str(event["location"]) for event in events)


def test_bank_transfer_extends_every_hold_but_never_past_its_start(alice, room, bbq, day):
    basket, booking, loan = fill_basket(alice, room, bbq, day)
    order = payment_services.checkout_basket(basket=basket)
    assert order.expires_at <= timezone.now() + dt.timedelta(minutes=31)

    payment_services.start_payment(order=order, provider="bank_transfer", return_url="/")

    order.refresh_from_db()
    booking.refresh_from_db()
    loan.refresh_from_db()
    assert order.expires_at - timezone.now() > dt.timedelta(days=10)
    starts = {booking.allocation_id: booking.start, **{a.pk: loan.pickup_at for a in allocations_of(basket)
                                                         if a.pk != booking.allocation_id}}
    for allocation in allocations_of(basket):
        assert allocation.state == AllocationState.HELD
        assert allocation.hold_expires_at == min(order.expires_at, starts[allocation.pk])

    payment_services.record_payment(
        order_id=order.pk, provider="bank_transfer", amount=order.total, method="transfer",
        reference="coda:basket:1",
    )
    booking.refresh_from_db()
    loan.refresh_from_db()
    assert booking.state == BookingState.CONFIRMED and loan.state == LoanState.PAID
    assert {a.state for a in allocations_of(basket)} == {AllocationState.CONFIRMED}


def test_an_expired_basket_gives_everything_back(alice, room, bbq, day):
    basket, booking, loan = fill_basket(alice, room, bbq, day)
    held = allocations_of(basket)

    assert payment_services.expire_baskets(now=basket.expires_at - dt.timedelta(seconds=1)) == 0
    assert payment_services.expire_baskets(now=basket.expires_at + dt.timedelta(seconds=1)) == 1

    basket.refresh_from_db()
    booking.refresh_from_db()
    loan.refresh_from_db()
    assert basket.status == BasketStatus.EXPIRED
    assert booking.state == BookingState.EXPIRED and loan.state == LoanState.EXPIRED
    assert {a.state for a in Allocation.objects.filter(pk__in=[a.pk for a in held])} == {
        AllocationState.RELEASED
    }
    assert not Order.objects.exists()


def test_removing_one_line_releases_only_that_item(alice, room, bbq, day):
    basket, booking, loan = fill_basket(alice, room, bbq, day)
    room_line = basket.lines.filter(handler="rooms.booking").first()

    payment_services.remove_from_basket(basket=basket, line=room_line)

    booking.refresh_from_db()
    loan.refresh_from_db()
    assert booking.state == BookingState.CANCELLED
    assert Allocation.objects.get(pk=booking.allocation_id).state == AllocationState.RELEASED
    assert loan.state == LoanState.AWAITING_PAYMENT
    assert {a.state for a in allocations_of(basket)} == {AllocationState.HELD}
    assert set(basket.lines.values_list("handler", flat=True)) == {"loans.loan"}


def test_extend_once_refused_twice_never_past_the_earliest_start(settings, alice, room, bbq, day):
    settings.BASKET_HOLD_MINUTES = 30
    basket, booking, _loan = fill_basket(alice, room, bbq, day)
    later = timezone.now() + dt.timedelta(minutes=20)

    basket = payment_services.extend_basket(basket=basket, now=later)
    assert basket.expires_at == later + dt.timedelta(minutes=30) and basket.extensions == 1
    assert {a.hold_expires_at for a in allocations_of(basket)} == {basket.expires_at}
    with pytest.raises(PaymentError, match="al verlengd"):
        payment_services.extend_basket(basket=basket, now=later + dt.timedelta(minutes=5))

    # Close to the start of the room, an extension stops at that start.
    other = Basket.objects.get(pk=basket.pk)
    other.extensions = 0
    other.save(update_fields=["extensions"])
    just_before = booking.start - dt.timedelta(minutes=10)
    Allocation.objects.filter(pk__in=[a.pk for a in allocations_of(basket)]).update(
        hold_expires_at=just_before + dt.timedelta(minutes=5)
    )
    Basket.objects.filter(pk=basket.pk).update(expires_at=just_before + dt.timedelta(minutes=5))
    extended = payment_services.extend_basket(basket=other, now=just_before)
    assert extended.expires_at == booking.start


def test_checkout_after_a_hold_lapsed_is_refused_and_orders_nothing(alice, room, bbq, day):
    basket, booking, _loan = fill_basket(alice, room, bbq, day)
    Allocation.objects.filter(pk=booking.allocation_id).update(
        hold_expires_at=timezone.now() - dt.timedelta(seconds=1)
    )

    with pytest.raises(PaymentError, match="niet meer voor je vastgehouden") as refused:
        payment_services.checkout_basket(basket=basket)

    assert "Verwijder het en kies opnieuw" in str(refused.value.message)
    assert not Order.objects.exists()
    basket.refresh_from_db()
    assert basket.status == BasketStatus.OPEN


def test_another_users_line_cannot_be_removed_through_the_view(client, alice, bob, room, bbq, day):
    basket, booking, loan = fill_basket(alice, room, bbq, day)
    line = basket.lines.first()
    before = basket.lines.count()
    client.force_login(bob)

    response = client.post(reverse("payments:basket_remove", args=[line.pk]), follow=True)

    assert response.status_code == 200 and "niet (meer) in je mandje" in response.content.decode()
    assert basket.lines.count() == before
    booking.refresh_from_db()
    loan.refresh_from_db()
    assert booking.state == BookingState.AWAITING_PAYMENT and loan.state == LoanState.AWAITING_PAYMENT
    assert {a.state for a in allocations_of(basket)} == {AllocationState.HELD}
