"""Public order codes: random, unguessable and easy to read aloud or type over (``DP-7KQ4M-X2F9Q``).

An order code is only a reference, not a legal number, so it needs no counter: taking one locks
nothing and a ticket rush never queues on a shared row. Ten characters from a 31-character alphabet
(no 0/O, 1/I/L) give about 49 bits, from ``secrets``; the unique constraint on ``Order.number``
catches the rare collision and ``create_order`` draws again. Orders made before this scheme keep
their ``2026-000123`` numbers; both forms are looked up as typed.
"""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
PREFIX = "DP"
LENGTH = 10
GROUP = 5
_TYPED = re.compile(rf"^(?:{PREFIX})?([{ALPHABET}]{{{LENGTH}}})$")


def new_order_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return format_order_code(raw)


def format_order_code(raw: str) -> str:
    groups = [raw[i : i + GROUP] for i in range(0, len(raw), GROUP)]
    return "-".join([PREFIX, *groups])


def normalise_order_code(value: str) -> str:
    """The stored form of what a customer typed (any case, with or without dashes or spaces).

    Anything that is not a new-style code (an old ``2026-000123`` number) is returned stripped."""
    value = (value or "").strip()
    compact = re.sub(r"[\s-]", "", value).upper()
    match = _TYPED.match(compact)
    return format_order_code(match.group(1)) if match else value


def is_order_code(value: str) -> bool:
    """True for a code in its stored form (``DP-XXXXX-XXXXX``)."""
    if not value.startswith(f"{PREFIX}-") or not _TYPED.match(value.replace("-", "")):
        return False
    return normalise_order_code(value) == value
