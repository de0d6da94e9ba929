"""Suite-wide fixtures: personas, the PostgreSQL marker, the live browser, the loopback Stripe."""
import os

import pytest
from django.db import connection

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` need row locks and exclusion constraints SQLite does not have."""
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(
        reason="needs PostgreSQL: SQLite ignores SELECT FOR UPDATE and has no exclusion constraints "
        "(runs in the PostgreSQL pass: make test-postgres)"
    )
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Playwright cannot download its own browser here: use Debian's chromium."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The PostgreSQL pass caches in a shared Redis database: start every test from empty."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A Flemish resident's browser: Dutch (Belgium), Brussels time."""
    return {**browser_context_args, "locale": "nl-BE", "timezone_id": "Europe/Brussels"}


@pytest.fixture(autouse=True)
def dorpsveld(request):
    """Every database test runs in an install with one municipality, Dorpsveld, on the default site
    (as a fresh single-municipality install); tests about a second one add Heuvelrode themselves."""
    names = request.fixturenames
    if "transactional_db" in names or "live_server" in names:
        request.getfixturevalue("transactional_db")
    elif "db" in names or request.node.get_closest_marker("django_db"):
        marker = request.node.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction"):
            request.getfixturevalue("transactional_db")
        else:
            request.getfixturevalue("db")
    else:
        return None
    from wagtail.models import Site

    from tests.accounts.factories import MunicipalityFactory, map_site

    municipality = MunicipalityFactory()
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        map_site(site, municipality)
    return municipality


@pytest.fixture(scope="session")
def loopback_stripe():
    """One localstripe (plus the Checkout fake) on loopback for the whole run: its app is a module
    global, so a second server per test module cannot be started."""
    from tests.payments.loopback_stripe import LoopbackStripe

    server = LoopbackStripe()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def stripe_settings(settings, loopback_stripe):
    import stripe

    from tests.payments.loopback_stripe import WEBHOOK_SECRET

    settings.STRIPE_SECRET_KEY = "sk_test_dorpsplein"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = loopback_stripe.base_url
    settings.PAYMENT_PROVIDERS = ["stripe", "bank_transfer", "counter", "free"]
    yield settings
    stripe.api_base = "https://api.stripe.com"
