"""Order codes and structured references are random: no counter row, nothing to guess or count."""

import re
import threading
import time
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from payments import codes, services
from payments.codes import ALPHABET, is_order_code, normalise_order_code
from payments.errors import PaymentError
from payments.models import NumberSequence, Order
from payments.numbering import take_next_number
from payments.services import LineSpec
from payments.services import orders as order_services
from payments.structured_reference import is_valid_reference
from tests.accounts.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

CODE = re.compile(rf"^DP-[{ALPHABET}]{{5}}-[{ALPHABET}]{{5}}$")


def test_codes_are_random_readable_and_not_sequential(alice, make_order):
    orders = [make_order(user=alice) for _ in range(30)]
    numbers = [order.number for order in orders]

    assert len(set(numbers)) == 30
    assert all(CODE.match(number) for number in numbers)
    assert not set("01OIL") & set("".join(n[3:] for n in numbers))
    assert numbers != sorted(numbers)  # creation order says nothing about the code
    references = [order.structured_reference for order in orders]
    assert len(set(references)) == 30
    assert all(is_valid_reference(reference) for reference in references)
    assert references != sorted(references)


def test_create_order_touches_no_counter_row(alice, make_order):
    with CaptureQueriesContext(connection) as queries:
        make_order(user=alice)
        make_order(user=alice)

    assert NumberSequence.objects.count() == 0
    sql = " ".join(q["sql"] for q in queries.captured_queries).lower()
    assert "payments_numbersequence" not in sql
    assert "for update" not in sql


def test_a_colliding_code_or_reference_is_drawn_again(alice, make_order, monkeypatch):
    first = make_order(user=alice)
    codes_drawn = iter([first.number, "DP-AAAAA-BBBBB", "DP-CCCCC-DDDDD"])
    references = iter(["000000000101", first.structured_reference, "000000000202"])
    monkeypatch.setattr(order_services, "new_order_code", lambda: next(codes_drawn))
    monkeypatch.setattr(order_services, "random_reference", lambda: next(references))

    second = make_order(user=alice)

    assert (second.number, second.structured_reference) == ("DP-CCCCC-DDDDD", "000000000202")
    assert Order.objects.count() == 2


def test_endless_collisions_give_up_with_a_message(alice, make_order, monkeypatch):
    first = make_order(user=alice)
    monkeypatch.setattr(order_services, "new_order_code", lambda: first.number)

    with pytest.raises(PaymentError) as caught:
        make_order(user=alice)
    assert caught.value.code == "code_collision"
    assert Order.objects.count() == 1


def test_generator_uses_secrets(monkeypatch):
    drawn = iter("23456789AB")
    monkeypatch.setattr(codes.secrets, "choice", lambda alphabet: next(drawn))
    assert codes.new_order_code() == "DP-23456-789AB"


@pytest.mark.parametrize("typed", ["DP-7KQ4M-X2F9Q", "dp-7kq4m-x2f9q", "DP7KQ4MX2F9Q", " 7kq4m x2f9q "])
def test_a_typed_code_is_found_in_any_notation(typed):
    assert normalise_order_code(typed) == "DP-7KQ4M-X2F9Q"


@pytest.mark.parametrize("other", ["2026-000123", "DP-7KQ4M-X2F9", "DP-0KQ4M-X2F9Q", ""])
def test_old_numbers_and_non_codes_are_left_as_typed(other):
    assert normalise_order_code(other) == other
    assert not is_order_code(other)


def test_customer_pages_work_with_a_code_typed_in_lower_case(client, alice, make_order):
    order = make_order(user=alice)
    client.force_login(alice)

    page = client.get(reverse("payments:order", args=[order.number.lower().replace("-", "")]))

    assert page.status_code == 200
    assert order.number in page.content.decode()


def test_orders_from_before_the_codes_keep_their_numbers_and_pages(client, alice, make_order):
    order = make_order(user=alice)
    Order.objects.filter(pk=order.pk).update(number="2026-000123", structured_reference="260000012395")
    client.force_login(alice)

    page = client.get(reverse("payments:order", args=["2026-000123"]))
    assert page.status_code == 200
    assert (
        "+++260/0000/12395+++"
        in client.get(reverse("payments:bank_transfer", args=["2026-000123"])).content.decode()
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("with_old_counter", [False, True], ids=["codes", "control-old-counter"])
def test_twenty_parallel_orders_do_not_queue_on_each_other(
    alice, hall_handler, monkeypatch, with_old_counter
):
    """A ticket rush: each caller keeps its transaction open 0.3 s after create_order. The control run
    takes the old global order counter inside create_order again and shows the queue (20 x 0.3 s)."""
    if with_old_counter:
        original = order_services._insert_with_fresh_codes

        def insert_after_counter(**fields):
            take_next_number(series="order", year=2026)
            return original(**fields)

        monkeypatch.setattr(order_services, "_insert_with_fresh_codes", insert_after_counter)
    municipality = MunicipalityFactory()
    barrier = threading.Barrier(20)
    errors, numbers = [], []

    def buy():
        try:
            barrier.wait(timeout=10)
            with transaction.atomic():
                order = services.create_order(
                    municipality=municipality,
                    lines=[LineSpec(description="Ticket", unit_price=Decimal("12.00"), handler="tests.hall")],
                    user=alice,
                )
                time.sleep(0.3)  # the rest of the caller's transaction
            numbers.append(order.number)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=buy) for _ in range(20)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    print(f"20 parallel orders ({'old counter' if with_old_counter else 'random codes'}): {elapsed:.2f} s")

    assert errors == []
    assert len(set(numbers)) == 20
    if with_old_counter:
        assert elapsed >= 20 * 0.3 * 0.9
    else:
        assert elapsed < 3.0
