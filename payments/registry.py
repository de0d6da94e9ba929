"""Feature apps tell the payments engine who to call back for their order lines.

In the feature app's ``AppConfig.ready()``::

    from payments.registry import register_handler
    register_handler("rooms.booking", BookingPaymentHandler())

Every order line carries a ``handler`` key. When an order changes state, each registered handler is
called exactly once with the lines that carry its key, inside the transaction that changes the state
(so a handler that raises rolls the change back).

Optional: ``lock_targets(*, lines) -> LockTargets`` names the calendar resources and feature rows the
handler will lock for these lines. The payments services lock them first, in the global order of
docs/locking.md (resources → feature rows → order → invoice counter), so a handler that re-locks them
later never waits and two modules can never deadlock each other.

Optional: ``on_hold_extended(*, order, lines, until)`` is called when the order stays payable longer than
it was created for (a bank transfer keeps it open until its due date), so the app can hold what the
lines claim that long too. Raising PaymentError refuses that way of paying.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from django.db import models

if TYPE_CHECKING:
    from payments.models import Order, OrderLine, Refund


@dataclass(frozen=True)
class LockTargets:
    """What a handler locks for its lines: calendar resource ids and (model, pk) feature rows."""

    resource_ids: frozenset[int] = frozenset()
    rows: frozenset[tuple[type[models.Model], int]] = frozenset()

    def __or__(self, other: "LockTargets") -> "LockTargets":
        return LockTargets(self.resource_ids | other.resource_ids, self.rows | other.rows)


NOTHING_TO_LOCK = LockTargets()


class _HasHandler(Protocol):
    handler: str


L = TypeVar("L", bound=_HasHandler)


class OrderLineHandler(Protocol):
    def on_paid(self, *, order: "Order", lines: Sequence["OrderLine"]) -> None: ...

    def on_expired(self, *, order: "Order", lines: Sequence["OrderLine"]) -> None: ...

    def on_cancelled(self, *, order: "Order", lines: Sequence["OrderLine"]) -> None: ...

    def on_refunded(self, *, order: "Order", lines: Sequence["OrderLine"], refund: "Refund") -> None: ...

    def can_confirm_late(self, line: "OrderLine") -> bool: ...


class BaseOrderLineHandler:
    """Convenience base: every callback does nothing, late money is refused."""

    def on_paid(self, *, order, lines) -> None:
        return None

    def on_expired(self, *, order, lines) -> None:
        return None

    def on_cancelled(self, *, order, lines) -> None:
        return None

    def on_refunded(self, *, order, lines, refund) -> None:
        return None

    def can_confirm_late(self, line) -> bool:
        return False

    def on_hold_extended(self, *, order, lines, until) -> None:
        return None

    def lock_targets(self, *, lines) -> LockTargets:
        return NOTHING_TO_LOCK


_handlers: dict[str, OrderLineHandler] = {}


def register_handler(key: str, handler: OrderLineHandler) -> None:
    """Register (or replace, e.g. on autoreload) the handler for order lines with this key."""
    if not key:
        raise ValueError("a handler key must not be empty")
    _handlers[key] = handler


def unregister_handler(key: str) -> None:
    _handlers.pop(key, None)


def get_handler(key: str) -> OrderLineHandler | None:
    return _handlers.get(key)


def is_registered(key: str) -> bool:
    return key in _handlers


def lines_by_handler(lines: Sequence[L]) -> list[tuple[OrderLineHandler, list[L]]]:
    """Group lines (order or basket lines) per registered handler, in a stable order (first line first)."""
    grouped: dict[str, list[L]] = {}
    for line in lines:
        if line.handler:
            grouped.setdefault(line.handler, []).append(line)
    result = []
    for key, own_lines in grouped.items():
        handler = _handlers.get(key)
        if handler is None:
            raise LookupError(f"no payments handler registered for {key!r}")
        result.append((handler, own_lines))
    return result


_shop_links: dict[str, tuple[int, object, str]] = {}


def register_shop_link(*, key: str, label: object, url_name: str, order: int = 100) -> None:
    """Where an empty basket sends people (e.g. the rooms list); feature apps register their own, with a
    lazy label so it follows the visitor's language."""
    _shop_links[key] = (order, label, url_name)


def shop_links() -> list[tuple[object, str]]:
    ordered = sorted(_shop_links.values(), key=lambda link: link[0])
    return [(label, url_name) for _, label, url_name in ordered]
