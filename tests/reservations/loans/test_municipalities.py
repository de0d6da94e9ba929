"""Loans per municipality: each site shows its own depot's items and kits, the tariff follows the depot's
municipality, and depot staff only see (and act on) their own municipality's loans."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from cms import staff as staff_groups
from cms.services import ensure_staff_groups
from reservations.loans.models import Loan
from reservations.loans.services import BASKET_KEY, customer_category, expand_request, request_loan
from tests.accounts.factories import MunicipalityFactory, UserFactory, map_site
from tests.cms.factories import build_site
from tests.reservations.loans.factories import DepotFactory, LoanItemFactory, add_tariffs, open_depot

pytestmark = pytest.mark.django_db

HEUVELRODE_HOST = "heuvelrode.localhost"


@pytest.fixture
def heuvelrode():
    municipality = MunicipalityFactory.heuvelrode()
    map_site(build_site(name="Heuvelrode", hostname=HEUVELRODE_HOST, is_default=False), municipality)
    return municipality


@pytest.fixture
def heuvel_tent(heuvelrode):
    depot = open_depot(
        DepotFactory(
            municipality=heuvelrode, name="Uitleendienst Heuvelrode", slug="uitleendienst-heuvelrode"
        )
    )
    item = LoanItemFactory(name="Heuveltent", slug="heuveltent", depot=depot, stock=2)
    add_tariffs(item, price="20.00")
    return item


@pytest.fixture
def henk(db):
    return UserFactory(email="henk@example.be", first_name="Henk", last_name="Heuvel", postal_code="9990")


@pytest.fixture
def dorpsveld_desk(dorpsveld):
    ensure_staff_groups()
    user = UserFactory(email="uitleen@dorpsveld.be", is_staff=True)
    user.groups.add(Group.objects.get(name=staff_groups.LOANS))
    user.staff_municipalities.add(dorpsveld)
    return user


def test_heuvelrode_site_shows_only_its_own_items_and_kits(client, party_pack, heuvel_tent):
    html = client.get(reverse("loans:loan_catalogue"), HTTP_HOST=HEUVELRODE_HOST).content.decode()
    assert "Heuveltent" in html and "Klapstoel" not in html and "Feestpakket" not in html
    home = client.get(reverse("loans:loan_catalogue")).content.decode()
    assert "Klapstoel" in home and "Feestpakket" in home and "Heuveltent" not in home
    assert (
        client.get(reverse("loans:loan_item", args=["klapstoel"]), HTTP_HOST=HEUVELRODE_HOST).status_code
        == 404
    )
    assert (
        client.get(reverse("loans:loan_item", args=["heuveltent"]), HTTP_HOST=HEUVELRODE_HOST).status_code
        == 200
    )


def test_basket_refuses_another_municipalitys_item_and_kit(client, henk, chairs, party_pack, heuvel_tent):
    client.force_login(henk)
    add = reverse("loans:loan_basket_add")
    item = client.post(
        add, {"kind": "item", "object_id": chairs.pk, "quantity": 1}, HTTP_HOST=HEUVELRODE_HOST
    )
    kit = client.post(
        add, {"kind": "kit", "object_id": party_pack.pk, "quantity": 1}, HTTP_HOST=HEUVELRODE_HOST
    )
    assert item.status_code == kit.status_code == 404
    assert BASKET_KEY not in client.session


def test_basket_with_foreign_material_is_not_requested(client, henk, chairs, heuvel_tent):
    client.force_login(henk)
    client.post(reverse("loans:loan_basket_add"), {"kind": "item", "object_id": chairs.pk, "quantity": 1})
    response = client.post(
        reverse("loans:loan_request"),
        {
            "pickup_date": "2030-06-07",
            "pickup_time": "10:00",
            "return_date": "2030-06-10",
            "return_time": "10:00",
            "purpose": "Feest",
            "action": "submit",
        },
        HTTP_HOST=HEUVELRODE_HOST,
    )
    assert response.status_code == 302
    assert not Loan.objects.exists()


def test_resident_rate_only_in_the_depots_own_municipality(henk, alice, chiro, chairs, heuvel_tent):
    assert customer_category(user=henk, municipality=heuvel_tent.municipality) == "resident"
    assert customer_category(user=henk, municipality=chairs.municipality) == "non_resident"
    assert customer_category(user=alice, municipality=chairs.municipality) == "resident"
    chiro.recognised = True
    chiro.save()
    assert customer_category(user=alice, association=chiro, municipality=chairs.municipality) == (
        "recognised_association"
    )
    assert customer_category(user=alice, association=chiro, municipality=heuvel_tent.municipality) == (
        "other_association"
    )


def test_dorpsveld_desk_gets_404_on_heuvelrode_loans_and_does_not_see_them(
    client, dorpsveld_desk, clerk, henk, alice, chiro, chairs, heuvel_tent, depot, saturday
):
    pickup, back = saturday
    ours = request_loan(
        user=alice,
        association=chiro,
        lines=expand_request(items=[(chairs, 10)]),
        pickup_at=pickup,
        return_at=back,
    )
    theirs = request_loan(
        user=henk, lines=expand_request(items=[(heuvel_tent, 1)]), pickup_at=pickup, return_at=back
    )
    assert theirs.customer_category == "resident"
    state_before = theirs.state
    client.force_login(dorpsveld_desk)
    assert client.get(reverse("loans_admin:loan", args=[ours.pk])).status_code == 200
    assert client.get(reverse("loans_admin:loan", args=[theirs.pk])).status_code == 404
    for action in ("approve", "cancel", "ready"):
        assert client.post(reverse(f"loans_admin:loan_{action}", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == state_before
    assert client.get(reverse("loans_admin:stock", args=[heuvel_tent.pk])).status_code == 404
    day_list = reverse("loans_admin:day_list")
    params = {"depot": heuvel_tent.depot_id, "day": "2030-06-07"}
    html = client.get(day_list, params).content.decode()
    assert "Heuveltent" not in html and "Heuvel" not in html
    csv_text = client.get(day_list, {**params, "format": "csv"}).content.decode()
    assert "Heuveltent" not in csv_text and "Klapstoel" in csv_text
    listing = client.get(reverse("loans_loan:index")).content.decode()
    assert ours.number in listing and theirs.number not in listing
    assert client.get(reverse("loans_item:edit", args=[heuvel_tent.pk])).status_code == 404

    client.force_login(clerk)
    listing = client.get(reverse("loans_loan:index")).content.decode()
    assert ours.number in listing and theirs.number in listing
    csv_text = client.get(day_list, {**params, "format": "csv"}).content.decode()
    assert "Heuveltent" in csv_text
