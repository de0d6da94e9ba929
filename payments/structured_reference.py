"""Belgian structured references (gestructureerde mededeling, OGM-VCS): +++123/4567/89012+++.

The check digits and validation come from python-stdnum's ``stdnum.be.ogm_vcs``; we only decide the
ten base digits: two for the year and eight for the order's sequence number, so they never repeat.
"""

from stdnum.be import ogm_vcs
from stdnum.exceptions import ValidationError


def reference_for(*, year: int, sequence: int) -> str:
    """The 12 digits for an order number ``year-sequence``."""
    if not 0 < sequence < 10**8:
        raise ValueError("sequence out of range for a structured reference")
    base = f"{year % 100:02d}{sequence:08d}"
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
