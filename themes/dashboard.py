"""Registry behind the staff dashboard panel on the Wagtail admin home page.

Feature apps register a provider at AppConfig.ready(); the panel (themes/wagtail_hooks.py) shows
one section per provider with "count + link" items, e.g. "3 aanvragen wachten op goedkeuring".
It lives in themes, below every feature app, so registering never imports anything upward.

    from themes.dashboard import DashboardItem, register_dashboard_provider

    def pending_requests(request):
        if not request.user.has_perm("rooms.change_booking"):
            return []
        n = Booking.objects.filter(state="requested").count()
        return [DashboardItem(count=n, text=ngettext("%(n)d aanvraag wacht", "%(n)d aanvragen wachten", n)
                              % {"n": n}, url=reverse("rooms_admin_inbox"))]

    register_dashboard_provider(key="rooms.pending", title=_("Zaalverhuur"), provider=pending_requests)
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class DashboardItem:
    """One line in a section: the number, the full sentence shown to staff, and where to act on it."""

    count: int
    text: str
    url: str = ""


Provider = Callable[[HttpRequest], Iterable[DashboardItem]]


@dataclass(frozen=True)
class DashboardSection:
    key: str
    title: str
    provider: Provider
    order: int = 100


_sections: dict[str, DashboardSection] = {}


def register_dashboard_provider(*, key: str, title: str, provider: Provider, order: int = 100) -> None:
    """Register (or replace, when ready() runs twice) a dashboard section under a stable key.

    The provider gets the request, checks the staff member's permissions itself and returns the
    items to show; an empty result hides the section.
    """
    _sections[key] = DashboardSection(key=key, title=title, provider=provider, order=order)


def unregister_dashboard_provider(key: str) -> None:
    _sections.pop(key, None)


def dashboard_sections_for(request: HttpRequest) -> list[tuple[DashboardSection, list[DashboardItem]]]:
    """The sections with at least one item for this staff member, in registration order."""
    shown = []
    for section in sorted(_sections.values(), key=lambda s: (s.order, s.key)):
        items = list(section.provider(request))
        if items:
            shown.append((section, items))
    return shown
