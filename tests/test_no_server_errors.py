"""No request ends in a server error: every URL of our apps, with unknown ids and garbage input."""
import re

import pytest
from django.urls import URLResolver, get_resolver

from accounts.models import User
from tests.cms.factories import build_site

pytestmark = pytest.mark.django_db

OUR_APPS = ("accounts", "associations", "calendars", "payments", "reservations", "ticketing", "cms", "themes")
DUMMY = {
    "int": "987654",
    "slug": "bestaat-niet",
    "str": "bestaat-niet",
    "uuid": "00000000-0000-0000-0000-000000000000",
    "path": "bestaat/niet",
}
GARBAGE = {
    "start": "gisteren", "end": "<script>", "quantity": "-3", "people": "veel", "amount": "1e309",
    "room": "999999", "association": "abc", "email": "geen-adres", "iban": "BE00", "date": "2026-13-45",
    "pickup_date": "31/02", "return_date": "", "language": "xx", "q": "' OR 1=1 --",
}


OUR_ADMIN_NAMESPACES = ("payments", "loans", "association", "wagtailsnippets_calendars",
                        "wagtailsnippets_rooms")


def _is_ours(entry, inherited: bool) -> bool:
    if inherited:
        return True
    if isinstance(entry, URLResolver):
        module = getattr(entry.urlconf_module, "__name__", "")
        return module.split(".")[0] in OUR_APPS or (entry.namespace or "").startswith(OUR_ADMIN_NAMESPACES)
    return entry.lookup_str.split(".")[0] in OUR_APPS


def our_urls(resolver=None, prefix="", inherited=False):
    """Routes of our apps: their own URLconfs and what they register in the Wagtail admin."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        ours = _is_ours(entry, inherited)
        if isinstance(entry, URLResolver):
            yield from our_urls(entry, prefix + str(entry.pattern), ours)
        elif ours:
            yield prefix + str(entry.pattern)


def concrete(route: str) -> str:
    def fill(match):
        converter = (match.group(1) or "str").rstrip(":")
        return DUMMY.get(converter, "bestaat-niet")

    url = re.sub(r"<(?:(\w+):)?\w+>", fill, route)
    return "/" + url.lstrip("^").rstrip("$")


ROUTES = sorted({concrete(route) for route in our_urls()})


def test_the_walk_covers_every_app_with_urls():
    assert len(ROUTES) > 100
    assert any(r.startswith("/reserveren/uitlenen/") for r in ROUTES)
    assert any(r.startswith("/betalen/") for r in ROUTES)
    assert any(r.startswith("/admin/zaalverhuur/") for r in ROUTES)
    assert any(r.startswith("/admin/betalingen/") for r in ROUTES)


@pytest.mark.parametrize("who", ["anonymous", "resident", "staff"])
def test_no_url_answers_a_server_error(client, who, settings):
    settings.ALLOWED_HOSTS = ["*"]
    build_site()
    if who != "anonymous":
        user = User.objects.create_user(
            email=f"{who}@example.be", password="pw", is_staff=who == "staff", is_superuser=who == "staff"
        )
        client.force_login(user)

    errors = {}
    for url in ROUTES:
        for method in ("get", "post"):
            response = getattr(client, method)(url, GARBAGE if method == "post" else None)
            if response.status_code >= 500:
                errors[f"{method.upper()} {url}"] = response.status_code

    assert errors == {}
