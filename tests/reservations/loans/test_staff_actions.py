"""One staff view per action: each POST-only URL calls one service, which writes exactly one Wagtail audit
entry inside its own transaction; a GET on an action URL is refused (405) and changes nothing."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from reservations.loans import services
from reservations.loans.models import LoanPaymentMode, LoanState, UnitBlock
from reservations.loans.services import expand_request, handling, request_loan


@pytest.fixture
def staff_client(client, clerk):
    client.force_login(clerk)
    return client


@pytest.fixture
def loan(alice, chiro, party_pack, chairs, saturday):
    pickup, back = saturday
    lines = expand_request(items=[(chairs, 10)], kits=[(party_pack, 1)])
    return request_loan(user=alice, association=chiro, lines=lines, pickup_at=pickup, return_at=back)


def _approved(loan, clerk, mode=LoanPaymentMode.INVOICE):
    return services.approve_loan(loan=loan, by=clerk, payment_mode=mode)


def _handed_out(loan, clerk):
    _approved(loan, clerk)
    return services.hand_out_loan(loan=loan, by=clerk, handed_out_to="Jef")


def _returned(loan, clerk):
    """Paid at the counter (so the deposit is held), handed out and checked in."""
    _approved(loan, clerk, LoanPaymentMode.COUNTER)
    services.record_loan_counter_payment(loan=loan, by=clerk, method="cash")
    services.hand_out_loan(loan=loan, by=clerk, handed_out_to="Jef")
    counts = {line.pk: services.LineCount(returned=line.handed_out_quantity) for line in loan.lines.all()}
    return services.check_in_loan(loan=loan, by=clerk, counts=counts)


def _check_in_data(loan):
    data = {"checkin-note": ""}
    for line in loan.lines.all():
        data |= {
            f"checkin-returned_{line.pk}": line.handed_out_quantity,
            f"checkin-damaged_{line.pk}": 0,
            f"checkin-note_{line.pk}": "",
        }
    return data


# name: (prepare the loan, the form data, the state afterwards)
ACTIONS = {
    "approve": (
        lambda loan, clerk: None,
        lambda loan: {"decision-payment_mode": LoanPaymentMode.COUNTER, "decision-note": ""},
        LoanState.AWAITING_PAYMENT,
    ),
    "reject": (
        lambda loan, clerk: None,
        lambda loan: {"decision-payment_mode": LoanPaymentMode.INVOICE, "decision-note": "Niet beschikbaar"},
        LoanState.REJECTED,
    ),
    "cancel": (lambda loan, clerk: None, lambda loan: {}, LoanState.CANCELLED),
    "counter_payment": (
        lambda loan, clerk: _approved(loan, clerk, LoanPaymentMode.COUNTER),
        lambda loan: {"method": "cash"},
        LoanState.PAID,
    ),
    "ready": (_approved, lambda loan: {}, LoanState.READY),
    "hand_out": (
        _approved,
        lambda loan: {
            "handout-handed_out_to": "Jef",
            **{f"handout-line_{line.pk}": line.quantity for line in loan.lines.all()},
        },
        LoanState.HANDED_OUT,
    ),
    "check_in": (_handed_out, _check_in_data, LoanState.RETURNED),
    "settle": (
        _returned,
        lambda loan: {
            "settle-retained_amount": "0",
            "settle-extra_charge": "0",
            "settle-reason": "",
            "settle-iban": "",
        },
        LoanState.SETTLED,
    ),
}


@pytest.mark.parametrize("name", list(ACTIONS))
def test_each_action_writes_exactly_one_audit_entry(staff_client, clerk, loan, name):
    prepare, data, state = ACTIONS[name]
    prepare(loan, clerk)
    before = ModelLogEntry.objects.count()
    response = staff_client.post(reverse(f"loans_admin:loan_{name}", args=[loan.pk]), data(loan))
    assert response.status_code == 302, response.content.decode()[-3000:]
    loan.refresh_from_db()
    assert loan.state == state
    assert ModelLogEntry.objects.count() == before + 1
    entry = ModelLogEntry.objects.get(action=f"loans.loan_{name}")
    assert entry.object_id == str(loan.pk) and entry.user_id == clerk.pk


@pytest.mark.parametrize("name", list(ACTIONS))
def test_a_get_on_an_action_url_is_refused_and_changes_nothing(staff_client, clerk, loan, name):
    prepare, _data, _state = ACTIONS[name]
    prepare(loan, clerk)
    loan.refresh_from_db()
    state, before = loan.state, ModelLogEntry.objects.count()
    assert staff_client.get(reverse(f"loans_admin:loan_{name}", args=[loan.pk])).status_code == 405
    loan.refresh_from_db()
    assert loan.state == state
    assert ModelLogEntry.objects.count() == before


@pytest.mark.parametrize(
    "url", ["loans_admin:stock_block", "loans_admin:counter_create", "loans_admin:stock_unblock"]
)
def test_a_get_on_the_stock_and_counter_actions_is_refused(staff_client, tents, clerk, url):
    block = services.block_units_for_repair(
        item=tents, quantity=1, start=_day(20), end=_day(22), reason="Zeil", by=clerk
    )
    args = {"loans_admin:stock_block": [tents.pk], "loans_admin:stock_unblock": [tents.pk, block.pk]}.get(
        url, []
    )
    before = ModelLogEntry.objects.count()
    assert staff_client.get(reverse(url, args=args)).status_code == 405
    block.refresh_from_db()
    assert block.released_at is None and UnitBlock.objects.count() == 1
    assert ModelLogEntry.objects.count() == before


def test_block_and_unblock_each_write_one_audit_entry(staff_client, tents):
    staff_client.post(
        reverse("loans_admin:stock_block", args=[tents.pk]),
        {"block-quantity": 1, "block-start": "2030-06-20", "block-end": "2030-06-25", "block-reason": "Zeil"},
    )
    block = UnitBlock.objects.get()
    assert ModelLogEntry.objects.filter(action="loans.loan_block").count() == 1
    response = staff_client.post(reverse("loans_admin:stock_unblock", args=[tents.pk, block.pk]))
    assert response.status_code == 302
    assert ModelLogEntry.objects.filter(action="loans.loan_unblock").count() == 1


def test_counter_create_writes_one_audit_entry(staff_client, bob, chairs):
    staff_client.post(
        reverse("loans_admin:counter_create"),
        {
            "email": bob.email,
            "counter-pickup_date": "2030-06-07",
            "counter-pickup_time": "07:00",
            "counter-return_date": "2030-06-08",
            "counter-return_time": "10:00",
            f"item_{chairs.pk}": "3",
        },
    )
    loan = bob.loans.get()
    entries = ModelLogEntry.objects.filter(action="loans.loan_counter")
    assert entries.count() == 1 and entries.get().object_id == str(loan.pk)


def test_the_audit_entry_is_rolled_back_with_the_service(monkeypatch, clerk, loan):
    """The entry is written inside the service's transaction: a failure after it leaves no entry."""
    _approved(loan, clerk)
    before = ModelLogEntry.objects.count()

    def log_then_fail(*args, **kwargs):
        real_log(*args, **kwargs)
        raise RuntimeError("after the audit entry")

    real_log = handling.log
    monkeypatch.setattr(handling, "log", log_then_fail)
    with pytest.raises(RuntimeError):
        services.hand_out_loan(loan=loan, by=clerk, handed_out_to="Jef")
    loan.refresh_from_db()
    assert loan.state == LoanState.INVOICED
    assert ModelLogEntry.objects.count() == before


def test_a_refused_action_writes_no_audit_entry(staff_client, clerk, loan):
    _approved(loan, clerk)
    before = ModelLogEntry.objects.count()
    staff_client.post(reverse("loans_admin:loan_approve", args=[loan.pk]), ACTIONS["approve"][1](loan))
    assert ModelLogEntry.objects.count() == before


def _day(day: int):
    from tests.reservations.loans.conftest import at

    return at(2030, 6, day, 10)
