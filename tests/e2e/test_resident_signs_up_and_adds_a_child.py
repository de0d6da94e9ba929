"""The foundation's main flow, as a resident does it in a real browser."""
import re

import pytest
from django.core import mail

from accounts.models import HouseholdMember, User
from tests.accounts.factories import map_site
from tests.cms.factories import build_site

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def dorpsveld_site(dorpsveld):
    site = build_site(name="Dorpsveld")
    map_site(site, dorpsveld)
    return site


def test_resident_signs_up_confirms_logs_in_and_adds_a_child(page, live_server, dorpsveld_site, dorpsveld,
                                                              axe_check):
    page.goto(live_server.url + "/")
    axe_check(page, "home page")

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Zalen huren").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Zalen huren"

    page.get_by_role("link", name="Account maken").click()
    axe_check(page, "sign-up form")
    page.get_by_label("Voornaam").fill("Dora")
    page.get_by_label("Familienaam").fill("Declercq")
    page.get_by_label("Postcode").fill("9999")
    page.locator("#id_email").fill("dora@example.be")
    page.locator("#id_password1").fill("Zomerkamp-2026!")
    page.locator("#id_password2").fill("Zomerkamp-2026!")
    page.get_by_role("button", name=re.compile("Registreren|Account aanmaken", re.I)).click()

    page.wait_for_url(re.compile("confirm|bevestig", re.I))
    dora = User.objects.get(email="dora@example.be")
    assert dora.first_name == "Dora" and dora.is_resident_of(dorpsveld)
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/account/confirm-email/\S+/", mail.outbox[0].body).group(0)
    page.goto(live_server.url + link.split("/account/", 1)[1].join(["/account/", ""]))
    axe_check(page, "confirm e-mail page")
    page.get_by_role("button", name=re.compile("Bevestig", re.I)).click()

    # Confirming logs the resident in and lands on "Mijn Dorpsplein".
    page.wait_for_url(re.compile("/mijn/"))
    page.get_by_role("link", name=re.compile("Mijn gezin", re.I)).first.click()
    axe_check(page, "household page")
    page.get_by_role("link", name=re.compile("Gezinslid toevoegen", re.I)).click()
    axe_check(page, "add household member form")
    page.get_by_label("Voornaam").fill("Lotte")
    page.get_by_label("Familienaam").fill("Declercq")
    page.get_by_label(re.compile("Geboortedatum", re.I)).fill("2018-05-14")
    page.get_by_role("button", name="Bewaren").click()

    assert page.get_by_text("Lotte Declercq").first.is_visible()
    assert list(HouseholdMember.objects.filter(user=dora).values_list("first_name", flat=True)) == ["Lotte"]

    # Log out and back in with the same credentials.
    page.get_by_role("button", name=re.compile("Afmelden|Uitloggen", re.I)).click()
    page.goto(live_server.url + "/account/login/")
    axe_check(page, "login form")
    page.locator("#id_login").fill("dora@example.be")
    page.locator("#id_password").fill("Zomerkamp-2026!")
    page.get_by_role("button", name=re.compile("Aanmelden|Inloggen", re.I)).click()
    page.wait_for_url(re.compile("/mijn/"))
    page.goto(live_server.url + "/mijn/gezin/")
    assert page.get_by_text("Lotte").first.is_visible()
