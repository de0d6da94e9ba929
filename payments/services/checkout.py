"""The one basket and the one checkout (docs/locking.md, docs/payments.md "Basket and checkout").

Feature apps put what a person buys into the basket with the calendar holds it keeps
(``add_to_basket``); all holds share the basket's expiry. ``checkout_basket`` re-checks every line,
locks in the global order (calendar resources → feature rows → basket → the new order), and turns the
basket into one order; the payment is started afterwards, outside every lock (``start_payment``).
Orders without a basket (an approved request, an invoice) go through ``place_order``.
"""

import datetime as dt
import logging
from collections.abc import Sequence
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from calendars import services as calendar_services
from calendars.locking import LockLevel, lock_row
from calendars.models import Allocation, AllocationState
from calendars.selectors import resource_ids_to_lock
from payments import registry
from payments.amounts import line_amounts
from payments.errors import PaymentError
from payments.models import Basket, BasketLine, BasketStatus, Channel, Order
from payments.services.common import lock_targets, targets_of_lines
from payments.services.orders import BillingDetails, LineSpec, create_order

logger = logging.getLogger(__name__)


def hold_minutes() -> int:
    return getattr(settings, "BASKET_HOLD_MINUTES", settings.ORDER_HOLD_MINUTES)


def open_basket(*, municipality, user, channel: str = Channel.ONLINE, served_by=None) -> Basket:
    """The person's open basket in this municipality (one per channel), created when there is none."""
    lookup = {"municipality": municipality, "user": user, "channel": channel, "status": BasketStatus.OPEN}
    basket = Basket.objects.filter(**lookup).first()
    if basket is not None:
        return basket
    try:
        with transaction.atomic():
            return Basket.objects.create(**lookup, served_by=served_by)
    except IntegrityError:  # the same person's other tab created it first
        return Basket.objects.get(**lookup)


def hold_deadline(*, basket: Basket, starts_at: dt.datetime | None = None, now: dt.datetime | None = None):
    """Until when a new line's capacity is held: the basket's expiry (a fresh basket gets the standard
    hold), never past the start of what is bought. Reads only; add_to_basket stores it."""
    now = now or timezone.now()
    until = basket.expires_at if basket.expires_at and basket.expires_at > now else None
    until = until or now + dt.timedelta(minutes=hold_minutes())
    return min(until, starts_at) if starts_at else until


def _lock_basket(basket_id: int) -> Basket:
    return lock_row(Basket, basket_id, level=LockLevel.ORDER)


def _usable(basket: Basket, now: dt.datetime) -> None:
    if basket.status != BasketStatus.OPEN:
        raise PaymentError(_("Dit mandje werd al afgerekend of is verlopen."), code="basket_closed")
    if basket.is_expired(now):
        raise PaymentError(
            _("Je mandje is verlopen: wat erin zat, is weer vrij voor anderen. Begin opnieuw."),
            code="basket_expired",
        )


def add_to_basket(
    *,
    basket: Basket,
    lines: Sequence[LineSpec],
    allocations: Sequence[Allocation] = (),
    hold_until: dt.datetime,
    now: dt.datetime | None = None,
) -> list[BasketLine]:
    """Put quoted lines (each with its handler and target) and the holds they keep into the basket.

    Called inside the feature app's transaction, after it allocated (resources → its row → basket)."""
    now = now or timezone.now()
    if not connection_in_atomic():
        raise RuntimeError("add_to_basket must run inside the feature app's transaction")
    if not lines:
        raise PaymentError(_("Er is niets om in het mandje te leggen."), field="lines")
    for spec in lines:
        if not spec.handler or spec.target is None or not registry.is_registered(spec.handler):
            raise PaymentError(
                f"basket lines need a registered handler and a target: {spec!r}", field="lines"
            )
    basket = _lock_basket(basket.pk)
    _usable(basket, now)
    if basket.expires_at is None or basket.expires_at <= now:
        basket.expires_at = hold_until
        basket.save(update_fields=["expires_at", "updated_at"])
    position = basket.lines.count()
    created = []
    for offset, spec in enumerate(lines):
        amounts = line_amounts(quantity=spec.quantity, unit_price=spec.unit_price, vat_rate=spec.vat_rate)
        line = BasketLine.objects.create(
            basket=basket,
            position=position + offset,
            description=spec.description[:300],
            quantity=spec.quantity,
            unit_price=spec.unit_price,
            vat_rate=spec.vat_rate,
            total=amounts.total,
            is_deposit=spec.is_deposit,
            handler=spec.handler,
            target_content_type=ContentType.objects.get_for_model(spec.target),  # type: ignore[arg-type]
            target_object_id=spec.target.pk,  # type: ignore[union-attr]
            starts_at=spec.starts_at,
            ends_at=spec.ends_at,
            location=spec.location[:300],
        )
        if offset == 0 and allocations:
            line.allocations.set(allocations)  # the holds belong to the item, listed on its first line
        created.append(line)
    return created


def connection_in_atomic() -> bool:
    return transaction.get_connection().in_atomic_block


def _allocation_ids(lines: Sequence[BasketLine]) -> list[int]:
    through = BasketLine.allocations.through
    return list(
        through.objects.filter(basketline_id__in=[line.pk for line in lines]).values_list(
            "allocation_id", flat=True
        )
    )


def _lock_lines(basket: Basket, lines: Sequence[BasketLine], *, resources: bool) -> Basket:
    """docs/locking.md: the holds' resources (only when capacity may be claimed), the feature rows the
    handlers name, then the basket."""
    targets = targets_of_lines(lines)
    if resources:
        held = frozenset(resource_ids_to_lock(allocation_ids=_allocation_ids(lines)))
        targets = targets | registry.LockTargets(resource_ids=held)
    lock_targets(targets, resources=resources)
    return _lock_basket(basket.pk)


def _release(lines: Sequence[BasketLine], *, expired: bool, now: dt.datetime) -> None:
    """Tell the owners their lines left the basket, and free the holds (no resource lock needed)."""
    for handler, own in registry.lines_by_handler(list(lines)):
        hook = getattr(handler, "on_basket_released", None)
        if hook is not None:
            hook(lines=own, expired=expired)
    allocations = list(Allocation.objects.filter(pk__in=_allocation_ids(lines), whole__isnull=True))
    if allocations:
        calendar_services.release(allocations=allocations, now=now)


def _item_lines(basket: Basket, line: BasketLine) -> list[BasketLine]:
    """Every line of the same bought thing (a booking's rent, extras and deposit go together)."""
    return list(
        basket.lines.filter(
            target_content_type_id=line.target_content_type_id, target_object_id=line.target_object_id
        )
    )


@transaction.atomic
def remove_from_basket(*, basket: Basket, line: BasketLine, now: dt.datetime | None = None) -> Basket:
    """Take one bought thing (all its lines) out of the basket; its holds are released at once."""
    now = now or timezone.now()
    line = BasketLine.objects.filter(pk=line.pk, basket_id=basket.pk).first() or _not_in_basket()
    lines = _item_lines(basket, line)
    basket = _lock_lines(basket, lines, resources=False)
    if basket.status != BasketStatus.OPEN:
        raise PaymentError(_("Dit mandje werd al afgerekend of is verlopen."), code="basket_closed")
    _release(lines, expired=False, now=now)
    BasketLine.objects.filter(pk__in=[item.pk for item in lines]).delete()
    if not basket.lines.exists():
        basket.expires_at = None
        basket.save(update_fields=["expires_at", "updated_at"])
    return basket


def _not_in_basket():
    raise PaymentError(_("Deze lijn zit niet (meer) in je mandje."), code="not_found")


@transaction.atomic
def extend_basket(*, basket: Basket, now: dt.datetime | None = None) -> Basket:
    """A little more time, once (BASKET_MAX_EXTENSIONS), for every hold at once; never past the start of
    the earliest line. Refused when a hold has already lapsed and its place is taken."""
    now = now or timezone.now()
    lines = list(basket.lines.all())
    basket = _lock_lines(basket, lines, resources=True)
    _usable(basket, now)
    if not lines:
        raise PaymentError(_("Je mandje is leeg."), code="empty")
    if basket.extensions >= getattr(settings, "BASKET_MAX_EXTENSIONS", 1):
        raise PaymentError(_("Je mandje werd al verlengd. Reken nu af."), code="max_extensions")
    until = now + dt.timedelta(minutes=hold_minutes())
    starts = [line.starts_at for line in lines if line.starts_at]
    if starts:
        until = min(until, min(starts))
    allocations = list(Allocation.objects.filter(pk__in=_allocation_ids(lines), whole__isnull=True))
    if allocations:
        calendar_services.extend_hold(allocations=allocations, until=until, now=now)
    basket.expires_at, basket.extensions = until, basket.extensions + 1
    basket.save(update_fields=["expires_at", "extensions", "updated_at"])
    return basket


@transaction.atomic
def expire_basket(*, basket_id: int, now: dt.datetime | None = None) -> bool:
    """An open basket past its expiry gives every hold back and tells every owner. True when it changed."""
    now = now or timezone.now()
    basket = Basket.objects.get(pk=basket_id)
    lines = list(basket.lines.all())
    basket = _lock_lines(basket, lines, resources=False)
    if basket.status != BasketStatus.OPEN or not basket.is_expired(now):
        return False
    _release(lines, expired=True, now=now)
    basket.status = BasketStatus.EXPIRED
    basket.save(update_fields=["status", "updated_at"])
    return True


def expire_baskets(*, now: dt.datetime | None = None) -> int:
    """Each basket in its own transaction (the periodic task); holds lapse by themselves meanwhile."""
    now = now or timezone.now()
    ids = Basket.objects.filter(status=BasketStatus.OPEN, expires_at__lte=now).values_list("pk", flat=True)
    count = 0
    for basket_id in list(ids):
        try:
            count += expire_basket(basket_id=basket_id, now=now)
        except Exception:
            logger.exception("could not expire basket %s", basket_id)
    return count


def _recheck(lines: Sequence[BasketLine], now: dt.datetime) -> None:
    """Every hold still held and not lapsed, and every owner still willing (its own recheck)."""
    held = Allocation.objects.filter(pk__in=_allocation_ids(lines))
    for allocation in held:
        lapsed = allocation.hold_expires_at is not None and allocation.hold_expires_at <= now
        if allocation.state != AllocationState.HELD or lapsed:
            message = _("Een deel van je mandje wordt niet meer voor je vastgehouden: %(what)s.") % {
                "what": allocation.title or allocation.resource
            }
            raise PaymentError(f"{message} {_('Verwijder het en kies opnieuw.')}", code="hold_lapsed")
    for handler, own in registry.lines_by_handler(list(lines)):
        hook = getattr(handler, "recheck", None)
        if hook is not None:
            hook(lines=own)


def _spec(line: BasketLine) -> LineSpec:
    return LineSpec(
        description=line.description,
        unit_price=line.unit_price,
        quantity=line.quantity,
        vat_rate=line.vat_rate,
        handler=line.handler,
        target=line.target,
        is_deposit=line.is_deposit,
        starts_at=line.starts_at,
        ends_at=line.ends_at,
        location=line.location,
    )


@transaction.atomic
def checkout_basket(
    *,
    basket: Basket,
    billing: BillingDetails | None = None,
    billed_party: models.Model | None = None,
    invoice: bool = False,
    now: dt.datetime | None = None,
) -> Order:
    """One basket → one order, held as long as the basket was. The payment starts after commit."""
    now = now or timezone.now()
    lines = list(basket.lines.all())
    basket = _lock_lines(basket, lines, resources=True)
    _usable(basket, now)
    if not lines:
        raise PaymentError(_("Je mandje is leeg."), code="empty")
    _recheck(lines, now)
    remaining = int((basket.expires_at - now).total_seconds() // 60) if basket.expires_at else None
    order = create_order(
        municipality=basket.municipality,
        lines=[_spec(line) for line in lines],
        user=basket.user,
        billed_party=billed_party,
        billing=billing,
        channel=basket.channel,
        hold_minutes=max(1, remaining) if remaining is not None else None,
        invoice=invoice,
        created_by=basket.served_by or basket.user,
    )
    _tell_ordered(order)
    basket.status, basket.order = BasketStatus.CHECKED_OUT, order
    basket.save(update_fields=["status", "order", "updated_at"])
    return order


def _tell_ordered(order: Order) -> None:
    for handler, own in registry.lines_by_handler(list(order.lines.all())):
        hook = getattr(handler, "on_ordered", None)
        if hook is not None:
            hook(order=order, lines=own)


def place_order(*, municipality, lines: Sequence[LineSpec], **order_fields) -> Order:
    """An order without a basket (an approved request, an invoice afterwards): the caller already holds
    its feature row; the order is created after it and its handlers are told, as in checkout_basket."""
    if not connection_in_atomic():
        raise RuntimeError("place_order must run inside the feature app's transaction")
    order = create_order(municipality=municipality, lines=lines, **order_fields)
    _tell_ordered(order)
    return order


def basket_summary(basket: Basket | None) -> dict:
    """What the header and the basket page show: count, total, seconds left."""
    if basket is None or basket.status != BasketStatus.OPEN:
        return {"count": 0, "total": Decimal("0.00"), "seconds_left": None}
    lines = list(basket.lines.all())
    items = {(line.target_content_type_id, line.target_object_id) for line in lines}
    left = None
    if basket.expires_at and lines:
        left = max(0, int((basket.expires_at - timezone.now()).total_seconds()))
    return {
        "count": len(items),
        "total": sum((line.total for line in lines), Decimal("0.00")),
        "seconds_left": left,
    }
