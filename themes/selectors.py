"""Reads of the themes app."""


def theme_for_request(request):
    """The theme of the Wagtail Site serving this request, or None (defaults apply)."""
    return None
