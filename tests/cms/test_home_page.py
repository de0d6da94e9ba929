import pytest

from tests.cms.conftest import A_MONDAY, A_SUNDAY
from tests.cms.factories import add_opening_hours

pytestmark = pytest.mark.django_db


def test_home_page_shows_menu_pages_in_the_main_navigation(client, site):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    nav = html[
        html.index('aria-label="Hoofdmenu"') : html.index("</nav>", html.index('aria-label="Hoofdmenu"'))
    ]
    assert 'href="/zalen-huren/">Zalen huren</a>' in nav
    assert 'href="/nieuws/">Nieuws</a>' in nav
    assert "Verborgen pagina" not in nav


def test_home_page_has_skip_link_landmarks_and_title(client, site):
    html = client.get("/").content.decode()

    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html
    assert 'role="status"' in html
    assert "<title>Welkom in Dorpsveld · Dorpsveld</title>" in html


def test_footer_shows_town_hall_contact_details(client, site):
    html = client.get("/").content.decode()

    assert "Dorpsplein 1<br>9999 Dorpsveld" in html
    assert 'href="tel:091234567"' in html
    assert "info@dorpsveld.be" in html


def test_footer_shows_todays_opening_hours_with_a_lunch_break(client, site, today_is):
    add_opening_hours(site, A_MONDAY.weekday(), ("13:30", "16:00"), ("09:00", "12:00"))
    today_is(A_MONDAY)

    html = client.get("/").content.decode()

    assert "Vandaag open van 09:00 tot 12:00 en van 13:30 tot 16:00" in html


def test_footer_says_closed_on_a_day_without_opening_hours(client, site, today_is):
    add_opening_hours(site, A_MONDAY.weekday(), ("09:00", "12:00"))
    today_is(A_SUNDAY)

    html = client.get("/").content.decode()

    assert "Vandaag gesloten" in html
    assert "Vandaag open" not in html


def test_anonymous_visitor_sees_login_and_signup_links(client, site):
    html = client.get("/").content.decode()

    assert 'href="/account/login/">Aanmelden</a>' in html
    assert 'href="/account/signup/">Account maken</a>' in html


def test_logged_in_user_gets_a_logout_button(client, site, alice):
    client.force_login(alice)

    html = client.get("/").content.decode()

    assert 'action="/account/logout/"' in html
    assert "Aanmelden</a>" not in html


def test_language_switcher_switches_to_english(client, site):
    html = client.get("/").content.decode()
    assert 'action="/i18n/setlang/"' in html

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"


def test_unknown_address_gets_a_friendly_404_in_the_site_layout(client, site):
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    assert "Deze pagina bestaat niet (meer)" in response.content.decode()
    assert 'href="/zalen-huren/">Zalen huren</a>' in response.content.decode()
