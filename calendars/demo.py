"""Demo data of the calendar engine: Belgian public holidays for this year and next.

Feature apps create their own resources (rooms, loan items, quotas) in their own demo data."""
from django.utils import timezone

from calendars.services import load_public_holidays


def load() -> None:
    year = timezone.localdate().year
    for each in (year, year + 1):
        load_public_holidays(year=each)
