"""16 workers hammer one stock of 1000 at the same span: throughput, latency, and never an oversell."""

import datetime as dt
import multiprocessing
import time

from bench.results import Row, percentile

WORKERS = 16
CAPACITY = 1000
ATTEMPTS = 1200  # the last 200 must all be refused


def _worker(stock_id, start, end, remaining, barrier, results):
    """One worker process with its own database connection, like a gunicorn worker."""
    from django.db import connection

    from calendars import errors, services
    from calendars.models import Resource

    latencies, held, successes = [], [], 0
    locked_at = [0.0]
    real_lock = services.lock_resources

    def timed_lock(*args, **kwargs):  # when the row lock was granted, to measure how long it is held
        result = real_lock(*args, **kwargs)
        locked_at[0] = time.perf_counter()
        return result

    services.lock_resources = timed_lock
    try:
        stock = Resource.objects.get(pk=stock_id)
        barrier.wait()
        while True:
            with remaining.get_lock():
                if remaining.value == 0:
                    break
                remaining.value -= 1
            began = time.perf_counter()
            try:
                services.allocate(resources=stock, start=start, end=end)
            except errors.AllocationError:
                continue
            finished = time.perf_counter()
            latencies.append(finished - began)
            held.append(finished - locked_at[0])
            successes += 1
    finally:
        connection.close()
        results.put((successes, latencies, held))


def run() -> list[Row]:
    from django.test import override_settings

    rows = _run(durable=True)
    with override_settings(CALENDAR_ASYNC_COMMIT_HOLDS=True):
        rows += _run(durable=False)
    return rows


def _run(*, durable: bool) -> list[Row]:
    from django.db import connections
    from django.db.models import Sum
    from django.utils import timezone

    from calendars.models import Allocation, Resource, ResourceKind

    stock = Resource.objects.create(
        name=f"Bench stock {time.time_ns()}",
        kind=ResourceKind.EQUIPMENT,
        capacity=CAPACITY,
        closed_on_public_holidays=False,
    )
    start = timezone.now() + dt.timedelta(days=30)
    end = start + dt.timedelta(days=2)
    context = multiprocessing.get_context("fork")
    remaining = context.Value("i", ATTEMPTS)
    barrier = context.Barrier(WORKERS + 1)
    results = context.Queue()
    connections.close_all()  # never share a socket with the forked workers
    workers = [
        context.Process(target=_worker, args=(stock.pk, start, end, remaining, barrier, results))
        for _ in range(WORKERS)
    ]
    for worker in workers:
        worker.start()
    barrier.wait()
    began = time.perf_counter()
    outcomes = [results.get() for _ in workers]
    wall = time.perf_counter() - began
    for worker in workers:
        worker.join()
    successes = sum(outcome[0] for outcome in outcomes)
    latencies = [latency for outcome in outcomes for latency in outcome[1]]
    held_p50 = percentile([seconds for outcome in outcomes for seconds in outcome[2]], 0.5)
    allocated = Allocation.objects.filter(resource=stock).aggregate(total=Sum("quantity"))["total"] or 0
    oversell = max(0, allocated - CAPACITY)
    commit = "synchronous commit" if durable else "holds with asynchronous commit"
    name = f"hot resource ({WORKERS} processes, stock {CAPACITY}, {commit})"
    return [
        Row(name, "allocations/s", f"{successes / wall:.0f}", ">= 500"),
        Row(name, "p50 latency ms", f"{percentile(latencies, 0.5) * 1000:.1f}", ""),
        Row(name, "p95 latency ms", f"{percentile(latencies, 0.95) * 1000:.1f}", ""),
        Row(
            name, "lock held p50 ms (ceiling/s)", f"{held_p50 * 1000:.2f} ({1 / max(held_p50, 1e-9):.0f})", ""
        ),
        Row(
            name,
            "allocated / refused",
            f"{allocated} / {ATTEMPTS - successes}",
            f"{CAPACITY} / {ATTEMPTS - CAPACITY}",
        ),
        Row(name, "oversell", str(oversell), "0"),
    ]
