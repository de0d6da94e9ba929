import pytest
from django.urls import reverse

from cms.models import OpeningHours, SiteSettings
from tests.cms.conftest import A_MONDAY

pytestmark = pytest.mark.django_db


def settings_form(**overrides) -> dict:
    data = {
        "site_name": "Dorpsveld",
        "address": "Dorpsplein 1\n9999 Dorpsveld",
        "phone": "09 123 45 67",
        "email": "info@dorpsveld.be",
        "opening_hours_note": "",
        "opening_hours-TOTAL_FORMS": "2",
        "opening_hours-INITIAL_FORMS": "0",
        "opening_hours-MIN_NUM_FORMS": "0",
        "opening_hours-MAX_NUM_FORMS": "1000",
        "opening_hours-0-weekday": "0",
        "opening_hours-0-opens": "09:00",
        "opening_hours-0-closes": "12:00",
        "opening_hours-0-ORDER": "1",
        "opening_hours-0-id": "",
        "opening_hours-1-weekday": "0",
        "opening_hours-1-opens": "17:00",
        "opening_hours-1-closes": "19:30",
        "opening_hours-1-ORDER": "2",
        "opening_hours-1-id": "",
    }
    return {**data, **overrides}


def test_staff_edit_opening_hours_in_the_admin_and_the_footer_follows(client, site, sam, today_is):
    client.force_login(sam)
    url = reverse("wagtailsettings:edit", args=["cms", "sitesettings", site.pk])

    response = client.post(url, settings_form(phone="09 222 33 44"))

    assert response.status_code == 302
    today_is(A_MONDAY)
    html = client.get("/").content.decode()
    assert "Vandaag open van 09:00 tot 12:00 en van 17:00 tot 19:30" in html
    assert "09 222 33 44" in html


def test_admin_refuses_a_period_that_closes_before_it_opens(client, site, sam):
    client.force_login(sam)
    url = reverse("wagtailsettings:edit", args=["cms", "sitesettings", site.pk])

    response = client.post(url, settings_form(**{"opening_hours-1-closes": "16:00", "phone": "09 999 99 99"}))

    assert response.status_code == 200
    assert "Het sluitingsuur moet na het openingsuur liggen." in response.content.decode()
    assert not OpeningHours.objects.exists()
    assert SiteSettings.for_site(site).phone == "09 123 45 67"
