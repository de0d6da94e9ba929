"""The whole room-hire flow in a real browser, axe-checked: a resident books and pays an instant room by
bank transfer, an association requests an on-approval room, staff approve it in the Wagtail admin, and
the association sees it confirmed and receives the e-mail with the .ics."""

import re
from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.test import Client
from playwright.sync_api import expect

from payments import services as payment_services
from reservations.rooms.models import Booking, BookingState
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
    build_site(name="Dorpsveld")


def axe_check(page, label: str) -> None:
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v.get("impact") in SERIOUS]
    report = "\n".join(
        f"- [{v['impact']}] {v['id']}: {v['help']} ({v['nodes'][0]['html'][:160]})" for v in serious
    )
    assert not serious, f"axe-core on {label} ({page.url}):\n{report}"


def log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def fill_booking(page, day, *, start: str, end: str, people: str, purpose: str) -> None:
    page.get_by_label("Datum").fill(day.isoformat())
    page.get_by_label("Beginuur").fill(start)
    page.get_by_label("Einduur").fill(end)
    page.get_by_label("Doel").fill(purpose)
    page.get_by_label("Aantal personen").fill(people)


def test_resident_pays_association_gets_approved_and_confirmed(
    page, live_server, instant_room, approval_room, alice, bob, club, clerk, far_day
):
    # Alice, a resident, finds the instant room and books it.
    log_in(page, live_server, alice)
    page.goto(live_server.url + "/reserveren/zalen/")
    axe_check(page, "room list")
    page.get_by_role("link", name="Polyvalente zaal").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Polyvalente zaal"
    axe_check(page, "room page (month)")
    page.get_by_role("link", name="Volgende maand").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"maand="))
    expect(page.locator("table.availability caption")).to_contain_text("Beschikbaarheid in")
    page.get_by_role("link", name="Toon per week").click()
    axe_check(page, "room page (week)")
    page.get_by_role("link", name="Deze zaal reserveren").click()
    axe_check(page, "booking form")
    fill_booking(page, far_day, start="14:00", end="17:00", people="40", purpose="Verjaardagsfeest")
    page.get_by_role("button", name="Prijs bekijken").click()
    expect(page.get_by_role("heading", name="Overzicht en prijs")).to_be_visible()
    expect(page.get_by_text("€ 45,00").first).to_be_visible()
    axe_check(page, "quote")
    page.get_by_role("button", name="Reserveren en betalen").click()
    # The room is held in the basket, with its countdown, until Alice checks out.
    page.wait_for_url(re.compile(r"/betalen/mandje/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Je mandje")
    axe_check(page, "basket")
    page.get_by_role("button", name="Afrekenen").click()
    page.wait_for_url(re.compile(r"/betalen/bestelling/.+/betalen/"))
    page.get_by_label("Overschrijving").check()
    page.get_by_role("button", name="Verder naar betalen").click()
    page.wait_for_url(re.compile(r"/overschrijving/"))
    booking = Booking.objects.get(customer=alice)
    assert booking.state == BookingState.AWAITING_PAYMENT
    # The bank statement arrives: the structured reference books the payment on the order.
    payment_services.record_payment(
        order_id=booking.order_id,
        provider="bank_transfer",
        amount=Decimal("45.00"),
        method="transfer",
        reference="coda:2026:1:1",
    )
    page.goto(live_server.url + "/reserveren/mijn-reservaties/")
    axe_check(page, "my bookings")
    expect(page.get_by_role("cell", name="Bevestigd")).to_be_visible()

    # Bob books the party hall for his club; it needs approval.
    log_in(page, live_server, bob)
    page.goto(live_server.url + approval_room.get_absolute_url())
    page.get_by_role("link", name="Deze zaal reserveren").click()
    fill_booking(page, far_day, start="18:00", end="23:00", people="150", purpose="Clubfeest")
    page.get_by_label("Voor wie reserveert u?").select_option(label="KFC Dorpsveld")
    page.get_by_role("button", name="Prijs bekijken").click()
    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(page.get_by_text("Aangevraagd (optie)")).to_be_visible()
    axe_check(page, "booking detail")

    # Staff approve it in the Wagtail admin.
    log_in(page, live_server, clerk)
    page.goto(live_server.url + "/admin/zaalverhuur/aanvragen/")
    page.get_by_role("link", name=re.compile(r"\d{4}")).first.click()
    page.get_by_role("button", name="Goedkeuren").click()
    expect(page.locator("dd strong")).to_have_text("Bevestigd")

    # Bob sees it confirmed; the club got the confirmation with the PDF and the .ics.
    log_in(page, live_server, bob)
    page.goto(live_server.url + "/reserveren/mijn-reservaties/")
    expect(page.get_by_role("cell", name="Bevestigd")).to_be_visible()
    club_booking = Booking.objects.get(association=club)
    assert club_booking.state == BookingState.CONFIRMED
    confirmation = [m for m in mail.outbox if "Bevestiging" in m.subject and "info@kfc-dorpsveld.be" in m.to]
    assert len(confirmation) == 1
    assert any(name.endswith(".ics") for name, _content, _type in confirmation[0].attachments)
