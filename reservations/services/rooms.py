"""State changes of room hire; one transaction each.

Every claim on a room goes through calendars.services (allocate, confirm, release, move,
allocate_series); every euro through payments (quote, create_order, refund_order). The calendar locks
are taken first and the order is created last (docs/payments.md, "Locking rules").

Invariant: a confirmed booking always has a paid, invoiced or explicitly free order:
- paid: the order's on_paid handler (handlers/rooms.py) is the only place that confirms online bookings;
- free: a zero total is completed by create_order itself (provider "free"), which calls on_paid;
- invoiced: recognised local associations are confirmed at once with an order created with
  invoice=True and its invoice issued in the same transaction (payments.services.issue_invoice).
"""

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
from accounts.municipalities import default_municipality
from associations.models import Association
from associations.selectors import user_can_book_for
from calendars import errors as calendar_errors
from calendars import services as calendar_services
from calendars.models import AllocationState
from calendars.selectors import free_quantity
from payments import services as payment_services
from payments.amounts import line_amounts, sum_amounts
from payments.errors import PaymentError
from payments.models import OrderStatus
from payments.pricing import PriceRequest, QuoteLine, find_tariff
from reservations.errors import ReservationError
from reservations.models import (
    Booking,
    BookingChannel,
    BookingState,
    Layout,
    Room,
    RoomExtra,
    RoomMode,
    SeasonOccurrence,
    SeasonRequest,
    SeasonRequestState,
)

HANDLER_KEY = "reservations.booking"
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
        ("hour", hours.quantize(Decimal("0.01"))),
        ("half_day", Decimal(math.ceil(hours / HALF_DAY_HOURS))),
        ("day", Decimal(math.ceil(hours / DAY_HOURS))),
    ):
        try:
            tariff = find_tariff(target=room, category=category, unit=unit)
        except PaymentError:
            continue
        candidates.append((tariff.price * quantity, unit, quantity))
    if not candidates:
        raise ReservationError(
            _("Voor deze zaal is er geen tarief in uw klantcategorie."), field="booked_for"
        )
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
        raise ReservationError(_("Het einde moet na het begin liggen."), field="end")
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
        raise ReservationError(
            exc.message if hasattr(exc, "message") else str(exc), field="booked_for"
        ) from exc
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


def category_for_booking(*, customer, association: Association | None) -> str:
    if association:
        return association.customer_category()
    return category_for_user(customer, municipality=default_municipality())  # TEMPORARY: Venue.municipality


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
        raise ReservationError(_("Deze zaal kan niet gereserveerd worden."), field="room")
    if timezone.is_naive(start) or timezone.is_naive(end):
        raise ReservationError(_("Geef een geldige datum en tijd op."), field="start")
    if start < now:
        raise ReservationError(_("Dit moment ligt in het verleden. Kies een later moment."), field="start")
    if end <= start:
        raise ReservationError(_("Het einde moet na het begin liggen."), field="end")
    if layout not in Layout.values:
        raise ReservationError(_("Kies een opstelling."), field="layout")
    if people < 1:
        raise ReservationError(_("Geef het aantal personen op."), field="people")
    maximum = room.capacity_for(layout)
    if people > maximum:
        raise ReservationError(
            _("Er mogen hoogstens %(max)s personen in deze zaal in deze opstelling.") % {"max": maximum},
            field="people",
        )
    if association is not None and not staff and not user_can_book_for(customer, association):
        raise ReservationError(
            _(
                "U mag niet reserveren voor %(association)s: vraag de beheerder van de vereniging om de rol "
                "van boeker."
            )
            % {"association": association.name},
            field="booked_for",
        )
    if any(extra.room_id != room.pk or not extra.is_active for extra in extras):
        raise ReservationError(_("Deze extra hoort niet bij deze zaal."), field="extras")
    category = category_for_booking(customer=customer, association=association)
    if room.allowed_categories and category not in room.allowed_categories:
        raise ReservationError(
            _("Deze zaal is niet te huur voor %(category)s.")
            % {"category": CustomerCategory(category).label},
            field="booked_for",
        )
    return category


def _holder(booking: Booking):
    return booking.association if booking.association_id else booking.customer


def _as_reservation_error(error: calendar_errors.AllocationError) -> ReservationError:
    field = error.field if error.field in ("start", "end") else "start"
    if isinstance(error, calendar_errors.NotEnoughCapacityError):
        return ReservationError(
            _("Deze zaal is op dat moment niet meer vrij. Kies een ander moment."), field="start"
        )
    return ReservationError(str(error.message), field=field)


def _settle(booking: Booking, *, now: dt.datetime, customer_present: bool) -> None:
    """After a request is accepted (instantly or by staff): invoice, complete for free, or ask payment."""
    quote_ = quote_booking(
        room=booking.room,
        category=booking.category,
        start=booking.start,
        end=booking.end,
        extras=list(booking.extras.all()),
        booking=booking,
    )
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
    order = payment_services.create_order(
        lines=quote_.as_line_specs(),
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
        payment_services.issue_invoice(order=order)
        _confirm(booking, now=now)
    else:
        # Free orders were completed by create_order, which called on_paid: read the state back.
        booking.refresh_from_db(fields=["state"])
        if booking.state == BookingState.AWAITING_PAYMENT:
            # The order's expiry governs; the hold is a safety net that outlives a bank transfer.
            grace = getattr(settings, "BANK_TRANSFER_GRACE_DAYS", 3)
            until = now + dt.timedelta(days=settings.BANK_TRANSFER_DUE_DAYS + grace + 1)
            calendar_services.extend_hold(allocations=[booking.allocation], until=until, now=now)


def _approved_hold_minutes() -> int:
    """An approved request is paid later, from the e-mail: give as long as a bank transfer gets."""
    return settings.BANK_TRANSFER_DUE_DAYS * 24 * 60


def _confirm(booking: Booking, *, now: dt.datetime) -> None:
    calendar_services.confirm(allocations=[booking.allocation], now=now)
    booking.state = BookingState.CONFIRMED
    booking.save(update_fields=["state", "updated_at"])
    booking_id = booking.pk
    transaction.on_commit(lambda: _send("send_booking_confirmation", booking_id))


def _send(task_name: str, booking_id: int) -> None:
    from reservations import tasks_rooms

    getattr(tasks_rooms, task_name).delay(booking_id)


def request_booking(
    *,
    room: Room,
    customer,
    start: dt.datetime,
    end: dt.datetime,
    purpose: str,
    people: int,
    layout: str = Layout.STANDING,
    extras: Sequence[RoomExtra] = (),
    association: Association | None = None,
    channel: str = BookingChannel.ONLINE,
    created_by=None,
    now: dt.datetime | None = None,
) -> Booking:
    """Hold the room and either ask payment (instant rooms) or keep an option for staff to approve.

    Staff at the counter (created_by is staff) book with the same public rules and prices."""
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
        raise ReservationError(_("Waarvoor reserveert u de zaal?"), field="purpose")
    quote_booking(room=room, category=category, start=start, end=end, extras=extras)  # fails early
    instant = room.mode == RoomMode.INSTANT
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
            booking.extras.set(extras)
            if instant:
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
            if instant:
                _settle(booking, now=now, customer_present=True)
            else:
                booking_id = booking.pk
                transaction.on_commit(lambda: _send("send_booking_received", booking_id))
    except calendar_errors.AllocationError as error:
        raise _as_reservation_error(error) from error
    except PaymentError as error:
        raise ReservationError(str(error), field="booked_for") from error
    booking.refresh_from_db()
    return booking


def _lock_booking(booking: Booking) -> Booking:
    return (
        Booking.objects.select_for_update(of=("self",))
        .select_related("room", "association", "customer")
        .get(pk=booking.pk)
    )


def approve_booking(*, booking: Booking, staff, now: dt.datetime | None = None) -> Booking:
    """Staff accept an option: it becomes an order to pay, an invoice, or is confirmed when free."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            booking = _lock_booking(booking)
            if booking.state != BookingState.REQUESTED:
                raise ReservationError(_("Deze aanvraag werd al behandeld."))
            booking.decided_by, booking.decided_at = staff, now
            booking.save(update_fields=["decided_by", "decided_at", "updated_at"])
            _settle(booking, now=now, customer_present=False)
            log(instance=booking, action="reservations.booking.approve", user=staff)
    except calendar_errors.AllocationError as error:
        raise ReservationError(str(error.message)) from error
    except PaymentError as error:
        raise ReservationError(str(error)) from error
    booking.refresh_from_db()
    return booking


def reject_booking(*, booking: Booking, staff, reason: str, now: dt.datetime | None = None) -> Booking:
    """Staff refuse a request with a reason the customer reads; the option is released."""
    now = now or timezone.now()
    if not reason.strip():
        raise ReservationError(_("Geef een reden op; de aanvrager krijgt ze te lezen."), field="reason")
    with transaction.atomic():
        booking = _lock_booking(booking)
        if booking.state != BookingState.REQUESTED:
            raise ReservationError(_("Deze aanvraag werd al behandeld."))
        if booking.allocation_id:
            calendar_services.release(allocations=[booking.allocation], now=now)
        booking.state = BookingState.REJECTED
        booking.rejection_reason = reason.strip()
        booking.decided_by, booking.decided_at = staff, now
        booking.save(update_fields=["state", "rejection_reason", "decided_by", "decided_at", "updated_at"])
        log(instance=booking, action="reservations.booking.reject", user=staff, data={"reason": reason})
        booking_id = booking.pk
        transaction.on_commit(lambda: _send("send_booking_rejected", booking_id))
    return booking


def cancellation_fee(*, booking: Booking, now: dt.datetime | None = None) -> tuple[int, Decimal]:
    """(percentage, fee in euro) if cancelled now; the deposit is never part of the fee."""
    now = now or timezone.now()
    days_before = (booking.start - now).total_seconds() / 86400
    percent = booking.room.cancellation_percent(days_before=days_before)
    if booking.state != BookingState.CONFIRMED or booking.order is None:
        return 0, Decimal("0.00")
    rent = sum((line.total for line in booking.order.lines.filter(is_deposit=False)), Decimal("0.00"))
    return percent, (rent * percent / 100).quantize(Decimal("0.01"))


def cancel_booking(*, booking: Booking, by, iban: str = "", now: dt.datetime | None = None) -> Booking:
    """Cancel within the room's rules: unpaid orders are cancelled, paid ones refunded minus the fee."""
    now = now or timezone.now()
    if booking.end <= now:
        raise ReservationError(_("Een voorbije reservatie kan niet meer geannuleerd worden."))
    try:
        with transaction.atomic():
            booking = _lock_booking(booking)
            if not booking.is_active:
                raise ReservationError(_("Deze reservatie is niet meer actief."))
            _percent, fee = cancellation_fee(booking=booking, now=now)
            order = booking.order
            booking.state = BookingState.CANCELLED  # handlers called below see it is already done
            booking.cancelled_at = now
            booking.cancellation_fee = fee
            booking.save(update_fields=["state", "cancelled_at", "cancellation_fee", "updated_at"])
            if order is not None:
                order.refresh_from_db()
                if order.is_unpaid:
                    payment_services.cancel_order(order=order, reason=_("Reservatie geannuleerd"), by=by)
                elif order.status == OrderStatus.PAID:
                    amount = order.amount_paid() - fee
                    if amount > 0:
                        payment_services.refund_order(
                            order=order,
                            reason=_("Reservatie geannuleerd"),
                            amount=amount,
                            iban=iban,
                            by=by,
                        )
            if booking.allocation_id:
                calendar_services.release(allocations=[booking.allocation], now=now)
            if by is not None and getattr(by, "is_staff", False):
                log(instance=booking, action="reservations.booking.cancel", user=by)
    except PaymentError as error:
        raise ReservationError(str(error), field=getattr(error, "field", None) or "iban") from error
    return booking


def move_booking(*, booking: Booking, start: dt.datetime, by=None, now: dt.datetime | None = None) -> Booking:
    """Move to another start with the same duration (so the price stays what was paid)."""
    now = now or timezone.now()
    if timezone.is_naive(start):
        raise ReservationError(_("Geef een geldige datum en tijd op."), field="start")
    if start < now:
        raise ReservationError(_("Dit moment ligt in het verleden. Kies een later moment."), field="start")
    if not booking.is_active or booking.allocation_id is None:
        raise ReservationError(_("Deze reservatie is niet meer actief."))
    end = start + booking.duration
    try:
        with transaction.atomic():
            booking = _lock_booking(booking)
            calendar_services.move(allocation=booking.allocation, start=start, end=end, now=now)
            booking.start, booking.end = start, end
            booking.save(update_fields=["start", "end", "updated_at"])
            if by is not None and getattr(by, "is_staff", False):
                log(instance=booking, action="reservations.booking.move", user=by)
    except calendar_errors.AllocationError as error:
        raise _as_reservation_error(error) from error
    return booking


# --- handler callbacks (called by payments inside its transaction) ------------------------------


def confirm_paid_booking(*, booking: Booking, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    booking = _lock_booking(booking)
    if booking.state in (BookingState.AWAITING_PAYMENT, BookingState.EXPIRED):
        _confirm(booking, now=now)


def extend_booking_hold(*, booking: Booking, until: dt.datetime, now: dt.datetime | None = None) -> None:
    """Hold the room while its order waits for a bank transfer; refuse if the hold can't be kept."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = _lock_booking(booking)
        allocation = booking.allocation
        if booking.state != BookingState.AWAITING_PAYMENT or allocation is None:
            return
        if allocation.state == AllocationState.CONFIRMED:
            return
        try:  # the engine revives a lapsed hold if the room is still free, and refuses otherwise
            calendar_services.extend_hold(allocations=[allocation], until=until, now=now)
        except calendar_errors.AllocationError as exc:
            raise PaymentError(
                _("Deze zaal is niet langer voor u vastgehouden; reserveer ze opnieuw."), field="provider"
            ) from exc


def end_unpaid_booking(*, booking: Booking, state: str, now: dt.datetime | None = None) -> None:
    """The order expired or was cancelled: give the room back (once).

    An expired order only lets the hold run out (it stops blocking at once): money that arrives late
    can then still confirm it through the engine, if nobody took the room since. A cancelled order
    releases the room for good."""
    now = now or timezone.now()
    booking = _lock_booking(booking)
    allocation = booking.allocation
    if allocation is not None and allocation.state == AllocationState.HELD:
        if state == BookingState.EXPIRED:
            if allocation.hold_expires_at is None or allocation.hold_expires_at > now:
                calendar_services.extend_hold(allocations=[allocation], until=now, now=now)
        else:
            calendar_services.release(allocations=[allocation], now=now)
    if booking.is_active:
        booking.state = state
        booking.save(update_fields=["state", "updated_at"])


def expire_booking_options(*, now: dt.datetime | None = None) -> int:
    """Requests whose option ran out before staff decided become expired (the engine already freed them)."""
    now = now or timezone.now()
    count = 0
    for booking in Booking.objects.filter(
        state=BookingState.REQUESTED, allocation__hold_expires_at__lte=now
    ).select_related("allocation"):
        with transaction.atomic():
            locked = _lock_booking(booking)
            if locked.state != BookingState.REQUESTED:
                continue
            calendar_services.release(allocations=[locked.allocation], now=now)
            locked.state = BookingState.EXPIRED
            locked.save(update_fields=["state", "updated_at"])
            count += 1
    return count


# --- season requests ------------------------------------------------------------------------------


def _season_occurrences(
    *, room: Room, weekday: int, start_time: dt.time, end_time: dt.time, first: dt.date, last: dt.date
) -> list[tuple[dt.datetime, dt.datetime]]:
    tz = room.resource.tz
    day = first + dt.timedelta(days=(weekday - first.weekday()) % 7)
    result = []
    while day <= last:
        result.append(
            (dt.datetime.combine(day, start_time, tzinfo=tz), dt.datetime.combine(day, end_time, tzinfo=tz))
        )
        day += dt.timedelta(days=7)
    return result


def request_season(
    *,
    room: Room,
    association: Association,
    requested_by,
    weekday: int,
    start_time: dt.time,
    end_time: dt.time,
    first_date: dt.date,
    last_date: dt.date,
    purpose: str,
    people: int,
    now: dt.datetime | None = None,
) -> SeasonRequest:
    """An association asks a weekly slot for a season; nothing is held until staff decide."""
    now = now or timezone.now()
    if not user_can_book_for(requested_by, association):
        raise ReservationError(
            _("U mag niet reserveren voor %(association)s.") % {"association": association.name},
            field="association",
        )
    if end_time <= start_time:
        raise ReservationError(_("Het einde moet na het begin liggen."), field="end_time")
    if last_date < first_date:
        raise ReservationError(_("De laatste dag moet na de eerste liggen."), field="last_date")
    if first_date <= timezone.localdate(now):
        raise ReservationError(_("Het seizoen moet in de toekomst beginnen."), field="first_date")
    if people > room.capacity:
        raise ReservationError(
            _("Er mogen hoogstens %(max)s personen in deze zaal.") % {"max": room.capacity}, field="people"
        )
    occurrences = _season_occurrences(
        room=room, weekday=weekday, start_time=start_time, end_time=end_time, first=first_date, last=last_date
    )
    if not occurrences:
        raise ReservationError(_("In deze periode valt die weekdag niet."), field="weekday")
    with transaction.atomic():
        season = SeasonRequest.objects.create(
            association=association,
            room=room,
            requested_by=requested_by,
            weekday=weekday,
            start_time=start_time,
            end_time=end_time,
            first_date=first_date,
            last_date=last_date,
            purpose=purpose,
            people=people,
        )
        SeasonOccurrence.objects.bulk_create(
            SeasonOccurrence(season_request=season, start=s, end=e) for s, e in occurrences
        )
    return season


def decide_season_request(
    *,
    season: SeasonRequest,
    staff,
    approve_ids: Sequence[int],
    note: str = "",
    now: dt.datetime | None = None,
) -> SeasonRequest:
    """Approve the chosen weeks (each one on its own: a taken week is declined with its reason)."""
    from recurrence import WEEKLY, Recurrence, Rule

    now = now or timezone.now()
    with transaction.atomic():
        season = SeasonRequest.objects.select_for_update().get(pk=season.pk)
        if season.state != SeasonRequestState.REQUESTED:
            raise ReservationError(_("Deze aanvraag werd al behandeld."))
        occurrences = list(season.occurrences.all())
        chosen = {o.pk for o in occurrences if o.pk in set(approve_ids)}
        tz = season.room.resource.tz
        exdates = [o.start.astimezone(tz) for o in occurrences if o.pk not in chosen]
        allocated = {}
        if chosen:
            until = max(o.start for o in occurrences) + dt.timedelta(minutes=1)
            result = calendar_services.allocate_series(
                resources=season.room.resource,
                recurrence=Recurrence(rrules=[Rule(WEEKLY, byday=[season.weekday])], exdates=exdates),
                local_start_date=min(o.start for o in occurrences).astimezone(tz).date(),
                local_start_time=season.start_time,
                duration=dt.datetime.combine(dt.date.min, season.end_time)
                - dt.datetime.combine(dt.date.min, season.start_time),
                until=until.astimezone(tz),
                mode=calendar_services.SeriesMode.BEST_EFFORT,
                confirm=True,
                holder=season.association,
                reference=season,
                created_by=staff,
                title=season.purpose[:200],
                now=now,
            )
            season.series = result.series
            for occurrence in result.occurrences:
                allocated[occurrence.start] = occurrence
        approved = 0
        for occurrence in occurrences:
            outcome = allocated.get(occurrence.start)
            if occurrence.pk in chosen and outcome is not None and outcome.allocated:
                occurrence.result = SeasonOccurrence.Result.APPROVED
                occurrence.allocation = outcome.allocations[0]
                occurrence.reason = ""
                approved += 1
            else:
                occurrence.result = SeasonOccurrence.Result.DECLINED
                if occurrence.pk in chosen and outcome is not None and outcome.error is not None:
                    occurrence.reason = str(outcome.error)[:300]
                else:
                    occurrence.reason = _("Niet toegekend door de dienst.")
            occurrence.save(update_fields=["result", "allocation", "reason"])
        if approved == len(occurrences):
            season.state = SeasonRequestState.APPROVED
        elif approved:
            season.state = SeasonRequestState.PARTLY_APPROVED
        else:
            season.state = SeasonRequestState.REJECTED
        season.staff_note = note
        season.decided_by, season.decided_at = staff, now
        season.save()
        log(instance=season, action="reservations.season.decide", user=staff)
    return season


def season_week_is_free(*, occurrence: SeasonOccurrence) -> bool:
    return (
        free_quantity(
            resource=occurrence.season_request.room.resource, start=occurrence.start, end=occurrence.end
        )
        >= 1
    )
