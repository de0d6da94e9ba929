"""What the customer asks for: the basket in the session, the quote, validation and the loan request.

Stock is only ever claimed through calendars.services: every line of a loan is allocated in ONE allocate()
call, so a loan gets all its material or nothing. Money goes through payments.services with the handler key
"loans.loan" (reservations/loans/handlers.py).
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from associations.selectors import user_can_book_for
from calendars import errors as calendar_errors
from calendars import services as calendar_services
from calendars.locking import note_created
from calendars.rules import check_rules
from payments import services as payment_services
from reservations.loans.errors import LoanError
from reservations.loans.models import (
    Depot,
    Kit,
    Loan,
    LoanItem,
    LoanLine,
    LoanPaymentMode,
    LoanState,
)
from reservations.loans.services.handling import _allocations, _approve, _mail_after_commit, priced_lines
from reservations.loans.services.quotes import ItemQuantities, customer_category, quote_loan

ZERO = Decimal("0.00")


def expand_request(
    *, items: Iterable[tuple[LoanItem, int]] = (), kits: Iterable[tuple[Kit, int]] = ()
) -> list[tuple[LoanItem, int]]:
    """Kits become their items; the same item asked twice (in a kit and on its own) becomes one line."""
    totals: dict[int, int] = {}
    by_pk: dict[int, LoanItem] = {}
    for item, quantity in items:
        by_pk[item.pk] = item
        totals[item.pk] = totals.get(item.pk, 0) + int(quantity)
    for kit, quantity in kits:
        for component in kit.components.select_related("item"):
            by_pk[component.item_id] = component.item
            totals[component.item_id] = totals.get(component.item_id, 0) + int(quantity) * component.quantity
    return [(by_pk[pk], totals[pk]) for pk in totals]


def _check_moment(depot: Depot, moment: dt.datetime, field: str, *, now: dt.datetime) -> None:
    """The depot must be open at the pickup and the return moment (its resource's opening hours, closures,
    public holidays and lead time)."""
    try:
        check_rules(depot.resource, start=moment, end=moment + dt.timedelta(minutes=1), now=now)
    except calendar_errors.OutsideOpeningHoursError:
        message = (
            _("Het depot is niet open op het gekozen afhaalmoment.")
            if field == "pickup_at"
            else _("Het depot is niet open op het gekozen terugbrengmoment.")
        )
        raise LoanError(message, field=field) from None
    except calendar_errors.AllocationError as error:
        raise LoanError(str(error.message), field=field) from None


def validate_request(
    *,
    user,
    lines: ItemQuantities,
    pickup_at: dt.datetime | None,
    return_at: dt.datetime | None,
    association=None,
    enforce_rules: bool = True,
    now: dt.datetime | None = None,
) -> Depot:
    """Everything that does not depend on other people's loans; returns the depot of the loan."""
    now = now or timezone.now()
    if not lines:
        raise LoanError(_("Kies minstens één stuk materiaal."), field="lines")
    for item, quantity in lines:
        if int(quantity) < 1:
            raise LoanError(
                _("Het aantal van %(item)s moet minstens 1 zijn.") % {"item": item.name}, field="quantity"
            )
    if pickup_at is None:
        raise LoanError(_("Kies wanneer u het materiaal afhaalt."), field="pickup_at")
    if return_at is None:
        raise LoanError(_("Kies wanneer u het materiaal terugbrengt."), field="return_at")
    if timezone.is_naive(pickup_at) or timezone.is_naive(return_at):
        raise LoanError(_("Ongeldig tijdstip."), field="pickup_at")
    if return_at <= pickup_at:
        raise LoanError(_("Het terugbrengmoment moet na het afhaalmoment liggen."), field="return_at")
    depots = {item.depot_id for item, _q in lines}
    if len(depots) > 1:
        raise LoanError(
            _("Dit materiaal ligt in verschillende depots: vraag het in aparte ontleningen aan."),
            field="lines",
        )
    if association is not None and not user_can_book_for(user, association):
        raise LoanError(
            _("U mag niet ontlenen in naam van %(association)s.") % {"association": association.name},
            field="association",
        )
    for item, quantity in lines:
        if not item.is_active:
            raise LoanError(_("%(item)s wordt niet meer uitgeleend.") % {"item": item.name}, field="lines")
        if item.associations_only and association is None:
            raise LoanError(
                _("%(item)s wordt enkel aan verenigingen uitgeleend.") % {"item": item.name}, field="lines"
            )
        if item.max_per_loan and quantity > item.max_per_loan:
            raise LoanError(
                _("Van %(item)s kunt u per ontlening hoogstens %(max)s stuks lenen.")
                % {"item": item.name, "max": item.max_per_loan},
                field="quantity",
            )
    depot = lines[0][0].depot
    if enforce_rules:
        _check_moment(depot, pickup_at, "pickup_at", now=now)
        _check_moment(depot, return_at, "return_at", now=now)
    return depot


def request_loan(
    *,
    user,
    lines: ItemQuantities,
    pickup_at: dt.datetime,
    return_at: dt.datetime,
    association=None,
    delivery: bool = False,
    delivery_address: str = "",
    purpose: str = "",
    remarks: str = "",
    payment_mode: str | None = None,
    room_booking=None,
    event: models.Model | None = None,
    created_by=None,
    enforce_rules: bool = True,
    basket=None,
    now: dt.datetime | None = None,
) -> Loan:
    """Ask for material: validates, then holds every line at once (all or nothing) until staff decide.

    Small loans (every line within its item's auto_approve_up_to) are approved at once; paid online, they
    go into the shared basket (default: the borrower's open basket of the depot's municipality) and are
    held as long as the basket is, to be paid with whatever else is in it. A line asking
    more than is free is refused with how many can still be had (the engine's NotEnoughCapacityError)."""
    now = now or timezone.now()
    lines = [(item, int(quantity)) for item, quantity in lines]
    depot = validate_request(
        user=user,
        lines=lines,
        pickup_at=pickup_at,
        return_at=return_at,
        association=association,
        enforce_rules=enforce_rules,
        now=now,
    )
    if delivery:
        if not depot.offers_delivery:
            raise LoanError(_("Dit depot levert niet aan huis."), field="delivery")
        if not delivery_address.strip():
            raise LoanError(_("Geef het leveringsadres op."), field="delivery_address")
    if room_booking is not None and not (
        room_booking.customer_id == user.pk
        or (association is not None and room_booking.association_id == association.pk)
    ):
        raise LoanError(_("Deze zaalreservatie is niet van u."), field="room_booking")
    category = customer_category(user=user, association=association, municipality=depot.municipality)
    delivery_fee = depot.delivery_fee if delivery else ZERO
    quote_loan(
        lines=lines, pickup_at=pickup_at, return_at=return_at, category=category, delivery_fee=delivery_fee
    )  # refuses early when a tariff is missing for this category
    if payment_mode is None:
        payment_mode = LoanPaymentMode.INVOICE if association is not None else LoanPaymentMode.ONLINE
    auto = all(item.auto_approve_up_to and quantity <= item.auto_approve_up_to for item, quantity in lines)
    into_basket = auto and payment_mode == LoanPaymentMode.ONLINE
    if into_basket and basket is None:
        basket = payment_services.open_basket(
            municipality=depot.municipality,
            user=user,
            channel="counter" if created_by is not None else "online",
            served_by=created_by,
        )
    hold_until = return_at
    if into_basket:
        hold_until = payment_services.hold_deadline(basket=basket, starts_at=pickup_at, now=now)
    with transaction.atomic():
        loan = Loan.objects.create(
            user=user,
            association=association,
            depot=depot,
            pickup_at=pickup_at,
            return_at=return_at,
            customer_category=category,
            purpose=purpose.strip(),
            remarks=remarks.strip(),
            delivery=delivery,
            delivery_address=delivery_address.strip() if delivery else "",
            delivery_fee=delivery_fee,
            payment_mode=payment_mode,
            room_booking=room_booking,
            created_by=created_by or user,
            deposit_amount=sum((item.deposit * quantity for item, quantity in lines), ZERO),
        )
        note_created(loan)
        if event is not None:
            from django.contrib.contenttypes.models import ContentType

            loan.event_type = ContentType.objects.get_for_model(event)
            loan.event_id = str(event.pk)
            loan.save(update_fields=["event_type", "event_id"])
        loan_lines = LoanLine.objects.bulk_create(
            [LoanLine(loan=loan, item=item, quantity=quantity) for item, quantity in lines]
        )
        try:
            allocations = calendar_services.allocate(
                resources=[(item.resource, quantity) for item, quantity in lines],
                start=pickup_at,
                end=return_at,
                hold_expires_at=hold_until,
                reference=loan,
                holder=association or user,
                created_by=created_by or user,
                title=_("Ontlening %(number)s") % {"number": loan.number},
                enforce_rules=enforce_rules,
                now=now,
            )
        except calendar_errors.AllocationError as error:
            raise LoanError(str(error.message), field=error.field or "quantity") from None
        for line, allocation in zip(loan_lines, allocations, strict=True):
            line.allocation = allocation
        LoanLine.objects.bulk_update(loan_lines, ["allocation"])
        if into_basket:
            _put_in_basket(loan, basket=basket, hold_until=hold_until, now=now)
        elif auto:
            loan.auto_approved = True
            loan.save(update_fields=["auto_approved"])
            _approve(loan, by=None, payment_mode=payment_mode, note=_("Automatisch goedgekeurd."), now=now)
            _mail_after_commit(loan, "approved")
        else:
            _mail_after_commit(loan, "requested")
        if created_by is not None:  # made by staff for a customer (counter mode)
            log(instance=loan, action="loans.loan_counter", user=created_by)
    loan.refresh_from_db()
    return loan


def _put_in_basket(loan: Loan, *, basket, hold_until: dt.datetime, now: dt.datetime) -> None:
    """Approved at once and paid online: the quote and the stock's holds go into the shared basket; the
    checkout confirmation tells the borrower (no separate "approved" mail)."""
    Loan.objects.filter(pk=loan.pk).update(
        auto_approved=True,
        state=LoanState.AWAITING_PAYMENT,
        payment_mode=LoanPaymentMode.ONLINE,
        decided_at=now,
        decision_note=_("Automatisch goedgekeurd."),
    )
    payment_services.add_to_basket(
        basket=basket,
        lines=priced_lines(loan),
        allocations=_allocations(loan),
        hold_until=hold_until,
        now=now,
    )


# --- the basket (session): what the customer is putting together, nothing held yet ------------------

BASKET_KEY = "loan_basket"


@dataclass
class BasketContents:
    items: list[tuple[LoanItem, int]]
    kits: list[tuple[Kit, int]]
    pickup_at: dt.datetime | None
    return_at: dt.datetime | None

    @property
    def is_empty(self) -> bool:
        return not self.items and not self.kits

    @property
    def lines(self) -> list[tuple[LoanItem, int]]:
        return expand_request(items=self.items, kits=self.kits)


def _basket(session) -> dict:
    basket = session.get(BASKET_KEY) or {}
    return {
        "items": dict(basket.get("items", {})),
        "kits": dict(basket.get("kits", {})),
        "pickup_at": basket.get("pickup_at"),
        "return_at": basket.get("return_at"),
    }


def _store(session, basket: dict) -> None:
    session[BASKET_KEY] = basket
    session.modified = True


def basket_contents(session) -> BasketContents:
    """The basket with live objects; entries whose item or kit left the catalogue are dropped."""
    basket = _basket(session)
    items = LoanItem.objects.filter(pk__in=[int(k) for k in basket["items"]], is_active=True).select_related(
        "depot", "resource"
    )
    kits = Kit.objects.filter(pk__in=[int(k) for k in basket["kits"]], is_active=True)
    parse = dt.datetime.fromisoformat
    return BasketContents(
        items=[(item, int(basket["items"][str(item.pk)])) for item in items],
        kits=[(kit, int(basket["kits"][str(kit.pk)])) for kit in kits],
        pickup_at=parse(basket["pickup_at"]) if basket["pickup_at"] else None,
        return_at=parse(basket["return_at"]) if basket["return_at"] else None,
    )


def add_to_basket(*, session, item: LoanItem | None = None, kit: Kit | None = None, quantity: int) -> None:
    if int(quantity) < 1:
        raise LoanError(_("Het aantal moet minstens 1 zijn."), field="quantity")
    target = item or kit
    if target is None or not target.is_active:
        raise LoanError(_("Dit materiaal wordt niet uitgeleend."), field="quantity")
    basket = _basket(session)
    bucket = basket["items" if item is not None else "kits"]
    bucket[str(target.pk)] = int(bucket.get(str(target.pk), 0)) + int(quantity)
    _store(session, basket)


def set_basket_quantities(*, session, items: Mapping[int, int], kits: Mapping[int, int]) -> None:
    """Replace the quantities (0 removes an entry); only entries already in the basket can change."""
    basket = _basket(session)
    for bucket, changes in ((basket["items"], items), (basket["kits"], kits)):
        for pk, quantity in changes.items():
            if str(pk) not in bucket:
                continue
            if int(quantity) < 0:
                raise LoanError(_("Het aantal kan niet negatief zijn."), field="quantity")
            if int(quantity) == 0:
                del bucket[str(pk)]
            else:
                bucket[str(pk)] = int(quantity)
    _store(session, basket)


def set_basket_moments(*, session, pickup_at: dt.datetime | None, return_at: dt.datetime | None) -> None:
    basket = _basket(session)
    basket["pickup_at"] = pickup_at.isoformat() if pickup_at else None
    basket["return_at"] = return_at.isoformat() if return_at else None
    _store(session, basket)


def clear_basket(*, session) -> None:
    session.pop(BASKET_KEY, None)
    session.modified = True
