"""Local (wall-clock) time of the install: the one place that knows times are shown in TIME_ZONE.

Times are stored in UTC and shown in Europe/Brussels (``settings.TIME_ZONE``). Every engine and
feature app converts through these helpers instead of building ``ZoneInfo("Europe/Brussels")``
itself. They do not depend on Django's *current* time zone (``timezone.activate``), so a request
that activates another zone cannot move a day boundary, an invoice date or a bank-transfer deadline.

It lives in accounts (the lowest engine) so that calendars and payments can both use it without
payments importing calendars.
"""

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

BRUSSELS: ZoneInfo = ZoneInfo(settings.TIME_ZONE)
"""The install's zone (``settings.TIME_ZONE``, Europe/Brussels)."""

ZONE_NAME: str = BRUSSELS.key


@lru_cache(maxsize=32)
def zone(name: str | None = None) -> ZoneInfo:
    """The ZoneInfo for an IANA name stored on a row (e.g. a resource's ``timezone``); empty = BRUSSELS."""
    if not name or name == ZONE_NAME:
        return BRUSSELS
    return ZoneInfo(name)


def now() -> dt.datetime:
    """The current moment, as an aware datetime in local time."""
    return timezone.now().astimezone(BRUSSELS)


def today() -> dt.date:
    """Today's date in local time, whatever the server clock's zone."""
    return now().date()


def local(moment: dt.datetime) -> dt.datetime:
    """An aware moment converted to local time. Naive datetimes are refused (they are ambiguous)."""
    if timezone.is_naive(moment):
        raise ValueError("local() needs an aware datetime")
    return moment.astimezone(BRUSSELS)


def local_date(moment: dt.datetime | None = None) -> dt.date:
    """The local calendar date of an aware moment (now when omitted)."""
    return local(moment).date() if moment is not None else today()


def make_local(day: dt.date, time: dt.time = dt.time.min) -> dt.datetime:
    """The aware local datetime of wall-clock ``time`` on ``day``.

    Across the DST change a wall time that does not exist (02:30 in late March) or exists twice
    (02:30 in late October) follows Python's ``fold=0`` rule: the first (summer-time) reading.
    """
    return dt.datetime.combine(day, time.replace(tzinfo=None), tzinfo=BRUSSELS)


def day_span(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Half-open ``[local midnight, next local midnight)`` of ``day`` (23 or 25 hours on DST days)."""
    return make_local(day), make_local(day + dt.timedelta(days=1))
