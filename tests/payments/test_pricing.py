from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType

from accounts.categories import CustomerCategory
from payments import services
from payments.errors import PaymentError
from payments.models import Tariff, TariffUnit
from payments.pricing import PriceRequest, quote
from tests.accounts.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hall_tariffs(hall):
    ct = ContentType.objects.get_for_model(hall)
    common = {"target_content_type": ct, "target_object_id": hall.pk, "unit": TariffUnit.HOUR}
    Tariff.objects.create(category=CustomerCategory.RECOGNISED_ASSOCIATION, price=Decimal("2.00"), **common)
    Tariff.objects.create(
        category=CustomerCategory.RESIDENT,
        price=Decimal("12.10"),
        vat_rate=Decimal("21"),
        deposit=Decimal("100"),
        **common,
    )
    Tariff.objects.create(
        category=CustomerCategory.COMPANY, price=Decimal("30.25"), vat_rate=Decimal("21"), **common
    )


def test_each_category_gets_its_own_price(hall, hall_tariffs):
    request = [PriceRequest(target=hall, unit=TariffUnit.HOUR, quantity=Decimal("3"))]
    assert quote(items=request, category=CustomerCategory.RECOGNISED_ASSOCIATION).total == Decimal("6.00")
    assert quote(items=request, category=CustomerCategory.COMPANY).total == Decimal("90.75")


def test_quote_is_itemised_with_vat_and_deposit_line(hall, hall_tariffs):
    result = quote(
        items=[
            PriceRequest(target=hall, unit=TariffUnit.HOUR, quantity=Decimal("2.5"), description="Zaal 2,5 u")
        ],
        category=CustomerCategory.RESIDENT,
    )
    rent, deposit = result.lines
    assert rent.amounts.total == Decimal("30.25")
    assert rent.amounts.vat == Decimal("5.25")
    assert rent.amounts.total_excl_vat == Decimal("25.00")
    assert deposit.is_deposit and deposit.amounts.total == Decimal("100.00") and deposit.vat_rate == 0
    assert result.total == Decimal("130.25")
    assert result.deposit_total == Decimal("100.00")


def test_quote_becomes_an_order_with_the_same_totals(alice, hall, hall_tariffs, hall_handler):
    result = quote(
        items=[PriceRequest(target=hall, unit=TariffUnit.HOUR, quantity=Decimal("4"), handler="tests.hall")],
        category=CustomerCategory.RESIDENT,
    )
    order = services.create_order(
        municipality=MunicipalityFactory(), lines=result.as_line_specs(), user=alice
    )
    assert order.total == result.total
    assert order.total_vat == result.totals.vat
    assert order.lines.filter(is_deposit=True).count() == 1
    assert order.lines.first().target == hall


def test_missing_tariff_is_a_clear_error(hall, hall_tariffs):
    with pytest.raises(PaymentError) as error:
        quote(items=[PriceRequest(target=hall, unit=TariffUnit.DAY)], category=CustomerCategory.SCHOOL)
    assert error.value.field == "category"
