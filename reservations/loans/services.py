"""State changes of material loans; one transaction each, LoanError for every refusal.

Stock is only ever claimed through calendars.services (allocate/confirm/release): every line of a loan is
allocated in ONE allocate() call, so a loan gets all its material or nothing. Money goes through
payments.services with the handler key "loans.loan" (reservations/handlers/loans.py).
"""

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.categories import category_for_user
from accounts.municipalities import default_municipality
from associations.selectors import user_can_book_for
from calendars import errors as calendar_errors
from calendars import selectors as calendar_selectors
from calendars import services as calendar_services
from calendars.rules import check_rules
from payments import services as payment_services
from payments.amounts import line_amounts, sum_amounts
from payments.errors import PaymentError
from payments.models import Deposit
from payments.pricing import PriceRequest, Quote, QuoteLine, quote
from reservations.loans.errors import LoanError
from reservations.loans.models import (
    ACTIVE_STATES,
    Depot,
    Kit,
    Loan,
    LoanItem,
    LoanLine,
    LoanPaymentMode,
    LoanState,
    PriceUnit,
    UnitBlock,
    loan_days,
)

HANDLER_KEY = "loans.loan"
ZERO = Decimal("0.00")

ItemQuantities = Sequence[tuple[LoanItem, int]]


# --- requests: what the customer asks for ---------------------------------------------------------


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
            raise LoanError(
                _("%(item)s wordt niet meer uitgeleend.") % {"item": item.name}, field="lines"
            )
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


def customer_category(*, user, association=None) -> str:
    if association is not None:
        return str(association.customer_category())
    return category_for_user(user, municipality=default_municipality())  # TEMPORARY until Depot.municipality


def quote_loan(
    *,
    lines: ItemQuantities,
    pickup_at: dt.datetime,
    return_at: dt.datetime,
    category: str,
    delivery_fee: Decimal = ZERO,
    line_target: models.Model | None = None,
) -> Quote:
    """The itemised price: one line per item (per piece, or per piece per started day), the delivery fee,
    and one VAT-free deposit line for the whole loan (deposit per piece × quantity)."""
    days = loan_days(pickup_at, return_at)
    requests = []
    for item, quantity in lines:
        if item.price_unit == PriceUnit.DAY:
            amount = Decimal(quantity * days)
            description = _("%(item)s (%(n)s stuks × %(days)s dagen)") % {
                "item": item.name,
                "n": quantity,
                "days": days,
            }
        else:
            amount = Decimal(quantity)
            description = _("%(item)s (%(n)s stuks)") % {"item": item.name, "n": quantity}
        requests.append(
            PriceRequest(
                target=item,
                unit=str(item.price_unit),
                quantity=amount,
                description=description,
                handler=HANDLER_KEY,
                line_target=line_target,
            )
        )
    try:
        offer = quote(items=requests, category=category)
    except PaymentError as error:
        raise LoanError(str(error.message), field="lines") from None
    extra: list[QuoteLine] = []
    if delivery_fee > 0:
        extra.append(_quote_line(_("Levering en ophaling"), delivery_fee, line_target))
    deposit = sum((item.deposit * quantity for item, quantity in lines), ZERO)
    if deposit > 0:
        extra.append(_quote_line(_("Waarborg"), deposit, line_target, is_deposit=True))
    all_lines = [line for line in offer.lines if not line.is_deposit] + extra
    return Quote(category=category, lines=all_lines, totals=sum_amounts([line.amounts for line in all_lines]))


def _quote_line(description: str, price: Decimal, target, *, is_deposit: bool = False) -> QuoteLine:
    return QuoteLine(
        description=description,
        quantity=Decimal("1"),
        unit_price=price,
        vat_rate=Decimal("0"),
        amounts=line_amounts(quantity=Decimal("1"), unit_price=price, vat_rate=Decimal("0")),
        handler=HANDLER_KEY,
        target=target,
        is_deposit=is_deposit,
    )


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
    now: dt.datetime | None = None,
) -> Loan:
    """Ask for material: validates, then holds every line at once (all or nothing) until staff decide.

    Small loans (every line within its item's auto_approve_up_to) are approved at once. A line asking
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
    category = customer_category(user=user, association=association)
    delivery_fee = depot.delivery_fee if delivery else ZERO
    quote_loan(
        lines=lines, pickup_at=pickup_at, return_at=return_at, category=category, delivery_fee=delivery_fee
    )  # refuses early when a tariff is missing for this category
    if payment_mode is None:
        payment_mode = LoanPaymentMode.INVOICE if association is not None else LoanPaymentMode.ONLINE
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
                hold_expires_at=return_at,
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
        if all(item.auto_approve_up_to and quantity <= item.auto_approve_up_to for item, quantity in lines):
            loan.auto_approved = True
            loan.save(update_fields=["auto_approved"])
            _approve(loan, by=None, payment_mode=payment_mode, note=_("Automatisch goedgekeurd."), now=now)
        _mail_after_commit(loan, "approved" if loan.auto_approved else "requested")
    loan.refresh_from_db()
    return loan


def _mail_after_commit(loan: Loan, kind: str) -> None:
    from reservations.loans import tasks as tasks_loans

    loan_id = loan.pk
    transaction.on_commit(lambda: tasks_loans.send_loan_mail.delay(loan_id, kind))


# --- staff decisions -------------------------------------------------------------------------------


def _locked(loan: Loan) -> Loan:
    return (
        Loan.objects.select_for_update(of=("self",))
        .select_related("association", "user", "depot", "order")
        .get(pk=loan.pk)
    )


def _allocations(loan: Loan) -> list:
    return list(calendar_selectors.allocations_for_reference(reference=loan))


def _payment_hold_minutes(loan: Loan, mode: str, now: dt.datetime) -> int:
    if mode == LoanPaymentMode.INVOICE:
        return 0  # an invoiced order does not expire
    if mode == LoanPaymentMode.COUNTER:
        until = loan.return_at
    else:
        days = getattr(settings, "LOAN_PAYMENT_DAYS", 7)
        until = min(now + dt.timedelta(days=days), loan.pickup_at)
    return max(60, int((until - now).total_seconds() // 60))


def _billing(loan: Loan) -> payment_services.BillingDetails | None:
    association = loan.association
    if association is None:
        return None
    return payment_services.BillingDetails(
        name=association.name,
        email=association.email,
        address=association.address,
        vat_number=association.enterprise_number,
    )


def _approve(loan: Loan, *, by, payment_mode: str, note: str, now: dt.datetime) -> Loan:
    lines = [(line.item, line.quantity) for line in loan.lines.select_related("item")]
    offer = quote_loan(
        lines=lines,
        pickup_at=loan.pickup_at,
        return_at=loan.return_at,
        category=loan.customer_category,
        delivery_fee=loan.delivery_fee,
        line_target=loan,
    )
    loan.state = LoanState.INVOICED if payment_mode == LoanPaymentMode.INVOICE else LoanState.AWAITING_PAYMENT
    loan.payment_mode = payment_mode
    loan.decided_at, loan.decided_by, loan.decision_note = now, by, note
    loan.save(
        update_fields=["state", "payment_mode", "decided_at", "decided_by", "decision_note", "updated_at"]
    )
    try:
        order = payment_services.create_order(
            municipality=default_municipality(),  # TEMPORARY: Venue.municipality
            lines=offer.as_line_specs(),
            user=loan.user,
            billed_party=loan.association,
            billing=_billing(loan),
            channel="counter" if payment_mode == LoanPaymentMode.COUNTER else "online",
            hold_minutes=_payment_hold_minutes(loan, payment_mode, now),
            invoice=payment_mode == LoanPaymentMode.INVOICE,
            created_by=by,
        )  # a zero total is paid at once: the handler has then moved the loan on already
        if payment_mode == LoanPaymentMode.INVOICE:
            calendar_services.confirm(allocations=_allocations(loan), now=now)
            payment_services.issue_invoice(order=order)
    except PaymentError as error:
        raise LoanError(str(error.message), field=error.field) from None
    Loan.objects.filter(pk=loan.pk).update(order=order)
    loan.refresh_from_db()
    return loan


def approve_loan(*, loan: Loan, by, payment_mode: str | None = None, note: str = "") -> Loan:
    """Staff say yes: an order is made (to pay online, at the counter, or an invoice afterwards)."""
    now = timezone.now()
    with transaction.atomic():
        loan = _locked(loan)
        if loan.state != LoanState.REQUESTED:
            raise LoanError(_("Deze aanvraag werd al behandeld."), field="state")
        mode = payment_mode or loan.payment_mode
        if mode not in LoanPaymentMode.values:
            raise LoanError(_("Kies een geldige betaalwijze."), field="payment_mode")
        if mode == LoanPaymentMode.INVOICE and loan.association is None:
            raise LoanError(
                _("Enkel verenigingen krijgen een factuur achteraf."), field="payment_mode"
            )
        loan = _approve(loan, by=by, payment_mode=mode, note=note, now=now)
        _mail_after_commit(loan, "approved")
        return loan


def reject_loan(*, loan: Loan, by, reason: str) -> Loan:
    """Staff say no (with a reason the customer sees); the stock is given back at once."""
    if not reason.strip():
        raise LoanError(_("Geef een reden voor de weigering."), field="reason")
    with transaction.atomic():
        loan = _locked(loan)
        if loan.state != LoanState.REQUESTED:
            raise LoanError(_("Deze aanvraag werd al behandeld."), field="state")
        calendar_services.release(allocations=_allocations(loan))
        loan.state = LoanState.REJECTED
        loan.decided_at, loan.decided_by, loan.decision_note = timezone.now(), by, reason.strip()
        loan.save()
        _mail_after_commit(loan, "rejected")
        return loan


def cancel_loan(*, loan: Loan, by, reason: str = "") -> Loan:
    """The customer (or staff) cancels before anything was paid or handed out; the stock is freed."""
    with transaction.atomic():
        loan = _locked(loan)
        if loan.state not in (LoanState.REQUESTED, LoanState.AWAITING_PAYMENT):
            raise LoanError(
                _("Deze ontlening kan niet meer online geannuleerd worden; neem contact op met het depot."),
                field="state",
            )
        if loan.order is not None and loan.order.is_unpaid:
            try:
                payment_services.cancel_order(order=loan.order, reason=reason, by=by)
            except PaymentError as error:
                raise LoanError(str(error.message)) from None
        calendar_services.release(allocations=_allocations(loan))
        Loan.objects.filter(pk=loan.pk).update(state=LoanState.CANCELLED, decision_note=reason.strip())
        loan.refresh_from_db()
        return loan


def mark_loan_ready(*, loan: Loan, by) -> Loan:
    """The depot has picked the material; the customer can come."""
    with transaction.atomic():
        loan = _locked(loan)
        if loan.state not in (LoanState.PAID, LoanState.INVOICED):
            raise LoanError(_("Enkel een goedgekeurde en betaalde ontlening kan klaargezet worden."))
        loan.state = LoanState.READY
        loan.save(update_fields=["state", "updated_at"])
        _mail_after_commit(loan, "ready")
        return loan


def record_loan_counter_payment(*, loan: Loan, by, method: str = "cash") -> Loan:
    """Counter mode: the borrower pays what is due at the depot (cash or card terminal)."""
    with transaction.atomic():
        loan = _locked(loan)
        order = loan.order
        if order is None or not order.is_unpaid:
            raise LoanError(_("Er staat voor deze ontlening niets open."), field="method")
        try:
            payment_services.record_counter_payment(
                order=order, amount=order.balance_due(), method=method, staff=by
            )
        except PaymentError as error:
            raise LoanError(str(error.message), field="method") from None
        loan.refresh_from_db()
        return loan


# --- the depot: hand-out, return check, settlement -------------------------------------------------


def hand_out_loan(*, loan: Loan, by, handed_out_to: str, quantities: Mapping[int, int] | None = None) -> Loan:
    """Staff tick off the lines and record who took the material. `quantities` per line id; missing
    lines default to the quantity asked."""
    if not handed_out_to.strip():
        raise LoanError(_("Noteer wie het materiaal meeneemt."), field="handed_out_to")
    with transaction.atomic():
        loan = _locked(loan)
        if loan.state not in (LoanState.PAID, LoanState.INVOICED, LoanState.READY):
            if loan.state == LoanState.AWAITING_PAYMENT:
                raise LoanError(_("Deze ontlening is nog niet betaald."), field="state")
            raise LoanError(_("Deze ontlening kan niet meegegeven worden."), field="state")
        lines = list(loan.lines.select_related("item"))
        given_total = 0
        for line in lines:
            given = int((quantities or {}).get(line.pk, line.quantity))
            if not 0 <= given <= line.quantity:
                raise LoanError(
                    _("Voor %(item)s kunt u 0 tot %(max)s stuks meegeven.")
                    % {"item": line.item.name, "max": line.quantity},
                    field=f"line_{line.pk}",
                )
            line.handed_out_quantity = given
            given_total += given
        if given_total == 0:
            raise LoanError(_("Vink minstens één lijn af."), field="lines")
        LoanLine.objects.bulk_update(lines, ["handed_out_quantity"])
        loan.state = LoanState.HANDED_OUT
        loan.handed_out_at, loan.handed_out_by, loan.handed_out_to = timezone.now(), by, handed_out_to.strip()
        loan.save()
        return loan


@dataclass(frozen=True)
class LineCount:
    """What came back of one line: returned includes the damaged pieces; the rest is missing."""

    returned: int
    damaged: int = 0
    damage_note: str = ""
    damage_photo: UploadedFile | None = None


def check_in_loan(*, loan: Loan, by, counts: Mapping[int, LineCount], note: str = "") -> Loan:
    """Staff count what came back per line: missing = handed out − returned; damage needs a note."""
    with transaction.atomic():
        loan = _locked(loan)
        if loan.state != LoanState.HANDED_OUT:
            raise LoanError(_("Deze ontlening is niet uitgeleend."), field="state")
        lines = list(loan.lines.select_related("item"))
        for line in lines:
            count = counts.get(line.pk, LineCount(returned=line.handed_out_quantity))
            field = f"line_{line.pk}"
            if not 0 <= count.returned <= line.handed_out_quantity:
                raise LoanError(
                    _("Voor %(item)s kwamen 0 tot %(max)s stuks terug.")
                    % {"item": line.item.name, "max": line.handed_out_quantity},
                    field=field,
                )
            if not 0 <= count.damaged <= count.returned:
                raise LoanError(
                    _("Er kunnen niet meer stuks beschadigd zijn dan er terugkwamen."), field=field
                )
            if count.damaged and not count.damage_note.strip():
                raise LoanError(_("Beschrijf de schade."), field=field)
            line.returned_quantity = count.returned
            line.missing_quantity = line.handed_out_quantity - count.returned
            line.damaged_quantity = count.damaged
            line.damage_note = count.damage_note.strip()
            if count.damage_photo is not None:
                line.damage_photo = count.damage_photo
            line.save()
        loan.state = LoanState.RETURNED
        loan.returned_at, loan.checked_in_by, loan.return_note = timezone.now(), by, note.strip()
        loan.save()
        return loan


def settle_loan_deposit(
    *,
    loan: Loan,
    by,
    retained_amount: Decimal = ZERO,
    reason: str = "",
    extra_charge: Decimal = ZERO,
    iban: str = "",
) -> Loan:
    """Close the loan: the deposit goes back (minus what is retained, with a reason) through payments;
    damage beyond the deposit becomes an extra invoice."""
    retained_amount, extra_charge = Decimal(retained_amount), Decimal(extra_charge)
    if retained_amount < 0 or extra_charge < 0:
        raise LoanError(_("Een bedrag kan niet negatief zijn."), field="retained_amount")
    if (retained_amount > 0 or extra_charge > 0) and not reason.strip():
        raise LoanError(_("Geef een reden voor de inhouding of de aanrekening."), field="reason")
    with transaction.atomic():
        loan = _locked(loan)
        if loan.state != LoanState.RETURNED:
            raise LoanError(
                _("Enkel een teruggebrachte ontlening kan afgerekend worden."), field="state"
            )
        deposit = Deposit.objects.filter(order=loan.order).first() if loan.order_id else None
        if loan.deposit_amount > 0 and deposit is None:
            raise LoanError(
                _("De waarborg werd nog niet betaald; registreer eerst de betaling."), field="retained_amount"
            )
        if retained_amount > loan.deposit_amount:
            raise LoanError(
                _("U kunt hoogstens de waarborg (€ %(amount)s) inhouden; reken het verschil bijkomend aan.")
                % {"amount": loan.deposit_amount},
                field="retained_amount",
            )
        try:
            if deposit is not None:
                payment_services.settle_deposit(
                    deposit=deposit, retained_amount=retained_amount, reason=reason, iban=iban, by=by
                )
            if extra_charge > 0:
                damage_order = payment_services.create_order(
                    municipality=default_municipality(),  # TEMPORARY: Venue.municipality
                    lines=[
                        payment_services.LineSpec(
                            description=_("Schadevergoeding ontlening %(number)s: %(reason)s")
                            % {"number": loan.number, "reason": reason.strip()},
                            unit_price=extra_charge,
                        )
                    ],
                    user=loan.user,
                    billed_party=loan.association,
                    billing=_billing(loan),
                    hold_minutes=0,
                    invoice=True,
                    created_by=by,
                )
                payment_services.issue_invoice(order=damage_order)
                loan.damage_order = damage_order
        except PaymentError as error:
            raise LoanError(str(error.message), field=error.field or "retained_amount") from None
        loan.state = LoanState.SETTLED
        loan.retained_amount, loan.extra_charge = retained_amount, extra_charge
        loan.settlement_reason = reason.strip()
        loan.settled_at, loan.settled_by = timezone.now(), by
        loan.save()
        _mail_after_commit(loan, "settled")
        return loan


# --- units out for repair --------------------------------------------------------------------------


def block_units_for_repair(
    *, item: LoanItem, quantity: int, start: dt.datetime, end: dt.datetime, reason: str, by
) -> UnitBlock:
    """Take units out of the stock for a while (a confirmed allocation with the reason as title)."""
    if int(quantity) < 1:
        raise LoanError(_("Het aantal moet minstens 1 zijn."), field="quantity")
    if end <= start:
        raise LoanError(_("Het einde moet na het begin liggen."), field="end")
    if not reason.strip():
        raise LoanError(_("Geef een reden op."), field="reason")
    with transaction.atomic():
        block = UnitBlock.objects.create(
            item=item, quantity=quantity, start=start, end=end, reason=reason.strip(), created_by=by
        )
        try:
            (allocation,) = calendar_services.allocate(
                resources=(item.resource, int(quantity)),
                start=start,
                end=end,
                confirm=True,
                enforce_rules=False,
                reference=block,
                created_by=by,
                title=_("Herstelling: %(reason)s") % {"reason": block.reason},
            )
        except calendar_errors.AllocationError as error:
            raise LoanError(str(error.message), field="quantity") from None
        block.allocation = allocation
        block.save(update_fields=["allocation"])
        return block


def unblock_units(*, block: UnitBlock, by) -> UnitBlock:
    with transaction.atomic():
        block = UnitBlock.objects.select_for_update().get(pk=block.pk)
        if block.released_at is None:
            if block.allocation is not None:
                calendar_services.release(allocations=block.allocation)
            block.released_at = timezone.now()
            block.save(update_fields=["released_at"])
        return block


# --- engine callbacks and housekeeping -------------------------------------------------------------


def confirm_paid_loan(*, loan_id: int) -> None:
    """Called by the payments handler inside the order's transaction when the money is in."""
    loan = _locked(Loan(pk=loan_id))
    if loan.state in (LoanState.AWAITING_PAYMENT, LoanState.REQUESTED):
        calendar_services.confirm(allocations=_allocations(loan))
        Loan.objects.filter(pk=loan.pk).update(state=LoanState.PAID, updated_at=timezone.now())
    elif loan.state in (LoanState.EXPIRED, LoanState.CANCELLED):
        # Late money honoured by payments (can_confirm_late said the stock is still free): claim it again.
        lines = list(loan.lines.select_related("item"))
        allocations = calendar_services.allocate(
            resources=[(line.item.resource, line.quantity) for line in lines],
            start=loan.pickup_at,
            end=loan.return_at,
            confirm=True,
            enforce_rules=False,
            reference=loan,
            holder=loan.association or loan.user,
            title=_("Ontlening %(number)s") % {"number": loan.number},
        )
        for line, allocation in zip(lines, allocations, strict=True):
            line.allocation = allocation
        LoanLine.objects.bulk_update(lines, ["allocation"])
        Loan.objects.filter(pk=loan.pk).update(state=LoanState.PAID, updated_at=timezone.now())


def end_unpaid_loan(*, loan_id: int, state: str) -> None:
    """The order expired or was cancelled: the loan ends the same way and frees its stock."""
    loan = _locked(Loan(pk=loan_id))
    if loan.state in (LoanState.REQUESTED, LoanState.AWAITING_PAYMENT):
        calendar_services.release(allocations=_allocations(loan))
        Loan.objects.filter(pk=loan.pk).update(state=state, updated_at=timezone.now())


def cancel_refunded_loan(*, loan_id: int) -> None:
    """A full refund before the hand-out cancels the loan and frees its stock."""
    loan = _locked(Loan(pk=loan_id))
    if (
        loan.state in (LoanState.PAID, LoanState.INVOICED, LoanState.READY)
        and loan.order.status == "refunded"
    ):
        calendar_services.release(allocations=_allocations(loan))
        Loan.objects.filter(pk=loan.pk).update(state=LoanState.CANCELLED, updated_at=timezone.now())


def can_still_lend(*, loan: Loan) -> bool:
    """Is every line still free (for late money on an expired loan)?"""
    return all(
        calendar_selectors.free_quantity(
            resource=line.item.resource, start=loan.pickup_at, end=loan.return_at
        )
        >= line.quantity
        for line in loan.lines.select_related("item__resource")
    )


def expire_stale_loan_requests(*, now: dt.datetime | None = None) -> int:
    """Requests nobody decided on before the pickup moment expire and free their stock."""
    now = now or timezone.now()
    count = 0
    for loan_id in list(
        Loan.objects.filter(state=LoanState.REQUESTED, pickup_at__lte=now).values_list("pk", flat=True)
    ):
        with transaction.atomic():
            loan = _locked(Loan(pk=loan_id))
            if loan.state == LoanState.REQUESTED:
                calendar_services.release(allocations=_allocations(loan))
                Loan.objects.filter(pk=loan.pk).update(state=LoanState.EXPIRED, updated_at=now)
                count += 1
    return count


__all__ = [
    "ACTIVE_STATES",
    "HANDLER_KEY",
    "LineCount",
    "approve_loan",
    "block_units_for_repair",
    "cancel_loan",
    "check_in_loan",
    "customer_category",
    "expand_request",
    "expire_stale_loan_requests",
    "hand_out_loan",
    "mark_loan_ready",
    "quote_loan",
    "record_loan_counter_payment",
    "reject_loan",
    "request_loan",
    "settle_loan_deposit",
    "unblock_units",
    "validate_request",
]


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
