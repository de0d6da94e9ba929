"""Every state change of the payments engine. Feature apps call create_order, start_payment,
cancel_order and refund_order; providers, statement imports and staff call the rest.

Locking rule: a service that changes an order locks that order row (SELECT ... FOR UPDATE) first and
re-reads it, so concurrent notifications for one order are serialised and each state change (and the
handler call that goes with it) happens exactly once.
"""

from payments.services.checkout import (
    add_to_basket,
    checkout_basket,
    expire_basket,
    expire_baskets,
    extend_basket,
    hold_deadline,
    open_basket,
    place_order,
    remove_from_basket,
)
from payments.services.invoices import issue_invoice
from payments.services.money import (
    apply_payment,
    apply_pending_payments,
    complete_refund,
    confirm_proposed_refund,
    execute_refund,
    record_counter_payment,
    record_payment,
    refund_order,
    settle_deposit,
    store_payment,
)
from payments.services.orders import (
    BillingDetails,
    LineSpec,
    PaymentStart,
    cancel_order,
    create_order,
    expire_order,
    expire_unpaid_orders,
    send_payment_reminders,
    start_payment,
)

__all__ = [
    "add_to_basket",
    "checkout_basket",
    "expire_basket",
    "expire_baskets",
    "extend_basket",
    "hold_deadline",
    "open_basket",
    "place_order",
    "remove_from_basket",
    "BillingDetails",
    "LineSpec",
    "PaymentStart",
    "apply_payment",
    "apply_pending_payments",
    "cancel_order",
    "complete_refund",
    "confirm_proposed_refund",
    "create_order",
    "execute_refund",
    "expire_order",
    "expire_unpaid_orders",
    "issue_invoice",
    "record_counter_payment",
    "record_payment",
    "refund_order",
    "send_payment_reminders",
    "settle_deposit",
    "start_payment",
    "store_payment",
]
