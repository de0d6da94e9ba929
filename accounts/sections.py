"""The sections of "Mijn Dorpsplein", registered by the apps that own them.

Accounts is an engine and never names a feature app or its URLs. Each app adds its own section
from its ``AppConfig.ready()``::

    from accounts.sections import register_section

    register_section(
        key="reservations.bookings",
        title=_("Mijn reservaties"),
        url_name="reservations:my_bookings",
        order=40,
    )

A section whose URL name does not resolve is left out (so a section may be registered before its
view exists); ``visible(user)`` may hide it for some users. Orders in use: accounts 10-20,
associations 30, room hire 40, loans 50, tickets 60, activities 70.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class Section:
    key: str
    title: str | Promise
    url_name: str
    description: str | Promise = ""
    order: int = 100
    visible: Callable[[object], bool] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class ResolvedSection:
    key: str
    title: str
    url: str
    description: str


_sections: dict[str, Section] = {}


def register_section(
    *,
    key: str,
    title: str | Promise,
    url_name: str,
    description: str | Promise = "",
    order: int = 100,
    visible: Callable[[object], bool] | None = None,
) -> None:
    """Add (or replace, by key) a section on every user's dashboard; `visible(user)` may hide it."""
    if not key:
        raise ValueError("a section key must not be empty")
    _sections[key] = Section(
        key=key, title=title, url_name=url_name, description=description, order=order, visible=visible
    )


def unregister_section(key: str) -> None:
    _sections.pop(key, None)


def registered_keys() -> list[str]:
    return sorted(_sections)


def sections_for(user: object) -> list[ResolvedSection]:
    """The sections this user sees, in order; sections whose URL name does not exist are skipped."""
    resolved = []
    for section in sorted(_sections.values(), key=lambda item: (item.order, item.key)):
        if section.visible is not None and not section.visible(user):
            continue
        try:
            url = reverse(section.url_name)
        except NoReverseMatch:
            continue
        resolved.append(
            ResolvedSection(
                key=section.key, title=str(section.title), url=url, description=str(section.description)
            )
        )
    return resolved
