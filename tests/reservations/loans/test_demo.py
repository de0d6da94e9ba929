"""The demo catalogue loads, can be loaded twice, and can actually be borrowed from."""

from calendars.models import Resource
from payments.models import Tariff
from reservations.loans import demo as demo_loans
from reservations.loans.models import Depot, Kit, LoanItem
from reservations.loans.services import expand_request, quote_loan
from tests.accounts.factories import MunicipalityFactory
from tests.reservations.loans.conftest import at


def test_demo_catalogue_is_idempotent_and_quotable(db):
    MunicipalityFactory.heuvelrode()
    demo_loans.load()
    counts = (LoanItem.objects.count(), Tariff.objects.count(), Resource.objects.count())
    demo_loans.load()
    assert (LoanItem.objects.count(), Tariff.objects.count(), Resource.objects.count()) == counts

    depot = Depot.objects.get(name="Uitleendienst Dorpsveld")
    assert depot.resource.opening_hours.count() == 11
    assert LoanItem.objects.get(slug="nadarhek").needs_trailer
    assert LoanItem.objects.get(slug="geluidsinstallatie").deposit == 50
    pack = Kit.objects.get(slug="feestpakket")
    offer = quote_loan(
        lines=expand_request(kits=[(pack, 1)]),
        pickup_at=at(2030, 6, 7, 10),
        return_at=at(2030, 6, 10, 10),
        category="recognised_association",
    )
    # 2 tents × 15 + 10 tables × 1.50 + 40 chairs × 0.30 + deposit 2 × 100
    assert offer.total == 30 + 15 + 12 + 200


def test_demo_gives_heuvelrode_its_own_depot_with_tables_chairs_and_a_tent(db):
    heuvelrode = MunicipalityFactory.heuvelrode()
    demo_loans.load()
    assert Depot.objects.get(slug="uitleendienst-dorpsveld").municipality.slug == "dorpsveld"
    depot = Depot.objects.get(municipality=heuvelrode)
    assert set(depot.items.values_list("category__slug", flat=True)) == {"tenten", "tafels-en-stoelen"}
    assert not Kit.objects.filter(components__item__depot=depot).exists()
