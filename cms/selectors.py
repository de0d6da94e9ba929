"""Reads of the public site reused by templates, views and tests."""

import datetime
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.translation import gettext
from wagtail.models import Page, Site

from accounts import localtime
from cms.models import OpeningHours, SiteSettings


@dataclass(frozen=True)
class OpenPeriod:
    opens: datetime.time
    closes: datetime.time


def local_today() -> datetime.date:
    """Today in Europe/Brussels (TIME_ZONE), whatever the server clock's zone."""
    return localtime.today()


def opening_hours_on(site_settings: SiteSettings, day: datetime.date) -> list[OpenPeriod]:
    """The town hall's opening periods on that date, earliest first; empty when closed."""
    periods = OpeningHours.objects.filter(settings=site_settings, weekday=day.weekday()).order_by("opens")
    return [OpenPeriod(opens=p.opens, closes=p.closes) for p in periods]


def weekly_opening_hours(site_settings: SiteSettings) -> list[tuple[str, list[OpenPeriod]]]:
    """Every weekday with its periods (empty = closed), Monday first, for the contact page/footer."""
    from cms.models import Weekday

    by_day: dict[int, list[OpenPeriod]] = {day.value: [] for day in Weekday}
    for period in OpeningHours.objects.filter(settings=site_settings).order_by("weekday", "opens"):
        by_day[period.weekday].append(OpenPeriod(opens=period.opens, closes=period.closes))
    return [(Weekday(day).label, periods) for day, periods in by_day.items()]


def menu_pages(site: Site | None) -> list[Page]:
    """Top-level pages of the site marked 'show in menus', in the editor's order."""
    if site is None:
        return []
    return list(site.root_page.get_children().live().public().in_menu().specific())


def site_settings_for_request(request: HttpRequest) -> SiteSettings | None:
    site = Site.find_for_request(request)
    return SiteSettings.for_site(site) if site is not None else None


def describe_today(periods: list[OpenPeriod]) -> str:
    """'Vandaag open van 09:00 tot 12:00 en van 13:30 tot 16:00' or 'Vandaag gesloten'."""
    if not periods:
        return gettext("Vandaag gesloten")
    spans = [
        gettext("van %(opens)s tot %(closes)s") % {"opens": f"{p.opens:%H:%M}", "closes": f"{p.closes:%H:%M}"}
        for p in periods
    ]
    joined = (" " + gettext("en") + " ").join(spans)
    return gettext("Vandaag open %(spans)s") % {"spans": joined}
