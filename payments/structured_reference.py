"""Belgian structured references (gestructureerde mededeling, OGM-VCS): +++123/4567/89012+++.

The check digits and validation come from python-stdnum's ``stdnum.be.ogm_vcs``; we only decide the
ten base digits. They are random (``secrets``), like the order code, so a reference tells nothing about
how many orders exist and taking one locks no counter; the unique constraint on
``Order.structured_reference`` catches a collision and ``create_order`` draws again. References of
older orders (year + sequence digits) stay valid: a statement line is matched on the stored 12 digits.
"""

import secrets

from stdnum.be import ogm_vcs
from stdnum.exceptions import ValidationError


def random_reference() -> str:
    """12 digits: 10 random base digits and their mod-97 check digits."""
    base = f"{secrets.randbelow(10**10):010d}"
    return base + ogm_vcs.calc_check_digits(base)


def normalise_reference(value: str) -> str | None:
    """The 12 digits if ``value`` is a valid structured reference in any usual notation, else None."""
    try:
        return ogm_vcs.validate(value.replace("*", ""))  # some banks print ***...*** instead of +++
    except ValidationError:
        return None


def is_valid_reference(value: str) -> bool:
    return ogm_vcs.is_valid(value)


def format_reference(value: str) -> str:
    return f"+++{ogm_vcs.format(value)}+++"
