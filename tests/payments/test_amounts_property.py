from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from payments.amounts import CENT, line_amounts, sum_amounts

prices = st.decimals(min_value=Decimal("0"), max_value=Decimal("10000"), places=2)
quantities = st.decimals(min_value=Decimal("0.25"), max_value=Decimal("500"), places=2)
rates = st.sampled_from([Decimal("0"), Decimal("6"), Decimal("12"), Decimal("21")])


@given(st.lists(st.tuples(quantities, prices, rates), min_size=1, max_size=12))
def test_line_and_order_totals_always_add_up_to_the_cent(lines):
    amounts = [line_amounts(quantity=q, unit_price=p, vat_rate=r) for q, p, r in lines]
    for (quantity, price, rate), amount in zip(lines, amounts, strict=True):
        for value in (amount.total, amount.vat, amount.total_excl_vat):
            assert value == value.quantize(CENT)
        assert amount.total_excl_vat + amount.vat == amount.total
        assert abs(amount.total - quantity * price) <= Decimal("0.005")
        if rate == 0:
            assert amount.vat == 0
        else:  # the VAT inside the price is within half a cent of the exact share
            assert abs(amount.vat - amount.total * rate / (100 + rate)) <= Decimal("0.005")
    order = sum_amounts(amounts)
    assert order.total == sum(a.total for a in amounts)
    assert order.total_excl_vat + order.vat == order.total
