import pytest

from tests.cms.factories import build_site
from themes.models import Theme
from themes.selectors import theme_for_request

pytestmark = pytest.mark.django_db


def set_colours(site, primary: str, secondary: str, baseline: str = "") -> None:
    theme = Theme.for_site(site)
    theme.primary_color, theme.secondary_color, theme.baseline = primary, secondary, baseline
    theme.full_clean()
    theme.save()


def test_two_sites_serve_their_own_theme_colours(client, site):
    heuvelrode = build_site(name="Heuvelrode", hostname="heuvelrode.localhost", is_default=False)
    set_colours(site, "#1d5e8c", "#2f5d3a", "Samen maken we het dorp")
    set_colours(heuvelrode, "#8a1c3c", "#4a3b7a", "Groen en gastvrij")

    dorpsveld_html = client.get("/", HTTP_HOST="localhost").content.decode()
    heuvelrode_html = client.get("/", HTTP_HOST="heuvelrode.localhost").content.decode()

    assert "--color-primary: #1d5e8c;" in dorpsveld_html
    assert "--color-secondary: #2f5d3a;" in dorpsveld_html
    assert "Samen maken we het dorp" in dorpsveld_html
    assert "--color-primary: #8a1c3c;" in heuvelrode_html
    assert "--color-secondary: #4a3b7a;" in heuvelrode_html
    assert "Groen en gastvrij" in heuvelrode_html
    assert '<span class="brand__name">Heuvelrode</span>' in heuvelrode_html


def test_theme_for_request_is_looked_up_once_per_request(rf, site, django_assert_num_queries):
    set_colours(site, "#1d5e8c", "#2f5d3a")
    request = rf.get("/", HTTP_HOST="localhost")

    first = theme_for_request(request)
    with django_assert_num_queries(0):
        second = theme_for_request(request)

    assert first is second
    assert first.primary_color == "#1d5e8c"


def test_unknown_host_without_default_site_gets_no_theme(rf, site):
    site.is_default_site = False
    site.save()

    assert theme_for_request(rf.get("/", HTTP_HOST="elders.example")) is None
