import pytest
from django.utils import timezone

from calendars import demo
from calendars.models import PublicHoliday

pytestmark = pytest.mark.django_db


def test_demo_data_loads_this_and_next_years_holidays_once():
    demo.load()
    count = PublicHoliday.objects.count()
    demo.load()
    assert PublicHoliday.objects.count() == count
    year = timezone.localdate().year
    assert PublicHoliday.objects.filter(date__year=year + 1, date__month=12, date__day=25).exists()
