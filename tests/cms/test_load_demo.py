import datetime

import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.models import Page, Site

from cms.models import HomePage, NewsPage
from themes.models import Theme

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_load_demo_twice_changes_no_row_counts(capsys):
    call_command("load_demo")
    first = row_counts()

    call_command("load_demo")

    assert row_counts() == first
    assert "admin@dorpsveld.be" in capsys.readouterr().out


def test_demo_builds_two_themed_municipalities_and_drops_the_wagtail_welcome_page(client, today_is):
    call_command("load_demo")
    today_is(datetime.date(2026, 11, 23))  # a Monday

    dorpsveld = Site.objects.get(is_default_site=True)
    heuvelrode = Site.objects.get(hostname="heuvelrode.localhost")
    assert (dorpsveld.hostname, dorpsveld.port) == ("localhost", 8000)
    assert heuvelrode.port == 8000
    assert Theme.for_site(dorpsveld).primary_color != Theme.for_site(heuvelrode).primary_color
    assert Theme.for_site(dorpsveld).logo is not None
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()
    assert HomePage.objects.count() == 2
    assert NewsPage.objects.descendant_of(heuvelrode.root_page).count() == 3

    html = client.get("/", HTTP_HOST="127.0.0.1:8000").content.decode()
    assert "Dorpsveld" in html and "Zalen huren" in html and "Materiaal lenen" in html
    assert "Vandaag open van 09:00 tot 12:00 en van 13:30 tot 16:00" in html
    heuvelrode_html = client.get("/", HTTP_HOST="heuvelrode.localhost:8000").content.decode()
    assert "Heuvelrode" in heuvelrode_html
    assert "--color-primary: #8a1c3c;" in heuvelrode_html


def test_demo_staff_can_log_in_with_the_published_password(client):
    call_command("load_demo")

    assert client.login(email="zalen@dorpsveld.be", password="dorpsplein")
    assert client.get("/admin/").status_code == 200
