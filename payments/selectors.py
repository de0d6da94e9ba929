"""Reads reused by customer views, staff views and feature apps."""

import datetime
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.http import Http404

from accounts import localtime
from payments.codes import normalise_order_code
from payments.models import Channel, DocumentSeries, Invoice, Order, Payment


def orders_for_user(user) -> QuerySet[Order]:
    return Order.objects.filter(user=user).prefetch_related("invoices").order_by("-created_at")


def order_for_viewer(*, user, number: str, token: str = "") -> Order:
    """An order its own customer may see; anyone else gets a 404 (never a hint that it exists).

    ``number`` may be typed by hand: a code is found in any case, with or without its dashes."""
    order = Order.objects.filter(number=normalise_order_code(number)).first()
    if order is None:
        raise Http404
    if order.user_id is not None:
        if not user.is_authenticated or user.pk != order.user_id:
            raise Http404
    elif not token or token != order_access_token(order):
        raise Http404
    return order


def order_access_token(order: Order) -> str:
    """Signed token for orders without an account (walk-in, guest checkout), e-mailed in their links."""
    from django.core.signing import Signer

    return Signer(salt="payments.order").sign(order.number).split(":")[-1]


def invoice_for_viewer(*, user, number: str) -> Invoice:
    """Numbers are unique per municipality; among the viewer's own invoices the newest one wins."""
    if not user.is_authenticated:
        raise Http404
    invoice = (
        Invoice.objects.select_related("order", "municipality")
        .filter(number=number, order__user=user)
        .order_by("-issued_at")
        .first()
    )
    if invoice is None:
        raise Http404
    return invoice


def orders_for_target(target) -> QuerySet[Order]:
    """Orders with a line for ``target`` (e.g. a booking): for feature apps' own pages."""
    from django.contrib.contenttypes.models import ContentType

    return Order.objects.filter(
        lines__target_content_type=ContentType.objects.get_for_model(target),
        lines__target_object_id=target.pk,
    ).distinct()


def latest_invoice(order: Order) -> Invoice | None:
    return order.invoices.filter(kind=DocumentSeries.INVOICE).first()


def daily_cash_report(*, day: datetime.date, payments: QuerySet[Payment] | None = None) -> list[dict]:
    """Money received on ``day`` (Europe/Brussels) per order channel and provider.

    ``payments`` narrows the report (staff see only their municipalities' payments)."""
    start, end = localtime.day_span(day)
    payments = Payment.objects.all() if payments is None else payments
    rows = (
        payments.filter(received_at__gte=start, received_at__lt=end)
        .values("order__channel", "provider", "method")
        .annotate(count=Count("pk"), total=Sum("amount"))
        .order_by("order__channel", "provider", "method")
    )
    return [
        {
            **row,
            "channel_label": Channel(row["order__channel"]).label,
            "method_label": Payment.Method(row["method"]).label,
            "total": row["total"] or Decimal("0.00"),
        }
        for row in rows
    ]


def order_link(order: Order) -> str:
    """Absolute link to the order page for e-mails; carries the access token when there is no account."""
    from django.conf import settings
    from django.urls import reverse

    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("payments:order", args=[order.number])
    return url if order.user_id else f"{url}?t={order_access_token(order)}"


def open_basket_of(*, user, municipality, channel: str = "online"):
    """The person's open basket on this municipality's site, or None."""
    from payments.models import Basket, BasketStatus

    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Basket.objects.filter(user=user, municipality=municipality, channel=channel, status=BasketStatus.OPEN)
        .prefetch_related("lines")
        .first()
    )


def basket_page(basket) -> dict:
    """The basket grouped per bought thing (a booking's rent, extras and deposit together), with totals."""
    from payments.services.checkout import basket_summary

    groups: dict[tuple[int, int], list] = {}
    for line in basket.lines.all() if basket is not None else []:
        groups.setdefault((line.target_content_type_id, line.target_object_id), []).append(line)
    items = [
        {
            "first": lines[0],
            "lines": lines,
            "total": sum((line.total for line in lines), Decimal("0.00")),
            "starts_at": lines[0].starts_at,
            "ends_at": lines[0].ends_at,
            "location": lines[0].location,
        }
        for lines in groups.values()
    ]
    return {"basket": basket, "items": items, **basket_summary(basket)}


def open_basket_holding(target):
    """The open basket ``target`` (a booking, a loan) is in, or None: where staff continue at the counter."""
    from django.contrib.contenttypes.models import ContentType

    from payments.models import Basket, BasketStatus

    return Basket.objects.filter(
        status=BasketStatus.OPEN,
        lines__target_content_type=ContentType.objects.get_for_model(target),
        lines__target_object_id=target.pk,
    ).first()


def confirmed_by_checkout(order) -> bool:
    """The order came out of a basket: the basket's one confirmation (payments) tells the customer, so
    feature apps send no confirmation of their own for it. Orders without a basket keep their mails."""
    from payments.models import Basket

    return order is not None and Basket.objects.filter(order_id=order.pk).exists()
