"""The "Mijn Dorpsplein" dashboard is built from links that apps register at AppConfig.ready().

Accounts is an engine and never imports feature apps; reservations, ticketing, associations and
others call `register_dashboard_link(...)` instead. A link whose URL name does not resolve (its
app is not built yet) is simply left out, so placeholders can be declared ahead of time.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class DashboardLink:
    key: str
    title: str
    url_name: str
    description: str = ""
    order: int = 100
    visible: Callable[[object], bool] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class ResolvedLink:
    key: str
    title: str
    url: str
    description: str


_links: dict[str, DashboardLink] = {}


def register_dashboard_link(
    *,
    key: str,
    title: str,
    url_name: str,
    description: str = "",
    order: int = 100,
    visible: Callable[[object], bool] | None = None,
) -> None:
    """Add (or replace, by key) a link on every user's dashboard; `visible(user)` may hide it."""
    _links[key] = DashboardLink(
        key=key,
        title=title,
        url_name=url_name,
        description=description,
        order=order,
        visible=visible,
    )


def unregister_dashboard_link(key: str) -> None:
    _links.pop(key, None)


def dashboard_links_for(user) -> list[ResolvedLink]:
    """The links this user sees, in order; links to URL names that do not exist are skipped."""
    resolved = []
    for link in sorted(_links.values(), key=lambda item: (item.order, item.key)):
        if link.visible is not None and not link.visible(user):
            continue
        try:
            url = reverse(link.url_name)
        except NoReverseMatch:
            continue
        resolved.append(
            ResolvedLink(
                key=link.key,
                title=str(link.title),
                url=url,
                description=str(link.description),
            )
        )
    return resolved
