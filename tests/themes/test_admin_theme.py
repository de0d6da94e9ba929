import pytest
from django.urls import reverse

from themes.models import DEFAULT_PRIMARY, Theme

pytestmark = pytest.mark.django_db


def edit_url(site) -> str:
    return reverse("wagtailsettings:edit", args=["themes", "theme", site.pk])


def form_data(**overrides) -> dict:
    data = {
        "logo": "",
        "favicon": "",
        "baseline": "Samen maken we het dorp",
        "primary_color": "#1d5e8c",
        "secondary_color": "#2f5d3a",
    }
    return {**data, **overrides}


def test_admin_refuses_low_contrast_colour_and_saves_nothing(client, site, sam):
    Theme.for_site(site)
    client.force_login(sam)

    response = client.post(edit_url(site), form_data(primary_color="#f5f5a0", baseline="Nieuw"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Te weinig contrast" in html
    assert "4,5:1" in html
    theme = Theme.objects.get(site=site)
    assert theme.primary_color == DEFAULT_PRIMARY
    assert theme.baseline == ""


def test_admin_saves_an_accessible_colour_pair(client, site, sam):
    client.force_login(sam)

    response = client.post(edit_url(site), form_data(primary_color="#5c2d91", secondary_color="#00524c"))

    assert response.status_code == 302
    theme = Theme.objects.get(site=site)
    assert (theme.primary_color, theme.secondary_color) == ("#5c2d91", "#00524c")
