"""Reads of material loans reused by views and staff pages. Free quantities are snapshots from the
calendar engine; request_loan re-checks them under the lock."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from accounts.localtime import BRUSSELS
from associations.selectors import associations_of
from calendars import selectors as calendar_selectors
from calendars.models import Allocation
from payments.models import Tariff
from reservations.loans.models import (
    ACTIVE_STATES,
    Depot,
    ItemCategory,
    Kit,
    Loan,
    LoanItem,
    LoanState,
    UnitBlock,
)


def catalogue_items(*, category: str = "", municipality=None) -> QuerySet[LoanItem]:
    """Active items; with ``municipality`` only those of that municipality's depots."""
    items = LoanItem.objects.filter(is_active=True).select_related("category", "depot", "resource")
    if municipality is not None:
        items = items.filter(depot__municipality=municipality)
    if category:
        items = items.filter(category__slug=category)
    return items.prefetch_related("photos__image")


def catalogue_categories() -> QuerySet[ItemCategory]:
    return ItemCategory.objects.filter(items__is_active=True).distinct()


def kits_of(municipality) -> QuerySet[Kit]:
    """Kits whose every component is an item of ``municipality``'s depots (a kit has no depot of its own)."""
    foreign = LoanItem.objects.exclude(depot__municipality=municipality)
    return (
        Kit.objects.filter(components__item__depot__municipality=municipality)
        .exclude(components__item__in=foreign)
        .distinct()
    )


def active_kits(*, municipality=None) -> QuerySet[Kit]:
    kits = kits_of(municipality) if municipality is not None else Kit.objects.all()
    return kits.filter(is_active=True).prefetch_related("components__item")


def free_quantities(
    *, items: Iterable[LoanItem], pickup_at: dt.datetime, return_at: dt.datetime
) -> dict[int, int]:
    """{item id: how many can still be had from pickup to return} (blocks for repair count as taken)."""
    return {
        item.pk: calendar_selectors.free_quantity(resource=item.resource, start=pickup_at, end=return_at)
        for item in items
    }


def lowest_prices(items: Iterable[LoanItem]) -> dict[int, Tariff]:
    """{item id: its cheapest tariff in its own price unit} for the catalogue's "vanaf" price (one query)."""
    items = {item.pk: item for item in items}
    cheapest: dict[int, Tariff] = {}
    tariffs = Tariff.objects.filter(
        target_content_type=ContentType.objects.get_for_model(LoanItem), target_object_id__in=list(items)
    ).order_by("price")
    for tariff in tariffs:
        item = items[tariff.target_object_id]
        if tariff.unit == item.price_unit and item.pk not in cheapest:
            cheapest[item.pk] = tariff
    return cheapest


def tariffs_for(item: LoanItem) -> list[Tariff]:
    return list(
        Tariff.objects.filter(
            target_content_type=ContentType.objects.get_for_model(LoanItem),
            target_object_id=item.pk,
            unit=item.price_unit,
        ).order_by("price")
    )


def tariff_for(item: LoanItem, category: str) -> Tariff | None:
    return next((t for t in tariffs_for(item) if t.category == category), None)


def loans_visible_to(user) -> QuerySet[Loan]:
    """ "My loans": the user's own and those of the associations they belong to."""
    if not getattr(user, "is_authenticated", False):
        return Loan.objects.none()
    return (
        Loan.objects.filter(Q(user=user) | Q(association__in=associations_of(user)))
        .select_related("association", "depot", "order", "damage_order")
        .prefetch_related("lines__item", "order__deposits", "order__invoices", "damage_order__invoices")
        .distinct()
        .order_by("-pickup_at", "-pk")
    )


def loan_for_user(*, user, pk: int) -> Loan | None:
    return loans_visible_to(user).filter(pk=pk).first()


def _day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time(), tzinfo=BRUSSELS)
    return start, dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=BRUSSELS)


@dataclass
class DayList:
    depot: Depot
    day: dt.date
    pickups: list[Loan]
    returns: list[Loan]


def day_list(*, depot: Depot, day: dt.date) -> DayList:
    """What goes out and what comes back at a depot on a local day (the pick list)."""
    start, end = _day_bounds(day)
    loans = (
        Loan.objects.filter(depot=depot).select_related("user", "association").prefetch_related("lines__item")
    )
    pickups = loans.filter(
        pickup_at__gte=start,
        pickup_at__lt=end,
        state__in=[
            LoanState.REQUESTED,
            LoanState.AWAITING_PAYMENT,
            LoanState.PAID,
            LoanState.INVOICED,
            LoanState.READY,
            LoanState.HANDED_OUT,
        ],
    ).order_by("pickup_at")
    returns = loans.filter(
        return_at__gte=start,
        return_at__lt=end,
        state__in=[LoanState.HANDED_OUT, LoanState.RETURNED, LoanState.SETTLED],
    ).order_by("return_at")
    return DayList(depot=depot, day=day, pickups=list(pickups), returns=list(returns))


@dataclass
class StockDay:
    day: dt.date
    out: int
    free: int


def stock_calendar(*, item: LoanItem, first: dt.date, days: int = 28) -> list[StockDay]:
    """Per local day: how many units are claimed at the busiest moment (loans and repairs) and how many
    stay free all day."""
    result = []
    for offset in range(days):
        day = first + dt.timedelta(days=offset)
        start, end = _day_bounds(day)
        free = calendar_selectors.free_quantity(resource=item.resource, start=start, end=end)
        result.append(StockDay(day=day, out=item.stock - free, free=free))
    return result


def claims_on_item(*, item: LoanItem, first: dt.date, days: int = 28) -> list[Allocation]:
    start, _end = _day_bounds(first)
    end = start + dt.timedelta(days=days)
    return list(
        Allocation.objects.filter(resource=item.resource, start__lt=end, end__gt=start)
        .blocking()
        .order_by("start")
    )


def open_blocks(*, item: LoanItem) -> QuerySet[UnitBlock]:
    return item.blocks.filter(released_at__isnull=True).order_by("start")


def pending_requests() -> QuerySet[Loan]:
    return Loan.objects.filter(state=LoanState.REQUESTED).select_related("user", "association", "depot")


def active_loans() -> QuerySet[Loan]:
    return Loan.objects.filter(state__in=ACTIVE_STATES)
