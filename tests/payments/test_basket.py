"""The basket's one confirmation and its expiry task, with a fake feature app (tests.hall)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from icalendar import Calendar

from accounts import localtime
from config.celery import app
from payments import confirmation, selectors, services, tasks
from payments.models import Basket, BasketStatus, OrderStatus
from payments.services import LineSpec
from tests.accounts.factories import MunicipalityFactory
from tests.payments.factories import BookableFactory

pytestmark = pytest.mark.django_db


def saturday(hour: int) -> dt.datetime:
    return localtime.make_local(timezone.localdate() + dt.timedelta(days=60), dt.time(hour))


def spec(target, description: str, price: str, *, start=None, end=None, where="", deposit=False):
    return LineSpec(
        description=description, unit_price=Decimal(price), vat_rate=Decimal("21"), handler="tests.hall",
        target=target, is_deposit=deposit, starts_at=start, ends_at=end, location=where,
    )


def filled_basket(user, *, price="100.00"):
    """Two bought things: a hall with rent, an extra and a deposit on one day, a second hall later."""
    first, second = BookableFactory(name="Zaal De Linde"), BookableFactory(name="Zaal De Eik")
    basket = services.open_basket(municipality=MunicipalityFactory(), user=user)
    when = {"start": saturday(14), "end": saturday(18), "where": "OC De Linde, Dorpsstraat 1"}
    with transaction.atomic():
        services.add_to_basket(
            basket=basket,
            lines=[
                spec(first, "Huur Zaal De Linde", price, **when),
                spec(first, "Schoonmaak", "0.00" if price == "0.00" else "45.00", **when),
                spec(first, "Waarborg", "0.00" if price == "0.00" else "50.00", deposit=True, **when),
            ],
            hold_until=timezone.now() + dt.timedelta(minutes=30),
        )
        services.add_to_basket(
            basket=basket,
            lines=[spec(second, "Huur Zaal De Eik", price, start=saturday(20), end=saturday(23),
                        where="OC De Eik")],
            hold_until=timezone.now() + dt.timedelta(minutes=30),
        )
    return basket


def test_groups_and_ics_have_one_event_per_bought_thing_in_brussels_time(alice, hall_handler):
    order = services.checkout_basket(basket=filled_basket(alice))

    groups = confirmation.line_groups(order)
    assert [len(group.lines) for group in groups] == [3, 1]
    events = Calendar.from_ical(confirmation.order_ics(order)).walk("VEVENT")
    assert [str(event["summary"]) for event in events] == ["Huur Zaal De Linde", "Huur Zaal De Eik"]
    assert [event.decoded("dtstart") for event in events] == [saturday(14), saturday(20)]
    assert all(str(event["dtstart"].params["TZID"]) == "Europe/Brussels" for event in events)
    assert str(events[0]["location"]) == "OC De Linde, Dorpsstraat 1"
    again = Calendar.from_ical(confirmation.order_ics(order)).walk("VEVENT")
    assert [str(e["uid"]) for e in again] == [str(e["uid"]) for e in events]  # stable UIDs
    assert confirmation.render_confirmation_pdf(order).startswith(b"%PDF")


def test_paying_a_basket_order_sends_one_mail_and_an_order_without_basket_none(
    alice, hall_handler, make_order, django_capture_on_commit_callbacks
):
    order = services.checkout_basket(basket=filled_basket(alice))
    plain = make_order(user=alice)
    assert selectors.confirmed_by_checkout(order) and not selectors.confirmed_by_checkout(plain)

    with django_capture_on_commit_callbacks(execute=True):
        services.record_payment(
            order_id=order.pk, provider="bank_transfer", amount=order.total, method="transfer", reference="r1"
        )
        services.record_payment(
            order_id=plain.pk, provider="bank_transfer", amount=plain.total, method="transfer", reference="r2"
        )

    [message] = mail.outbox
    assert message.subject == f"Bevestiging van je bestelling {order.number}"
    assert [name for name, _content, _type in message.attachments] == [
        f"bevestiging-{order.number}.pdf",
        f"bestelling-{order.number}.ics",
    ]


def test_a_free_checkout_is_confirmed_once_after_commit(
    alice, hall_handler, django_capture_on_commit_callbacks
):
    basket = filled_basket(alice, price="0.00")
    with django_capture_on_commit_callbacks(execute=True):
        order = services.checkout_basket(basket=basket)

    assert order.status == OrderStatus.PAID and len(hall_handler.events("paid")) == 1
    [message] = mail.outbox
    assert order.number in message.subject


def test_english_customers_get_the_mail_in_english(alice, hall_handler, django_capture_on_commit_callbacks):
    alice.preferred_language = "en"
    alice.save()
    basket = filled_basket(alice, price="0.00")
    with django_capture_on_commit_callbacks(execute=True):
        order = services.checkout_basket(basket=basket)

    [message] = mail.outbox
    assert message.subject == f"Confirmation of your order {order.number}"


def test_expire_baskets_task_is_scheduled_every_minute_and_expires(alice, hall_handler):
    basket = filled_basket(alice)
    entry = next(e for e in app.conf.beat_schedule.values() if e["task"] == "payments.tasks.expire_baskets")
    assert entry["schedule"] == 60.0
    Basket.objects.filter(pk=basket.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))

    assert tasks.expire_baskets.delay().get() == 1

    basket.refresh_from_db()
    assert basket.status == BasketStatus.EXPIRED


def test_a_repeated_confirmation_task_sends_one_mail_and_a_failed_send_can_be_retried(
    alice, hall_handler, monkeypatch, django_capture_on_commit_callbacks
):
    basket = filled_basket(alice, price="0.00")
    with django_capture_on_commit_callbacks(execute=True):
        order = services.checkout_basket(basket=basket)
    tasks.send_order_confirmation(order.pk)  # a Celery retry, a second worker
    assert len(mail.outbox) == 1

    from payments import notifications
    from payments.models import Order

    Order.objects.filter(pk=order.pk).update(confirmation_sent_at=None)

    def mail_server_down(order):
        raise ConnectionRefusedError("smtp")

    monkeypatch.setattr(notifications, "_send_confirmation", mail_server_down)
    with pytest.raises(ConnectionRefusedError):
        tasks.send_order_confirmation(order.pk)
    assert Order.objects.get(pk=order.pk).confirmation_sent_at is None  # the retry may send it
    monkeypatch.undo()
    tasks.send_order_confirmation(order.pk)
    assert len(mail.outbox) == 2
