"""The basket in a real browser, keyboard only: a resident books an instant room and borrows an
auto-approved item, finds both in the basket with the countdown, checks out and reaches the payment
choice; axe-core finds nothing serious; on a phone the basket fits without scrolling sideways.

Keyboard only: focus moves with Tab (``tab_to`` presses it until the wanted control has focus), buttons
are pressed with Enter or Space, and text goes in with the keyboard; nothing is clicked."""

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from playwright.sync_api import expect

from tests.cms.factories import build_site
from tests.reservations.loans.factories import DepotFactory, LoanItemFactory, add_tariffs, open_depot

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

SERIOUS = {"serious", "critical"}
SCREENSHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"


@pytest.fixture(autouse=True)
def _browser_settings(settings, live_server):
    settings.ALLOWED_HOSTS = ["*"]
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    build_site(name="Dorpsveld")


@pytest.fixture
def chairs(db):
    item = LoanItemFactory(
        name="Klapstoel", slug="klapstoel", depot=open_depot(DepotFactory()), stock=50, auto_approve_up_to=20
    )
    add_tariffs(item, price="0.50")
    return item


def log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def tab_to(page, locator, limit: int = 120) -> None:
    """Press Tab until ``locator`` has the focus, as a keyboard user would."""
    handle = locator.element_handle()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(el) => document.activeElement === el", handle):
            return
    raise AssertionError(f"Tab never reached {locator}")


def type_into(page, locator, text: str) -> None:
    tab_to(page, locator)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def type_date(page, locator, day) -> None:
    """Debian's headless chromium orders a date field's parts as month, day, year (its own UI locale)."""
    tab_to(page, locator)
    page.keyboard.type(day.strftime("%m%d%Y"))
    assert locator.input_value() == day.isoformat()


def type_time(page, locator, value: str) -> None:
    """Hours and minutes, then AM/PM where the field shows a 12-hour clock."""
    tab_to(page, locator)
    page.keyboard.type(value.replace(":", ""))
    if locator.input_value() != value:
        page.keyboard.type("A" if int(value[:2]) < 12 else "P")
    assert locator.input_value() == value


def axe_check(page, label: str) -> None:
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v.get("impact") in SERIOUS]
    report = "\n".join(
        f"- [{v['impact']}] {v['id']}: {v['help']} ({v['nodes'][0]['html'][:160]})" for v in serious
    )
    assert not serious, f"axe-core on {label} ({page.url}):\n{report}"


def test_keyboard_only_room_and_loan_into_one_basket_and_to_the_payment_choice(
    page, live_server, instant_room, chairs, alice, far_day
):
    base = live_server.url
    log_in(page, live_server, alice)

    page.goto(f"{base}/reserveren/zalen/{instant_room.slug}/reserveren/")
    type_date(page, page.get_by_label("Datum"), far_day)
    type_time(page, page.get_by_label("Beginuur"), "14:00")
    type_time(page, page.get_by_label("Einduur"), "17:00")
    type_into(page, page.get_by_label("Doel"), "Verjaardagsfeest")
    type_into(page, page.get_by_label("Aantal personen"), "40")
    tab_to(page, page.get_by_role("button", name="Prijs bekijken"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Overzicht en prijs")).to_be_visible()
    tab_to(page, page.get_by_role("button", name=re.compile("Reserveren")))
    page.keyboard.press("Enter")
    page.wait_for_url("**/betalen/mandje/")

    page.goto(f"{base}/reserveren/uitlenen/materiaal/{chairs.slug}/")
    tab_to(page, page.get_by_role("button", name=re.compile("Op materiaallijst")))
    page.keyboard.press("Space")
    page.wait_for_url("**/uitlenen/mandje/")
    page.goto(f"{base}/reserveren/uitlenen/aanvragen/")
    type_date(page, page.get_by_label("Afhalen op"), far_day)
    type_time(page, page.get_by_label("Afhaaluur"), "10:00")
    type_date(page, page.get_by_label("Terugbrengen op"), far_day)
    type_time(page, page.get_by_label("Terugbrenguur"), "17:00")
    tab_to(page, page.get_by_role("button", name="Aanvraag versturen"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/betalen/mandje/")

    expect(page.get_by_role("heading", level=2, name=re.compile("Polyvalente zaal"))).to_be_visible()
    expect(page.get_by_role("heading", level=2, name=re.compile("Klapstoel|Ontlening"))).to_be_visible()
    expect(page.locator("[data-countdown-display]")).to_have_text(re.compile(r"^\d+:\d\d$"))
    expect(page.get_by_role("link", name="Mandje (2)")).to_be_visible()
    axe_check(page, "basket")

    tab_to(page, page.get_by_role("button", name="Afrekenen"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/betalen/bestelling/.+/betalen/"))
    expect(page.get_by_label("Overschrijving")).to_be_visible()


def test_basket_on_a_phone_fits_without_sideways_scrolling(
    page, live_server, instant_room, chairs, alice, far_day
):
    import datetime as dt

    from reservations.loans import services as loan_services
    from reservations.rooms import services as room_services
    from tests.reservations.rooms.conftest import local

    room_services.request_booking(
        room=instant_room,
        customer=alice,
        start=local(far_day, 14),
        end=local(far_day, 17),
        purpose="Verjaardagsfeest",
        people=40,
    )
    loan_services.request_loan(
        user=alice,
        lines=[(chairs, 10)],
        pickup_at=local(far_day, 10),
        return_at=local(far_day, 17) + dt.timedelta(days=1),
    )
    page.set_viewport_size({"width": 375, "height": 667})
    log_in(page, live_server, alice)
    page.goto(f"{live_server.url}/betalen/mandje/")
    expect(page.get_by_role("button", name="Afrekenen")).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "basket-phone.png"), full_page=True)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the basket scrolls {overflow}px sideways at 375 px"
    axe_check(page, "basket on a phone")
