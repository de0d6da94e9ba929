"""The rules read and the guarded insert run as prepared statements on PostgreSQL: same results, same
errors, and visible in connection.queries like every other statement."""

import pytest
from django.db import DataError, connection
from django.test.utils import CaptureQueriesContext

from calendars import services
from calendars.models import Allocation
from tests.calendars.conftest import at
from tests.calendars.factories import StockFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_an_allocation_is_five_statements_and_the_prepared_ones_are_logged(now):
    chairs = StockFactory(capacity=10)
    start, end = at(2030, 3, 1, 9), at(2030, 3, 2, 9)
    services.allocate(resources=chairs, start=start, end=end, now=now)
    with CaptureQueriesContext(connection) as queries:
        (allocation,) = services.allocate(resources=(chairs, 3), start=start, end=end, title="Kamp", now=now)
    statements = [q["sql"] for q in queries.captured_queries]
    assert len(statements) == 5  # rules, BEGIN, lock, guarded insert, COMMIT
    assert any("calendars_publicholiday" in sql for sql in statements)
    assert any(sql.startswith('INSERT INTO "calendars_allocation"') for sql in statements)
    stored = Allocation.objects.get(pk=allocation.pk)
    assert (stored.quantity, stored.title, stored.start, stored.blocked_end) == (3, "Kamp", start, end)


def test_a_title_too_long_is_refused_not_cut_off(now):
    chairs = StockFactory(capacity=10)
    with pytest.raises(DataError):
        services.allocate(
            resources=chairs, start=at(2030, 3, 1, 9), end=at(2030, 3, 2, 9), title="x" * 201, now=now
        )
    assert not Allocation.objects.filter(resource=chairs).exists()
