"""State changes of material loans; one transaction each, LoanError for every refusal.

Split by sub-domain: `quotes` (category, price), `requests` (basket, validation, request), `handling` (staff
decisions, hand-out, check-in), `settlement` (deposit, payment callbacks) and `stock` (repair blocks, expiry).
The public functions are re-exported here, so `from reservations.loans import services;
services.request_loan(...)` keeps working.
"""

from reservations.loans.models import ACTIVE_STATES
from reservations.loans.services.handling import (
    LineCount,
    approve_loan,
    cancel_loan,
    check_in_loan,
    hand_out_loan,
    mark_loan_ready,
    record_loan_counter_payment,
    reject_loan,
)
from reservations.loans.services.quotes import HANDLER_KEY, ItemQuantities, customer_category, quote_loan
from reservations.loans.services.requests import (
    BASKET_KEY,
    BasketContents,
    add_to_basket,
    basket_contents,
    clear_basket,
    expand_request,
    request_loan,
    set_basket_moments,
    set_basket_quantities,
    validate_request,
)
from reservations.loans.services.settlement import (
    cancel_refunded_loan,
    confirm_paid_loan,
    end_unpaid_loan,
    extend_loan_hold,
    settle_loan_deposit,
)
from reservations.loans.services.stock import (
    block_units_for_repair,
    can_still_lend,
    expire_stale_loan_requests,
    set_loan_item_stock,
    unblock_units,
)

__all__ = [
    "ACTIVE_STATES",
    "BASKET_KEY",
    "HANDLER_KEY",
    "BasketContents",
    "ItemQuantities",
    "LineCount",
    "add_to_basket",
    "approve_loan",
    "basket_contents",
    "block_units_for_repair",
    "can_still_lend",
    "cancel_loan",
    "cancel_refunded_loan",
    "check_in_loan",
    "clear_basket",
    "confirm_paid_loan",
    "customer_category",
    "end_unpaid_loan",
    "extend_loan_hold",
    "expand_request",
    "expire_stale_loan_requests",
    "hand_out_loan",
    "mark_loan_ready",
    "quote_loan",
    "record_loan_counter_payment",
    "reject_loan",
    "request_loan",
    "set_basket_moments",
    "set_basket_quantities",
    "set_loan_item_stock",
    "settle_loan_deposit",
    "unblock_units",
    "validate_request",
]
