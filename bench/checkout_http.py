"""Checkout over HTTP through gunicorn on PostgreSQL: N buyers, each with its own logged-in session, put
an auto-approved loan item into their basket (materiaallijst → request, which holds the stock) and POST
"Afrekenen". Measures checkouts/s, the checkout request's p50/p95, oversold stock and the gunicorn
workers' CPU per checkout. Settings: config.settings.test (DEBUG off, no Redis: local-memory cache,
database sessions), gunicorn from deploy/gunicorn.conf.py, DB_CONN_MAX_AGE=60 as in deploy/env.example."""

import datetime as dt
import multiprocessing
import os
import socket
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

from bench.results import Row, percentile

BUYERS = int(os.environ.get("BENCH_HTTP_BUYERS", 16))
ROUNDS = int(os.environ.get("BENCH_HTTP_ROUNDS", 8))  # add + checkout per buyer
HOT_QUOTA = 100  # fewer than BUYERS * ROUNDS: the last adds must be refused, never oversold
ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _setup(kind: str, buyers: int, quota: int):
    """One municipality on the default site, a depot open every day, items with tariffs, buyers with
    database sessions (no password round-trip: the login page is not what is measured)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.sessions.backends.db import SessionStore
    from wagtail.models import Site

    from accounts.categories import CustomerCategory
    from accounts.models import Municipality, MunicipalitySite, User
    from calendars.models import OpeningHours
    from payments.models import Tariff
    from reservations.loans.models import Depot, ItemCategory, LoanItem

    municipality, _ = Municipality.objects.get_or_create(
        slug="bench",
        defaults={
            "name": "Gemeente Bench",
            "address_line_1": "Benchplein 1",
            "postal_code": "9999",
            "city": "Bench",
            "iban": "BE68539007547034",
            "resident_postal_codes": "9999",
        },
    )
    MunicipalitySite.objects.update_or_create(
        site=Site.objects.get(is_default_site=True), defaults={"municipality": municipality}
    )
    stamp = time.time_ns()
    depot = Depot.objects.create(municipality=municipality, name=f"Depot {stamp}", slug=f"depot-{stamp}")
    for weekday in range(7):
        OpeningHours.objects.create(
            resource=depot.resource, weekday=weekday, opens=dt.time(7), closes=dt.time(20)
        )
    category, _ = ItemCategory.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    count = 1 if kind == "hot" else buyers
    items = []
    for index in range(count):
        item = LoanItem.objects.create(
            name=f"Stoel {index}",
            slug=f"stoel-{stamp}-{index}",
            category=category,
            depot=depot,
            stock=quota if kind == "hot" else ROUNDS,
            auto_approve_up_to=1,
        )
        for customer_category in CustomerCategory.values:
            Tariff.objects.update_or_create(  # generic target: an earlier run's tariff may remain
                target_content_type=ContentType.objects.get_for_model(LoanItem),
                target_object_id=item.pk,
                category=customer_category,
                unit=item.price_unit,
                defaults={"price": Decimal("1.00")},
            )
        items.append(item)
    cookies = []
    for index in range(buyers):
        user = User.objects.create(
            email=f"buyer-{stamp}-{index}@bench.example",
            postal_code="9999",
            first_name="Bench",
            last_name=str(index),
        )
        session = SessionStore()
        session[SESSION_KEY], session[BACKEND_SESSION_KEY] = (
            str(user.pk),
            "django.contrib.auth.backends.ModelBackend",
        )
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        cookies.append(session.session_key)
    return items, cookies


def _buyer(base, session_key, item_id, day, barrier, results):
    import requests

    http = requests.Session()
    http.cookies.set("sessionid", session_key)
    http.get(f"{base}/betalen/mandje/")  # the CSRF cookie, as a browser gets it
    token = http.cookies.get("csrftoken", "")
    headers = {"X-CSRFToken": token, "Referer": base}
    moments = {
        "pickup_date": day.isoformat(),
        "pickup_time": "10:00",
        "return_date": (day + dt.timedelta(days=1)).isoformat(),
        "return_time": "10:00",
        "action": "submit",
    }
    checkout_ms, orders, refused, errors = [], 0, 0, 0
    barrier.wait()
    for _round in range(ROUNDS):
        http.post(
            f"{base}/reserveren/uitlenen/mandje/toevoegen/",
            data={"kind": "item", "object_id": item_id, "quantity": 1},
            headers=headers,
            allow_redirects=False,
        )
        added = http.post(
            f"{base}/reserveren/uitlenen/aanvragen/", data=moments, headers=headers, allow_redirects=False
        )
        if added.status_code != 302 or not added.headers.get("Location", "").endswith("/betalen/mandje/"):
            refused += 1
            http.post(f"{base}/reserveren/uitlenen/mandje/", data={f"item_{item_id}": 0}, headers=headers)
            continue
        began = time.perf_counter()
        response = http.post(f"{base}/betalen/mandje/afrekenen/", headers=headers, allow_redirects=False)
        elapsed = time.perf_counter() - began
        if response.status_code == 302 and "/bestelling/" in response.headers.get("Location", ""):
            orders += 1
            checkout_ms.append(elapsed * 1000)
        else:
            errors += 1
    results.put((orders, refused, errors, checkout_ms))


def _worker_cpu_seconds(master_pid: int) -> float:
    """utime + stime of gunicorn's workers (children of the master), from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid:
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def _start_server(port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DB_CONN_MAX_AGE": "60",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "PYTHONPATH": str(ROOT),
    }
    log = (ROOT / "var" / "bench-gunicorn.log").open("wb")  # never a pipe: a full one stalls the workers
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "deploy" / "gunicorn.conf.py")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    import requests

    for _ in range(150):
        try:
            requests.get(f"http://127.0.0.1:{port}/betalen/mandje/", timeout=20, allow_redirects=False)
            return server
        except requests.RequestException:
            time.sleep(0.2)
    server.kill()
    raise SystemExit(f"gunicorn did not start: see {ROOT / 'var' / 'bench-gunicorn.log'}")


def _round(kind: str, base: str, master_pid: int) -> tuple[list[Row], str]:
    from django.db import connections
    from django.db.models import Sum
    from django.utils import timezone

    from calendars.models import Allocation, AllocationState

    quota = HOT_QUOTA if kind == "hot" else ROUNDS
    items, cookies = _setup(kind, BUYERS, quota)
    day = timezone.localdate() + dt.timedelta(days=40)
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(BUYERS + 1), context.Queue()
    connections.close_all()
    buyers = [
        context.Process(target=_buyer, args=(base, key, items[i % len(items)].pk, day, barrier, results))
        for i, key in enumerate(cookies)
    ]
    for buyer in buyers:
        buyer.start()
    cpu_before = _worker_cpu_seconds(master_pid)
    barrier.wait()
    began = time.perf_counter()
    outcomes = [results.get() for _ in buyers]
    wall = time.perf_counter() - began
    cpu = _worker_cpu_seconds(master_pid) - cpu_before
    for buyer in buyers:
        buyer.join()
    orders = sum(o[0] for o in outcomes)
    errors = sum(o[2] for o in outcomes)
    latencies = [ms for o in outcomes for ms in o[3]]
    oversold = 0
    for item in items:
        taken = (
            Allocation.objects.filter(
                resource=item.resource, state__in=[AllocationState.HELD, AllocationState.CONFIRMED]
            ).aggregate(total=Sum("quantity"))["total"]
            or 0
        )
        oversold += max(0, taken - item.stock)
    capacity = sum(item.stock for item in items)
    name = (
        f"HTTP checkout, one hot item ({BUYERS} buyers, stock {quota})"
        if kind == "hot"
        else f"HTTP checkout, {len(items)} items ({BUYERS} buyers, stock {quota} each)"
    )
    rate = orders / wall
    p95 = percentile(latencies, 0.95)
    rows = [
        Row(name, "orders/s (add + checkout, whole flow)", f"{rate:.0f}", ">= 100 checkouts/s"),
        Row(name, "checkout p50 / p95 ms", f"{percentile(latencies, 0.5):.0f} / {p95:.0f}", ""),
        Row(
            name,
            "orders / capacity / refused adds / errors",
            f"{orders} / {capacity} / {sum(o[1] for o in outcomes)} / {errors}",
            "",
        ),
        Row(
            name,
            "server CPU ms per order (workers; add + request + checkout)",
            f"{cpu * 1000 / max(orders, 1):.0f}",
            "",
        ),
        Row(name, "oversold", str(oversold), "0"),
    ]
    line = (
        f"dorpsplein-checkout: {BUYERS} buyers, {quota} quota, {rate:.0f} orders/s, "
        f"p95 {p95:.0f} ms, oversold {oversold}"
    )
    return rows, line


def run() -> list[Row]:
    port = _free_port()
    server = _start_server(port)
    rows, lines = [], []
    try:
        for kind in ("hot", "many"):
            found, line = _round(kind, f"http://127.0.0.1:{port}", server.pid)
            rows += found
            lines.append(line)
    finally:
        server.terminate()
        server.wait(timeout=30)
    rows.append(Row("HTTP checkout", "load average (1 min) at the end", f"{os.getloadavg()[0]:.1f}", ""))
    for line in lines:
        print(line)
    return rows


if __name__ == "__main__":
    from bench.setup import configure

    configure()
    for row in run():
        print(row)
