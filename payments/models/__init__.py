"""Models of the payments engine, split by domain (orders, tariffs, money movements, documents)."""

from payments.models.basket import Basket, BasketLine, BasketStatus
from payments.models.documents import DocumentSeries, Invoice, NumberSequence
from payments.models.money import Deposit, Payment, PaymentAttempt, Refund, WebhookEvent
from payments.models.orders import Channel, Order, OrderLine, OrderStatus
from payments.models.statements import MatchStatus, StatementImport, StatementLine
from payments.models.tariffs import Tariff, TariffUnit

__all__ = [
    "Basket",
    "BasketLine",
    "BasketStatus",
    "Channel",
    "Deposit",
    "DocumentSeries",
    "Invoice",
    "MatchStatus",
    "NumberSequence",
    "Order",
    "OrderLine",
    "OrderStatus",
    "Payment",
    "PaymentAttempt",
    "Refund",
    "StatementImport",
    "StatementLine",
    "Tariff",
    "TariffUnit",
    "WebhookEvent",
]
