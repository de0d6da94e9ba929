"""Material loan models, split by sub-domain: the catalogue (depots, categories, items, photos, kits) and the
loans (loan, lines, repair blocks). Everything is re-exported here, so `from reservations.loans.models import
Loan` keeps working. See docs/loans.md.
"""

from reservations.loans.models.catalogue import (
    Depot,
    ItemCategory,
    Kit,
    KitComponent,
    LoanItem,
    LoanItemPhoto,
    PriceUnit,
)
from reservations.loans.models.loans import (
    ACTIVE_STATES,
    Loan,
    LoanLine,
    LoanPaymentMode,
    LoanState,
    UnitBlock,
    loan_days,
)

__all__ = [
    "ACTIVE_STATES",
    "Depot",
    "ItemCategory",
    "Kit",
    "KitComponent",
    "Loan",
    "LoanItem",
    "LoanItemPhoto",
    "LoanLine",
    "LoanPaymentMode",
    "LoanState",
    "PriceUnit",
    "UnitBlock",
    "loan_days",
]
