"""Quote, request and settle a booking: the room is held through calendars.services, the order is created
last through payments (docs/payments.md, "Locking rules")."""

import dataclasses
import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.categories import CustomerCategory, category_for_user
from accounts.models import User
from accounts.municipality_models import Municipality
from associations.models import Association
from associations.selectors import user_can_book_for
from calendars import errors as calendar_errors
from calendars import selectors as calendar_selectors
from calendars import services as calendar_services
from calendars.locking import LockLevel, lock_resources, lock_row, note_created
from payments import selectors as payment_selectors
from payments import services as payment_services
from payments.amounts import line_amounts, sum_amounts, to_cents
from payments.errors import PaymentError
from payments.models import Basket
from payments.pricing import PriceRequest, QuoteLine, find_tariff
from reservations.rooms.errors import RoomHireError
from reservations.rooms.models import (
    Booking,
    BookingChannel,
    BookingState,
    Layout,
    Room,
    RoomExtra,
    RoomMode,
)

HANDLER_KEY = "rooms.booking"
HALF_DAY_HOURS = 5
DAY_HOURS = 24


@dataclass(frozen=True)
class RoomQuote:
    category: str
    lines: list[QuoteLine]
    total: Decimal
    deposit_total: Decimal

    def as_line_specs(self) -> list[payment_services.LineSpec]:
        return [line.as_line_spec() for line in self.lines]


def _rent_request(room: Room, category: str, start: dt.datetime, end: dt.datetime) -> PriceRequest:
    """The cheapest of the room's units that covers the span: hours, half days (5 h) or days (24 h)."""
    hours = Decimal((end - start).total_seconds()) / Decimal(3600)
    candidates = []
    for unit, quantity in (
        ("hour", to_cents(hours)),  # hours to two decimals, rounded like every amount (half up)
        ("half_day", Decimal(math.ceil(hours / HALF_DAY_HOURS))),
        ("day", Decimal(math.ceil(hours / DAY_HOURS))),
    ):
        try:
            tariff = find_tariff(target=room, category=category, unit=unit)
        except PaymentError:
            continue
        candidates.append((tariff.price * quantity, unit, quantity))
    if not candidates:
        raise RoomHireError(_("Voor deze zaal is er geen tarief in uw klantcategorie."), field="booked_for")
    _price, unit, quantity = min(candidates, key=lambda c: c[0])
    return PriceRequest(target=room, unit=unit, quantity=quantity)


def _describe(room: Room, start: dt.datetime, end: dt.datetime) -> str:
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    return f"{room} {local_start:%d/%m/%Y %H:%M}–{local_end:%H:%M}"


def quote_booking(
    *,
    room: Room,
    category: str,
    start: dt.datetime,
    end: dt.datetime,
    extras: Sequence[RoomExtra] = (),
    booking: Booking | None = None,
) -> RoomQuote:
    """Itemised price shown before the request and recomputed from scratch when it is submitted."""
    from payments.pricing import quote

    if end <= start:
        raise RoomHireError(_("Het einde moet na het begin liggen."), field="end")
    request = _rent_request(room, category, start, end)
    request = PriceRequest(
        target=request.target,
        unit=request.unit,
        quantity=request.quantity,
        description=_describe(room, start, end),
        handler=HANDLER_KEY,
        line_target=booking,
    )
    try:
        rent = quote(items=[request], category=category)
    except PaymentError as exc:
        raise RoomHireError(exc.message if hasattr(exc, "message") else str(exc), field="booked_for") from exc
    lines = list(rent.lines)
    for extra in extras:
        lines.append(
            QuoteLine(
                description=extra.name,
                quantity=Decimal("1"),
                unit_price=extra.price,
                vat_rate=extra.vat_rate,
                amounts=line_amounts(quantity=Decimal("1"), unit_price=extra.price, vat_rate=extra.vat_rate),
                handler=HANDLER_KEY,
                target=booking,
            )
        )
    totals = sum_amounts([line.amounts for line in lines])
    deposit = sum((line.amounts.total for line in lines if line.is_deposit), Decimal("0.00"))
    return RoomQuote(category=category, lines=lines, total=totals.total, deposit_total=deposit)


def category_for_booking(
    *, customer: User, association: Association | None, municipality: Municipality
) -> str:
    """The customer category in the municipality that owns the room (its venue's municipality): residents of
    that municipality pay the resident rate, an association is recognised only in its own municipality."""
    if association:
        return association.customer_category(municipality=municipality)
    return category_for_user(customer, municipality=municipality)


def _validate(
    *,
    room: Room,
    customer,
    association: Association | None,
    start: dt.datetime,
    end: dt.datetime,
    people: int,
    layout: str,
    extras: Sequence[RoomExtra],
    now: dt.datetime,
    staff: bool,
) -> str:
    if not room.is_active or not room.venue.is_active:
        raise RoomHireError(_("Deze zaal kan niet gereserveerd worden."), field="room")
    if timezone.is_naive(start) or timezone.is_naive(end):
        raise RoomHireError(_("Geef een geldige datum en tijd op."), field="start")
    if start < now:
        raise RoomHireError(_("Dit moment ligt in het verleden. Kies een later moment."), field="start")
    if end <= start:
        raise RoomHireError(_("Het einde moet na het begin liggen."), field="end")
    if layout not in Layout.values:
        raise RoomHireError(_("Kies een opstelling."), field="layout")
    if people < 1:
        raise RoomHireError(_("Geef het aantal personen op."), field="people")
    maximum = room.capacity_for(layout)
    if people > maximum:
        raise RoomHireError(
            _("Er mogen hoogstens %(max)s personen in deze zaal in deze opstelling.") % {"max": maximum},
            field="people",
        )
    if association is not None and not staff and not user_can_book_for(customer, association):
        raise RoomHireError(
            _(
                "U mag niet reserveren voor %(association)s: vraag de beheerder van de vereniging om de rol "
                "van boeker."
            )
            % {"association": association.name},
            field="booked_for",
        )
    if any(extra.room_id != room.pk or not extra.is_active for extra in extras):
        raise RoomHireError(_("Deze extra hoort niet bij deze zaal."), field="extras")
    category = category_for_booking(
        customer=customer, association=association, municipality=room.venue.municipality
    )
    if room.allowed_categories and category not in room.allowed_categories:
        raise RoomHireError(
            _("Deze zaal is niet te huur voor %(category)s.")
            % {"category": CustomerCategory(category).label},
            field="booked_for",
        )
    return category


def _holder(booking: Booking):
    return booking.association if booking.association_id else booking.customer


def _as_reservation_error(error: calendar_errors.AllocationError) -> RoomHireError:
    field = error.field if error.field in ("start", "end") else "start"
    if isinstance(error, calendar_errors.NotEnoughCapacityError):
        return RoomHireError(
            _("Deze zaal is op dat moment niet meer vrij. Kies een ander moment."), field="start"
        )
    return RoomHireError(str(error.message), field=field)


def _settle(booking: Booking, *, now: dt.datetime, customer_present: bool) -> None:
    """After a request is accepted (instantly or by staff): invoice, complete for free, or ask payment."""
    quote_, specs = _priced(booking)
    booking.total = quote_.total
    association = booking.association
    billing = None
    if association is not None:
        billing = payment_services.BillingDetails(
            name=association.name,
            email=association.email,
            address=association.address,
            vat_number=association.enterprise_number,
        )
    invoiced = association is not None and association.recognised and quote_.total > 0
    channel = "counter" if booking.channel == BookingChannel.COUNTER else "online"
    booking.state = BookingState.AWAITING_PAYMENT
    booking.save(update_fields=["total", "state", "updated_at"])
    order = payment_services.place_order(
        municipality=booking.municipality,
        lines=specs,
        user=booking.customer,
        billed_party=association,
        billing=billing,
        channel=channel,
        hold_minutes=0 if invoiced else (None if customer_present else _approved_hold_minutes()),
        invoice=invoiced or association is not None,
        created_by=booking.created_by,
    )
    booking.order = order
    booking.save(update_fields=["order", "updated_at"])
    if invoiced:
        # The invoice counter is the last lock of the transaction (docs/payments.md, "Locking rules").
        _confirm(booking, now=now)
        payment_services.issue_invoice(order=order)
    else:
        # Free orders were completed by create_order, which called on_paid: read the state back.
        booking.refresh_from_db(fields=["state"])
        if booking.state == BookingState.AWAITING_PAYMENT and not customer_present and order.expires_at:
            # An approved option is paid later, from the e-mail: hold the room as long as the order is
            # payable, never past the start. An instant booking keeps its short hold; choosing a bank
            # transfer extends it (the handler's on_hold_extended).
            until = min(order.expires_at, booking.start)
            calendar_services.extend_hold(allocations=[booking.allocation], until=until, now=now)


def _invoiced_at_once(association: Association | None) -> bool:
    """A recognised association pays afterwards on an invoice: nothing to put in a basket."""
    return association is not None and association.recognised


def _priced(booking: Booking) -> tuple[RoomQuote, list[payment_services.LineSpec]]:
    """The booking's quote, recomputed from scratch, and its lines dated and placed (for the basket, the
    order and the .ics of the confirmation)."""
    quote_ = quote_booking(
        room=booking.room,
        category=booking.category,
        start=booking.start,
        end=booking.end,
        extras=list(booking.extras.all()),
        booking=booking,
    )
    where = f"{booking.room.venue.name}, {booking.room.venue.address}".strip(", ")
    specs = [
        dataclasses.replace(spec, starts_at=booking.start, ends_at=booking.end, location=where)
        for spec in quote_.as_line_specs()
    ]
    return quote_, specs


def _put_in_basket(booking: Booking, *, basket: Basket, hold_until: dt.datetime, now: dt.datetime) -> None:
    """The quoted lines and the room's hold go into the basket; the order comes at checkout."""
    quote_, lines = _priced(booking)
    booking.total = quote_.total
    booking.state = BookingState.AWAITING_PAYMENT
    booking.save(update_fields=["total", "state", "updated_at"])
    payment_services.add_to_basket(
        basket=basket, lines=lines, allocations=[booking.allocation], hold_until=hold_until, now=now
    )


def _approved_hold_minutes() -> int:
    """An approved request is paid later, from the e-mail: give as long as a bank transfer gets."""
    return settings.BANK_TRANSFER_DUE_DAYS * 24 * 60


def _confirm(booking: Booking, *, now: dt.datetime) -> None:
    calendar_services.confirm(allocations=[booking.allocation], now=now)
    booking.state = BookingState.CONFIRMED
    booking.save(update_fields=["state", "updated_at"])
    booking_id = booking.pk
    transaction.on_commit(lambda: _send_confirmation(booking_id))


def _send_confirmation(booking_id: int) -> None:
    """After commit (a free checkout links its basket only after on_paid): a booking paid with a basket
    is confirmed by the basket's one mail (payments), every other booking by its own."""
    booking = Booking.objects.select_related("order").filter(pk=booking_id).first()
    if booking is not None and payment_selectors.confirmed_by_checkout(booking.order):
        return
    _send("send_booking_confirmation", booking_id)


def _send(task_name: str, booking_id: int) -> None:
    from reservations.rooms import tasks as tasks_rooms

    getattr(tasks_rooms, task_name).delay(booking_id)


def request_booking(
    *,
    room: Room,
    customer: User,
    start: dt.datetime,
    end: dt.datetime,
    purpose: str,
    people: int,
    layout: str = Layout.STANDING,
    extras: Sequence[RoomExtra] = (),
    association: Association | None = None,
    channel: str = BookingChannel.ONLINE,
    created_by: User | None = None,
    basket: Basket | None = None,
    now: dt.datetime | None = None,
) -> Booking:
    """Hold the room and either put it in the basket (instant rooms) or keep an option for staff to approve.

    An instant booking goes into ``basket`` (default: the customer's open basket of the room's
    municipality; at the counter the customer's counter basket) and is held as long as the basket is;
    a recognised association's instant booking is invoiced and confirmed at once instead.

    Staff at the counter (created_by is staff, channel counter) book with the same public rules and
    prices; that booking is written to the audit log (rooms.booking.counter) in the same transaction."""
    now = now or timezone.now()
    staff = bool(created_by and created_by.is_staff and channel == BookingChannel.COUNTER)
    extras = list(extras)
    category = _validate(
        room=room,
        customer=customer,
        association=association,
        start=start,
        end=end,
        people=people,
        layout=layout,
        extras=extras,
        now=now,
        staff=staff,
    )
    if not (purpose or "").strip():
        raise RoomHireError(_("Waarvoor reserveert u de zaal?"), field="purpose")
    quote_booking(room=room, category=category, start=start, end=end, extras=extras)  # fails early
    instant = room.mode == RoomMode.INSTANT
    into_basket = instant and not _invoiced_at_once(association)
    if into_basket and basket is None:
        basket = payment_services.open_basket(
            municipality=room.venue.municipality,
            user=customer,
            channel="counter" if channel == BookingChannel.COUNTER else "online",
            served_by=created_by if staff else None,
        )
    try:
        with transaction.atomic():
            booking = Booking.objects.create(
                room=room,
                customer=customer,
                association=association,
                start=start,
                end=end,
                purpose=purpose.strip(),
                people=people,
                layout=layout,
                category=category,
                channel=channel,
                created_by=created_by or customer,
                state=BookingState.REQUESTED,
            )
            note_created(booking)
            booking.extras.set(extras)
            if basket is not None and into_basket:
                hold_until = payment_services.hold_deadline(basket=basket, starts_at=start, now=now)
            elif instant:
                hold_until = now + dt.timedelta(minutes=settings.ORDER_HOLD_MINUTES)
            else:
                hold_until = min(now + dt.timedelta(days=room.option_hold_days), start)
            (allocation,) = calendar_services.allocate(
                resources=room.resource,
                start=start,
                end=end,
                hold_expires_at=hold_until,
                reference=booking,
                holder=_holder(booking),
                created_by=created_by or customer,
                title=purpose.strip()[:200],
                now=now,
            )
            booking.allocation = allocation
            booking.save(update_fields=["allocation", "updated_at"])
            if into_basket and basket is not None:
                _put_in_basket(booking, basket=basket, hold_until=hold_until, now=now)
            elif instant:
                _settle(booking, now=now, customer_present=True)
            else:
                booking_id = booking.pk
                transaction.on_commit(lambda: _send("send_booking_received", booking_id))
            if staff:
                log(instance=booking, action="rooms.booking.counter", user=created_by)
    except calendar_errors.AllocationError as error:
        raise _as_reservation_error(error) from error
    except PaymentError as error:
        raise RoomHireError(str(error), field="booked_for") from error
    booking.refresh_from_db()
    return booking


def booking_resource_ids(booking_ids: list[int]) -> set[int]:
    """The calendar rows a change to these bookings may lock: their room (with its parts) and what their
    allocations hold. Read without a lock, to be locked first (docs/locking.md)."""
    rows = Booking.objects.filter(pk__in=booking_ids).values_list("room__resource_id", "allocation_id")
    return calendar_selectors.resource_ids_to_lock(
        resource_ids=[room for room, _a in rows], allocation_ids=[a for _r, a in rows if a]
    )


def _lock_booking(booking: Booking, *, resources: bool = False) -> Booking:
    """The booking row at its place in the global lock order; with ``resources`` (a change that claims
    capacity: approve, move, confirm) its calendar resources are locked before it."""
    if resources:
        lock_resources(booking_resource_ids([booking.pk]))
    return lock_row(Booking, booking.pk, level=LockLevel.FEATURE)
