import datetime

import pytest

from cms.models import NEWS_PER_PAGE
from tests.cms.factories import add_news, build_site

pytestmark = pytest.mark.django_db


def test_news_index_lists_newest_first(client, site):
    add_news(site, title="Oud bericht", date=datetime.date(2026, 1, 5))
    add_news(site, title="Nieuw bericht", date=datetime.date(2026, 11, 1))

    html = client.get("/nieuws/").content.decode()

    assert html.index("Nieuw bericht") < html.index("Oud bericht")


def test_news_index_is_paginated(client, site):
    for day in range(1, NEWS_PER_PAGE + 3):
        add_news(site, title=f"Bericht {day:02d}", date=datetime.date(2026, 3, day))

    first = client.get("/nieuws/").content.decode()
    second = client.get("/nieuws/?pagina=2").content.decode()
    beyond = client.get("/nieuws/?pagina=99")
    garbage = client.get("/nieuws/?pagina=x")

    assert "Bericht 12" in first and "Bericht 01" not in first
    assert "Bericht 01" in second and "Bericht 12" not in second
    assert 'rel="next"' in first
    assert beyond.status_code == 200 and "Bericht 01" in beyond.content.decode()
    assert garbage.status_code == 200 and "Bericht 12" in garbage.content.decode()


def test_news_page_shows_date_and_intro(client, site):
    add_news(site, title="Kerstmarkt", date=datetime.date(2026, 11, 15), intro="Kraampjes gezocht.")

    response = client.get("/nieuws/kerstmarkt/")

    assert response.status_code == 200
    assert '<time datetime="2026-11-15">' in response.content.decode()
    assert "Kraampjes gezocht." in response.content.decode()


def test_search_finds_a_news_page(client, site):
    add_news(
        site, title="Kerstmarkt op het plein", date=datetime.date(2026, 11, 15), intro="Kraampjes gezocht."
    )

    response = client.get("/site/zoeken/", {"q": "kerstmarkt"})

    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/nieuws/kerstmarkt-op-het-plein/"' in html
    assert "1 resultaat voor ‘kerstmarkt’" in html


def test_search_only_shows_pages_of_the_current_site(client, site):
    other = build_site(name="Heuvelrode", hostname="heuvelrode.localhost", is_default=False)
    add_news(other, title="Heuvelrode kermis", date=datetime.date(2026, 8, 1))

    html = client.get("/site/zoeken/", {"q": "kermis"}).content.decode()

    assert "0 resultaten" in html
    assert "Niets gevonden" in html


def test_search_without_query_shows_the_form_only(client, site):
    response = client.get("/site/zoeken/")

    assert response.status_code == 200
    assert '<label for="search-q">' in response.content.decode()
    assert "resultaten voor" not in response.content.decode()


def test_search_ignores_a_page_number_out_of_range(client, site):
    add_news(site, title="Kerstmarkt", date=datetime.date(2026, 11, 15))

    response = client.get("/site/zoeken/", {"q": "kerstmarkt", "pagina": "42"})

    assert response.status_code == 200
    assert "Kerstmarkt" in response.content.decode()
