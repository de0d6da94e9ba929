import datetime

import pytest
from django.core.exceptions import ValidationError

from cms.models import OpeningHours, SiteSettings
from cms.selectors import OpenPeriod, describe_today, opening_hours_on
from tests.cms.conftest import A_MONDAY
from tests.cms.factories import add_opening_hours

pytestmark = pytest.mark.django_db


def test_opening_hours_on_a_date_are_that_weekdays_periods_in_order(site):
    add_opening_hours(site, 0, ("13:30", "16:00"), ("09:00", "12:00"))
    add_opening_hours(site, 1, ("09:00", "12:00"))

    periods = opening_hours_on(SiteSettings.for_site(site), A_MONDAY)

    assert periods == [
        OpenPeriod(datetime.time(9), datetime.time(12)),
        OpenPeriod(datetime.time(13, 30), datetime.time(16)),
    ]


def test_describe_today_for_closed_and_open_days():
    assert describe_today([]) == "Vandaag gesloten"
    assert describe_today([OpenPeriod(datetime.time(9), datetime.time(12, 30))]) == (
        "Vandaag open van 09:00 tot 12:30"
    )


def test_closing_before_opening_is_refused(site):
    period = OpeningHours(
        settings=SiteSettings.for_site(site), weekday=0, opens=datetime.time(12), closes=datetime.time(9)
    )

    with pytest.raises(ValidationError) as error:
        period.full_clean()

    assert "Het sluitingsuur moet na het openingsuur liggen." in error.value.message_dict["closes"]


def test_opening_hours_block_shows_the_whole_week_from_the_site_settings(client, site):
    from cms.models import ContentPage

    add_opening_hours(site, 0, ("09:00", "12:00"), ("13:30", "16:00"))
    add_opening_hours(site, 3, ("17:00", "19:30"))
    contact = ContentPage(title="Contact", slug="contact", body=[{"type": "opening_hours", "value": None}])
    site.root_page.add_child(instance=contact)

    html = client.get("/contact/").content.decode()

    assert '<th scope="row">Maandag</th>\n            <td>09:00–12:00, 13:30–16:00</td>' in html
    assert '<th scope="row">Donderdag</th>\n            <td>17:00–19:30</td>' in html
    assert '<th scope="row">Zondag</th>\n            <td>gesloten</td>' in html
