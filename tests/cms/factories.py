"""Factories for the public site: users, page trees and sites."""

import datetime

import factory
from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from cms.models import ContentPage, HomePage, NewsIndexPage, NewsPage, OpeningHours, SiteSettings
from cms.services import ensure_page_tree_root


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"persoon{n}@example.be")
    first_name = "Test"
    last_name = "Persoon"
    password = factory.django.Password("geheim-wachtwoord-1")


def add_page(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    return page


def build_site(
    *,
    name: str = "Dorpsveld",
    hostname: str = "localhost",
    port: int = 80,
    is_default: bool = True,
    phone: str = "09 123 45 67",
) -> Site:
    """A Wagtail Site with a home page, a menu page, a hidden page, a news index and settings."""
    root = ensure_page_tree_root()
    home = add_page(
        root, HomePage(title=f"Welkom in {name}", slug=name.lower(), hero_title=f"Dorpsplein {name}")
    )
    if is_default:
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        site.hostname, site.port, site.root_page, site.site_name = hostname, port, home, name
        site.save()
    else:
        site = Site.objects.create(hostname=hostname, port=port, root_page=home, site_name=name)
    add_page(
        home, ContentPage(title="Zalen huren", slug="zalen-huren", show_in_menus=True, intro="Huur een zaal.")
    )
    add_page(home, ContentPage(title="Verborgen pagina", slug="verborgen", show_in_menus=False))
    add_page(home, NewsIndexPage(title="Nieuws", slug="nieuws", show_in_menus=True))
    site_settings = SiteSettings.for_site(site)
    site_settings.site_name = name
    site_settings.address = f"Dorpsplein 1\n9999 {name}"
    site_settings.phone = phone
    site_settings.email = f"info@{name.lower()}.be"
    site_settings.save()
    return site


def add_opening_hours(site: Site, weekday: int, *periods: tuple[str, str]) -> None:
    site_settings = SiteSettings.for_site(site)
    for opens, closes in periods:
        OpeningHours.objects.create(
            settings=site_settings,
            weekday=weekday,
            opens=datetime.time.fromisoformat(opens),
            closes=datetime.time.fromisoformat(closes),
        )


def add_news(site: Site, *, title: str, date: datetime.date, intro: str = "") -> NewsPage:
    index = NewsIndexPage.objects.descendant_of(site.root_page).get()
    slug = title.lower().replace(" ", "-")
    return add_page(index, NewsPage(title=title, slug=slug, date=date, intro=intro))
