"""From request to settlement through the services, with the money going through payments."""

from decimal import Decimal

import pytest
from django.utils import timezone

from calendars import selectors as calendar_selectors
from calendars.models import AllocationState
from payments.models import Deposit, DocumentSeries, OrderStatus, Refund
from payments.services import expire_order
from reservations.loans import services
from reservations.loans.errors import LoanError
from reservations.loans.models import LoanPaymentMode, LoanState
from tests.payments.factories import check_out


@pytest.fixture
def chiro_loan(alice, chiro, party_pack, chairs, saturday):
    pickup, back = saturday
    lines = services.expand_request(items=[(chairs, 10)], kits=[(party_pack, 1)])
    return services.request_loan(user=alice, association=chiro, lines=lines, pickup_at=pickup, return_at=back)


def states(loan) -> set[str]:
    return {a.state for a in calendar_selectors.allocations_for_reference(reference=loan)}


def test_counter_payment_hand_out_check_in_and_partly_retained_deposit(chiro_loan, clerk, tables):
    loan = services.approve_loan(loan=chiro_loan, by=clerk, payment_mode=LoanPaymentMode.COUNTER)
    assert loan.state == LoanState.AWAITING_PAYMENT
    # 2 tents × 25 + 10 tables × 3 + 50 chairs × 0.50 + deposit 2 × 50
    assert loan.order.total == Decimal("205.00")
    assert states(loan) == {AllocationState.HELD}

    loan = services.record_loan_counter_payment(loan=loan, by=clerk, method="cash")
    assert loan.state == LoanState.PAID
    assert states(loan) == {AllocationState.CONFIRMED}

    loan = services.mark_loan_ready(loan=loan, by=clerk)
    loan = services.hand_out_loan(loan=loan, by=clerk, handed_out_to="Jef Chiroleider")
    assert loan.state == LoanState.HANDED_OUT and loan.handed_out_by == clerk

    table_line = loan.lines.get(item=tables)
    loan = services.check_in_loan(
        loan=loan,
        by=clerk,
        counts={table_line.pk: services.LineCount(returned=10, damaged=1, damage_note="Tafelblad gebarsten")},
    )
    table_line.refresh_from_db()
    assert loan.state == LoanState.RETURNED
    assert (table_line.returned_quantity, table_line.damaged_quantity, table_line.missing_quantity) == (
        10,
        1,
        0,
    )

    loan = services.settle_loan_deposit(
        loan=loan, by=clerk, retained_amount=Decimal("30"), reason="Tafelblad gebarsten"
    )
    deposit = Deposit.objects.get(order=loan.order)
    assert loan.state == LoanState.SETTLED
    assert deposit.status == Deposit.Status.PARTLY_RETAINED and deposit.retained_amount == Decimal("30.00")
    assert Refund.objects.get(order=loan.order).amount == Decimal("70.00")


def test_damage_beyond_the_deposit_is_invoiced_extra(chiro_loan, clerk):
    loan = services.approve_loan(loan=chiro_loan, by=clerk, payment_mode=LoanPaymentMode.COUNTER)
    loan = services.record_loan_counter_payment(loan=loan, by=clerk)
    loan = services.hand_out_loan(loan=loan, by=clerk, handed_out_to="Jef")
    loan = services.check_in_loan(loan=loan, by=clerk, counts={})

    with pytest.raises(LoanError):
        services.settle_loan_deposit(loan=loan, by=clerk, retained_amount=Decimal("150"), reason="Tent kapot")

    loan = services.settle_loan_deposit(
        loan=loan, by=clerk, retained_amount=Decimal("100"), extra_charge=Decimal("80"), reason="Tent kapot"
    )
    assert loan.damage_order.total == Decimal("80.00")
    assert loan.damage_order.invoices.filter(kind=DocumentSeries.INVOICE).exists()


def test_invoiced_association_loan_is_confirmed_at_approval(chiro_loan, clerk):
    loan = services.approve_loan(loan=chiro_loan, by=clerk)  # associations default to an invoice
    assert loan.state == LoanState.INVOICED
    assert states(loan) == {AllocationState.CONFIRMED}
    assert loan.order.invoices.filter(kind=DocumentSeries.INVOICE).exists()
    assert loan.order.expires_at is None


def test_small_loans_are_approved_automatically(alice, depot, saturday):
    from tests.reservations.loans.factories import LoanItemFactory, add_tariffs

    bbq = LoanItemFactory(name="Barbecue", slug="bbq", depot=depot, stock=6, auto_approve_up_to=2)
    add_tariffs(bbq, price="10.00")
    pickup, back = saturday
    small = services.request_loan(user=alice, lines=[(bbq, 2)], pickup_at=pickup, return_at=back)
    large = services.request_loan(user=alice, lines=[(bbq, 3)], pickup_at=pickup, return_at=back)

    assert small.state == LoanState.AWAITING_PAYMENT and small.auto_approved
    assert small.order is None  # in the shared basket, paid with whatever else is in it
    assert check_out(small).total == Decimal("20.00")
    assert small.order.total == Decimal("20.00")
    assert large.state == LoanState.REQUESTED


def test_unpaid_loan_expires_with_its_order_and_frees_the_stock(alice, chairs, clerk, saturday):
    pickup, back = saturday
    loan = services.request_loan(user=alice, lines=[(chairs, 100)], pickup_at=pickup, return_at=back)
    loan = services.approve_loan(loan=loan, by=clerk)
    expire_order(order_id=loan.order_id, now=timezone.now() + timezone.timedelta(days=3650))

    loan.refresh_from_db()
    assert loan.state == LoanState.EXPIRED
    assert loan.order.status == OrderStatus.EXPIRED
    assert calendar_selectors.free_quantity(resource=chairs.resource, start=pickup, end=back) == 100


def test_rejected_request_frees_the_stock(alice, chairs, clerk, saturday):
    pickup, back = saturday
    loan = services.request_loan(user=alice, lines=[(chairs, 60)], pickup_at=pickup, return_at=back)
    loan = services.reject_loan(loan=loan, by=clerk, reason="Al voorzien voor de kermis")
    assert loan.state == LoanState.REJECTED
    assert calendar_selectors.free_quantity(resource=chairs.resource, start=pickup, end=back) == 100


def test_association_loans_appear_in_its_feed_once_confirmed(chiro_loan, chiro, clerk):
    assert not calendar_selectors.confirmed_allocations_for_holder(holder=chiro).exists()
    services.approve_loan(loan=chiro_loan, by=clerk)
    assert calendar_selectors.confirmed_allocations_for_holder(holder=chiro).count() == 3


def test_unpaid_loan_cannot_be_handed_out(chiro_loan, clerk):
    loan = services.approve_loan(loan=chiro_loan, by=clerk, payment_mode=LoanPaymentMode.COUNTER)
    with pytest.raises(LoanError) as refused:
        services.hand_out_loan(loan=loan, by=clerk, handed_out_to="Jef")
    assert "nog niet betaald" in refused.value.message


def test_undecided_requests_expire_at_pickup_and_free_the_stock(alice, chairs, saturday):
    import datetime as dt

    from reservations.loans.tasks import expire_stale_loan_requests

    pickup, back = saturday
    loan = services.request_loan(user=alice, lines=[(chairs, 100)], pickup_at=pickup, return_at=back)
    assert services.expire_stale_loan_requests(now=pickup - dt.timedelta(hours=1)) == 0
    assert services.expire_stale_loan_requests(now=pickup + dt.timedelta(minutes=1)) == 1
    loan.refresh_from_db()
    assert loan.state == LoanState.EXPIRED
    assert calendar_selectors.free_quantity(resource=chairs.resource, start=pickup, end=back) == 100
    assert expire_stale_loan_requests.delay().get() == 0


def test_the_association_feed_lists_its_confirmed_loan(client, chiro_loan, chiro, clerk):
    from django.urls import reverse

    from calendars.services import create_feed_token

    services.approve_loan(loan=chiro_loan, by=clerk)
    token = create_feed_token(target=chiro, label="Chiro Dorpsveld")
    body = client.get(reverse("calendars:feed", args=[token.token])).content.decode()
    assert body.count("BEGIN:VEVENT") == 3
    assert f"Ontlening {chiro_loan.number}" in body


def test_a_loan_can_be_attached_to_ones_own_room_booking_only(alice, bob, chairs, saturday):
    from reservations.rooms.models import Booking
    from tests.reservations.rooms.factories import RoomFactory

    pickup, back = saturday
    booking = Booking.objects.create(
        room=RoomFactory(),
        customer=alice,
        start=pickup,
        end=back,
        purpose="Feest",
        people=40,
        category="resident",
    )
    loan = services.request_loan(
        user=alice, lines=[(chairs, 40)], pickup_at=pickup, return_at=back, room_booking=booking
    )
    assert list(booking.loans.all()) == [loan]
    with pytest.raises(LoanError):
        services.request_loan(
            user=bob, lines=[(chairs, 5)], pickup_at=pickup, return_at=back, room_booking=booking
        )


def test_borrower_is_mailed_on_request_and_approval_with_the_ics(
    alice, chiro, chairs, clerk, saturday, mailoutbox, django_capture_on_commit_callbacks
):
    pickup, back = saturday
    with django_capture_on_commit_callbacks(execute=True):
        loan = services.request_loan(
            user=alice, association=chiro, lines=[(chairs, 50)], pickup_at=pickup, return_at=back
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_loan(loan=loan, by=clerk)

    ours = [m for m in mailoutbox if loan.number in m.subject]
    assert [m.subject for m in ours] == [
        f"Uw aanvraag {loan.number} is ontvangen",
        f"Uw ontlening {loan.number} is goedgekeurd",
    ]
    assert "50 × Klapstoel" in ours[1].body
    assert ours[1].attachments[0][0] == f"ontlening-{loan.number}.ics"
