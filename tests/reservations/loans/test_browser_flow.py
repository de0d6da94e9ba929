"""The whole loan in a real browser: the Chiro fills a basket with the party pack and extra chairs and
requests it; the depot approves, takes the money at the counter, hands out, checks in one damaged table
and keeps part of the deposit; the Chiro sees the settlement. Public pages are checked with axe-core."""

import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from PIL import Image

from reservations.loans.models import Loan, LoanState
from tests.cms.factories import build_site

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

SERIOUS = {"serious", "critical"}


@pytest.fixture(autouse=True)
def _browser_settings(settings, live_server):
    settings.ALLOWED_HOSTS = ["*"]
    settings.WAGTAILADMIN_BASE_URL = live_server.url


def axe_check(page, label: str) -> None:
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v.get("impact") in SERIOUS]
    report = "\n".join(f"- {v['id']}: {v['help']} ({v['nodes'][0]['html'][:160]})" for v in serious)
    assert not serious, f"axe-core on {label} ({page.url}):\n{report}"


def log_in_as(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def damage_photo() -> dict:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (180, 120, 60)).save(buffer, format="PNG")
    return {"name": "tafel.png", "mimeType": "image/png", "buffer": buffer.getvalue()}


def test_association_borrows_a_party_pack_and_sees_the_settlement(
    page, live_server, alice, chiro, clerk, party_pack, chairs
):
    build_site()
    base = live_server.url

    # The Chiro's booker fills the basket with the party pack and 10 extra chairs.
    log_in_as(page, live_server, alice)
    page.goto(f"{base}/reserveren/uitlenen/")
    axe_check(page, "catalogue")
    page.get_by_role("link", name="Klapstoel").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Klapstoel"
    axe_check(page, "item page")
    page.goto(f"{base}/reserveren/uitlenen/")
    page.get_by_role("button", name=re.compile(r"Op materiaallijst\s*:\s*Feestpakket")).click()
    page.wait_for_url("**/mandje/")
    page.goto(f"{base}/reserveren/uitlenen/")
    page.get_by_label("Aantal Klapstoel").fill("10")
    page.get_by_role("button", name=re.compile(r"Op materiaallijst\s*:\s*Klapstoel")).click()
    page.wait_for_url("**/mandje/")
    assert page.get_by_role("row", name=re.compile("Klapstoel 50")).is_visible()
    axe_check(page, "basket")

    page.get_by_role("link", name="Verder naar aanvragen").click()
    page.get_by_label("Afhalen op").fill("2030-06-07")
    page.get_by_label("Afhaaluur").fill("10:00")
    page.get_by_label("Terugbrengen op").fill("2030-06-10")
    page.get_by_label("Terugbrenguur").fill("10:00")
    page.get_by_label("Ik ontleen voor").select_option(label="Chiro Dorpsveld")
    page.get_by_role("button", name="Prijs berekenen").click()
    assert page.get_by_role("table", name="Prijsberekening").is_visible()
    assert page.get_by_text("€ 205,00").first.is_visible()
    axe_check(page, "request form with quote")
    page.get_by_role("button", name="Aanvraag versturen").click()
    page.wait_for_url(re.compile(r"/uitlenen/mijn/\d+/$"))
    assert page.locator(".loan-state").inner_text() == "Aangevraagd"
    axe_check(page, "loan detail")
    loan = Loan.objects.get()

    # The depot approves (pay at the counter), takes the money, hands out and checks the return.
    log_in_as(page, live_server, clerk)
    page.goto(f"{base}/admin/uitleendienst/ontlening/{loan.pk}/")
    page.locator("#id_decision-payment_mode").select_option("counter")
    page.get_by_role("button", name="Goedkeuren").click()
    page.get_by_role("button", name=re.compile("205,00 ontvangen")).click()
    assert page.locator(".loan-state").inner_text().startswith("Goedgekeurd en betaald")
    page.get_by_label("Meegegeven aan (naam)").fill("Jef Vermeulen")
    page.get_by_role("button", name="Meegeven").click()
    assert page.locator(".loan-state").inner_text().startswith("Meegegeven")
    page.get_by_label(re.compile(r"^Feesttafel beschadigd:?$")).fill("1")
    page.get_by_label(re.compile(r"^Schade aan Feesttafel:?$")).fill("Tafelblad gebarsten")
    page.get_by_label(re.compile(r"^Foto van de schade aan Feesttafel:?$")).set_input_files(damage_photo())
    page.get_by_role("button", name="Teruggave registreren").click()
    assert page.locator(".loan-state").inner_text().startswith("Teruggebracht")
    page.get_by_label("In te houden van de waarborg (€)").fill("30")
    page.get_by_label(re.compile(r"^Reden:?$")).fill("Tafelblad gebarsten")
    page.get_by_role("button", name="Afrekenen").click()
    assert page.locator(".loan-state").inner_text().startswith("Afgerekend")

    loan.refresh_from_db()
    table_line = loan.lines.get(item__name="Feesttafel")
    assert loan.state == LoanState.SETTLED and loan.handed_out_to == "Jef Vermeulen"
    assert table_line.damaged_quantity == 1 and table_line.damage_photo

    # The Chiro sees the settlement in "my loans".
    log_in_as(page, live_server, alice)
    page.goto(f"{base}/reserveren/uitlenen/mijn/")
    row = page.get_by_role("row", name=re.compile(loan.number))
    assert "Afgerekend" in row.inner_text()
    assert "€ 30,00 ingehouden, € 70,00 terugbetaald" in row.inner_text()
    axe_check(page, "my loans")
