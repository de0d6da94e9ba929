"""The customer's payment pages in a real browser, checked with axe-core."""

from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client

from payments import services
from payments.selectors import order_access_token
from tests.accounts.factories import MunicipalityFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

SERIOUS = {"serious", "critical"}


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({v['nodes'][0]['html'][:120]})"
        for v in results.response["violations"]
        if v.get("impact") in SERIOUS
    ]


@pytest.fixture
def browser_settings(settings, live_server):
    settings.ALLOWED_HOSTS = ["*"]
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    return settings


def test_walk_in_pays_by_bank_transfer_with_the_keyboard(page, live_server, browser_settings):
    order = services.create_order(
        municipality=MunicipalityFactory(),
        lines=[services.LineSpec(description="Ticket Kerstconcert", unit_price=Decimal("12.50"), quantity=2)],
        walk_in_name="Jan Modaal",
        walk_in_email="jan@example.be",
    )
    token = order_access_token(order)
    page.goto(f"{live_server.url}/betalen/bestelling/{order.number}/betalen/?t={token}")
    assert serious_violations(page) == []

    page.get_by_label("Overschrijving").check()
    page.get_by_role("button", name="Verder naar betalen").press("Enter")

    page.wait_for_url(f"**/overschrijving/?t={token}")
    order.refresh_from_db()
    assert page.get_by_text(order.formatted_reference).is_visible()
    assert page.locator("img[alt*='QR-code']").evaluate("img => img.naturalWidth > 0")
    assert serious_violations(page) == []


def test_my_orders_page_is_accessible(page, live_server, browser_settings, alice):
    services.create_order(
        municipality=MunicipalityFactory(),
        lines=[services.LineSpec(description="Zaal", unit_price=Decimal("80"))],
        user=alice,
    )
    client = Client()
    client.force_login(alice)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/betalen/")
    assert page.get_by_role("heading", name="Mijn bestellingen").is_visible()
    assert serious_violations(page) == []
