from decimal import Decimal
from pathlib import Path

import pytest

from payments import reconciliation, services
from payments.errors import PaymentError
from payments.models import MatchStatus, Order, OrderStatus, Payment, StatementLine

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
REF_A, REF_B = "260000010173", "260000010274"  # in statement_2026_042.cod


@pytest.fixture
def two_orders(alice, bob, make_order):
    first = make_order(user=alice, price="120.00")
    second = make_order(user=bob, price="80.00")
    Order.objects.filter(pk=first.pk).update(structured_reference=REF_A)
    Order.objects.filter(pk=second.pk).update(structured_reference=REF_B)
    for order in (first, second):
        services.start_payment(order=order, provider="bank_transfer", return_url="/")
    return first, second


def test_coda_file_imported_twice_books_nothing_twice(two_orders, hall_handler):
    content = (DATA / "statement_2026_042.cod").read_bytes()
    first_import = reconciliation.import_statement(file_name="statement_2026_042.cod", content=content)
    second_import = reconciliation.import_statement(file_name="statement_2026_042.cod", content=content)

    paid, partial = (Order.objects.get(pk=o.pk) for o in two_orders)
    assert paid.status == OrderStatus.PAID
    assert partial.status == OrderStatus.PENDING and partial.needs_attention
    assert partial.balance_due() == Decimal("30.00")
    assert Payment.objects.filter(provider="bank_transfer").count() == 2
    assert len(hall_handler.events("paid")) == 1
    assert (first_import.lines_total, first_import.lines_new, first_import.lines_matched) == (4, 4, 1)
    assert (second_import.lines_total, second_import.lines_new) == (4, 0)
    statuses = dict(StatementLine.objects.values_list("structured_reference", "match_status"))
    assert statuses[REF_A] == MatchStatus.MATCHED
    assert statuses[REF_B] == MatchStatus.PARTIAL
    assert statuses["260000099901"] == MatchStatus.UNMATCHED
    assert StatementLine.objects.get(amount=Decimal("-12.50")).match_status == MatchStatus.IGNORED


def test_bank_csv_with_comma_decimals_matches_and_flags_overpayment(two_orders):
    template = (DATA / "kbc_export.csv").read_text(encoding="windows-1252")
    content = template.format(ref_a=REF_A, ref_b_fmt="260/0000/10274").encode("windows-1252")
    result = reconciliation.import_statement(file_name="kbc.csv", content=content)
    again = reconciliation.import_statement(file_name="kbc.csv", content=content)

    over, exact = (Order.objects.get(pk=o.pk) for o in two_orders)
    assert over.status == OrderStatus.PAID and over.needs_attention  # 150 paid for 120
    assert exact.status == OrderStatus.PAID and not exact.needs_attention
    assert (result.lines_new, result.lines_matched, again.lines_new) == (3, 1, 0)
    assert StatementLine.objects.get(structured_reference=REF_A).match_status == MatchStatus.OVERPAID


def test_garbage_file_gets_a_clear_error_and_nothing_is_saved():
    with pytest.raises(PaymentError) as error:
        reconciliation.import_statement(file_name="x.csv", content=b"foo;bar\n1;2\n")
    assert error.value.field == "file"
    assert not StatementLine.objects.exists()
