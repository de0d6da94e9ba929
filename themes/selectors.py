"""Reads of the themes app."""

from django.http import HttpRequest
from wagtail.models import Site

from themes.models import Theme


def theme_for_request(request: HttpRequest | None) -> Theme | None:
    """The theme of the Wagtail Site serving this request, or None (site.css defaults apply).

    Site.find_for_request and Theme.for_request both cache on the request, so every template
    rendered for one request shares a single lookup.
    """
    if request is None or Site.find_for_request(request) is None:
        return None
    return Theme.for_request(request)
