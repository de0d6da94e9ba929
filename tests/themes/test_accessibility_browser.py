"""The themed public layout in a real browser: axe-core, keyboard and a phone-sized screen."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.cms.factories import add_news, add_opening_hours, build_site

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    # pytest-base-url (pulled in by pytest-playwright) still defines a session fixture pytest 9 deprecates.
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

SERIOUS = {"serious", "critical"}
PAGES = [
    "/",
    "/zalen-huren/",
    "/nieuws/",
    "/nieuws/kerstmarkt/",
    "/site/zoeken/?q=kerstmarkt",
    "/bestaat-niet/",
]


@pytest.fixture
def site_with_news(settings):
    settings.ALLOWED_HOSTS = ["*"]
    site = build_site()
    add_opening_hours(site, 0, ("09:00", "12:00"))
    add_news(site, title="Kerstmarkt", date=datetime.date(2026, 11, 15), intro="Kraampjes gezocht.")
    return site


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({v['nodes'][0]['html'][:120]})"
        for v in results.response["violations"]
        if v.get("impact") in SERIOUS
    ]


@pytest.mark.parametrize("width", [1280, 375])
def test_public_pages_have_no_serious_axe_violations(page, live_server, site_with_news, width):
    page.set_viewport_size({"width": width, "height": 800})
    for path in PAGES:
        page.goto(live_server.url + path)
        assert serious_violations(page) == [], path


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, live_server, site_with_news):
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Naar de inhoud"
    assert page.locator(".skip-link").is_visible()

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_phone_menu_opens_with_the_toggle_and_leads_to_a_page(page, live_server, site_with_news):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/")
    menu_link = page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Zalen huren")
    assert not menu_link.is_visible()

    page.get_by_role("button", name="Menu").click()
    menu_link.click()

    assert page.get_by_role("heading", level=1).inner_text() == "Zalen huren"
    no_horizontal_scroll = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert no_horizontal_scroll
