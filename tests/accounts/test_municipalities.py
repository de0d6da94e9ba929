import pytest
from django.urls import reverse
from wagtail.models import Site

from accounts.categories import CustomerCategory, category_for_user
from accounts.municipalities import municipality_for_site
from tests.accounts.factories import MunicipalityFactory, UserFactory, map_site
from tests.associations.factories import AssociationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def heuvelrode_site():
    default = Site.objects.get(is_default_site=True)
    site = Site.objects.create(hostname="heuvelrode.localhost", port=80, root_page=default.root_page)
    return map_site(site, MunicipalityFactory.heuvelrode())


def test_a_heuvelrode_resident_is_resident_on_heuvelrodes_site_only(dorpsveld, heuvelrode_site):
    carla = UserFactory(email="carla@heuvelrode.be", postal_code="9990")
    heuvelrode = municipality_for_site(heuvelrode_site)

    assert category_for_user(carla, municipality=heuvelrode) == CustomerCategory.RESIDENT
    assert category_for_user(carla, municipality=dorpsveld) == CustomerCategory.NON_RESIDENT


def test_the_directory_on_heuvelrodes_site_shows_only_heuvelrodes_associations(
    client, dorpsveld, heuvelrode_site
):
    AssociationFactory(name="KSA Dorpsveld", municipality=dorpsveld)
    AssociationFactory(name="Chiro Heuvelrode", municipality=municipality_for_site(heuvelrode_site))

    html = client.get(reverse("associations:directory"), HTTP_HOST="heuvelrode.localhost").content.decode()

    assert "Chiro Heuvelrode" in html
    assert "KSA Dorpsveld" not in html
