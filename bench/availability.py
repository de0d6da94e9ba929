"""Month grid of a venue with 20 resources: latency and query count at 5,000 and at 50,000 allocations."""

import datetime as dt
import random
import time
from zoneinfo import ZoneInfo

from bench.results import Row, percentile

RESOURCES = 20
SMALL, LARGE = 5_000, 50_000
DAYS = 730
SLOTS = [(9, 11), (13, 15), (17, 19), (20, 22)]
FIRST_DAY = dt.date(2031, 1, 1)
MONTH = (2031, 10)
REPEATS = 40


def run() -> list[Row]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from calendars.models import Allocation, AllocationState, OpeningHours, Resource
    from calendars.selectors import availability_grid, month_days

    tz = ZoneInfo("Europe/Brussels")
    stamp = time.time_ns()
    venue = [Resource.objects.create(name=f"Bench zaal {stamp}-{i}", capacity=1) for i in range(RESOURCES)]
    OpeningHours.objects.bulk_create(
        [
            OpeningHours(resource=r, weekday=d, opens=dt.time(8), closes=dt.time(23))
            for r in venue
            for d in range(7)
        ]
    )
    rng = random.Random(42)
    slots_per_resource = {
        r.pk: rng.sample([(day, slot) for day in range(DAYS) for slot in SLOTS], (LARGE // RESOURCES))
        for r in venue
    }

    def insert(first: int, last: int) -> None:
        rows = []
        for resource in venue:
            for day, (opens, closes) in slots_per_resource[resource.pk][
                first // RESOURCES : last // RESOURCES
            ]:
                date = FIRST_DAY + dt.timedelta(days=day)
                start = dt.datetime.combine(date, dt.time(opens), tzinfo=tz)
                end = dt.datetime.combine(date, dt.time(closes), tzinfo=tz)
                rows.append(
                    Allocation(
                        resource=resource,
                        start=start,
                        end=end,
                        blocked_start=start,
                        blocked_end=end,
                        quantity=1,
                        exclusive=True,
                        state=AllocationState.CONFIRMED,
                    )
                )
        Allocation.objects.bulk_create(rows, batch_size=5000)

    first, last = month_days(*MONTH)

    def measure() -> tuple[list[float], int]:
        availability_grid(resources=venue, start_date=first, end_date=last)  # warm-up
        timings = []
        for _ in range(REPEATS):
            began = time.perf_counter()
            availability_grid(resources=venue, start_date=first, end_date=last)
            timings.append(time.perf_counter() - began)
        with CaptureQueriesContext(connection) as queries:
            availability_grid(resources=venue, start_date=first, end_date=last)
        return timings, len(queries)

    insert(0, SMALL)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE calendars_allocation")
    small_timings, small_queries = measure()
    insert(SMALL, LARGE)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE calendars_allocation")  # steady state, as autovacuum keeps it
    large_timings, large_queries = measure()
    in_month = Allocation.objects.filter(
        resource__in=venue, start__date__gte=first, start__date__lte=last
    ).count()
    name = f"month grid ({RESOURCES} resources)"
    return [
        Row(f"{name} @ {SMALL:,}", "p50 ms", f"{percentile(small_timings, 0.5) * 1000:.1f}", ""),
        Row(f"{name} @ {SMALL:,}", "p95 ms", f"{percentile(small_timings, 0.95) * 1000:.1f}", "< 50"),
        Row(f"{name} @ {SMALL:,}", "queries", str(small_queries), f"= {large_queries}"),
        Row(f"{name} @ {LARGE:,}", "p50 ms", f"{percentile(large_timings, 0.5) * 1000:.1f}", ""),
        Row(f"{name} @ {LARGE:,}", "p95 ms", f"{percentile(large_timings, 0.95) * 1000:.1f}", "< 50"),
        Row(f"{name} @ {LARGE:,}", "queries", str(large_queries), f"= {small_queries}"),
        Row(f"{name} @ {LARGE:,}", "allocations in the month", str(in_month), ""),
    ]
