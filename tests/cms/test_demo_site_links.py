"""Walk the demo site like a visitor: no internal link leads to a missing page or a server error."""
import re
from urllib.parse import urldefrag, urlparse

import pytest
from django.core.management import call_command

from accounts.models import User

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="([^"]+)"')
NOT_CRAWLED = ("/admin/", "/account/logout", "/documents/", "/media/", "/static/", "/i18n/")
MAX_PAGES = 250


def crawl(client, start: str, host: str = "localhost:8000") -> dict[str, int]:
    seen: dict[str, int] = {}
    queue = [start]
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url, HTTP_HOST=host)
        seen[url] = response.status_code
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for href in HREF.findall(response.content.decode()):
            href = urldefrag(href.replace("&amp;", "&"))[0]
            parsed = urlparse(href)
            if parsed.scheme or parsed.netloc or not href.startswith("/") or href.startswith(NOT_CRAWLED):
                continue
            if href not in seen:
                queue.append(href)
    return seen


def test_no_internal_link_of_the_demo_site_is_broken(client, settings):
    """Anonymous, as a resident and as an association admin, on both demo municipalities."""
    settings.ALLOWED_HOSTS = ["*"]
    call_command("load_demo", verbosity=0)

    broken = {}
    for who in (None, "alice@dorpsveld.be", "bob@dorpsveld.be"):
        client.logout()
        if who:
            client.force_login(User.objects.get(email=who))
        for host in ("localhost:8000", "heuvelrode.localhost:8000"):
            statuses = crawl(client, "/", host=host)
            assert len(statuses) > 10, (who, host)
            broken.update(
                {(who, host, url): code for url, code in statuses.items() if code >= 400 and code != 403}
            )

    assert broken == {}
