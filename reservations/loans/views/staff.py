"""Staff pages of the lending service in the Wagtail admin: manage one loan (approve, counter payment,
hand-out, check-in, settlement), the day list per depot (HTML, CSV, XLSX), the stock calendar per item
with repair blocks, and counter mode. One view per action: each POST-only view parses its input, calls ONE
service (which writes the Wagtail audit entry inside its transaction) and redirects or re-renders the page."""

import csv
import datetime as dt
import io

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from accounts.scoping import scope_to_staff
from payments import selectors as payment_selectors
from payments.counter_views import counter_basket_url
from reservations.loans import selectors, services
from reservations.loans.errors import LoanError
from reservations.loans.forms import (
    FIELD_MAP,
    BlockForm,
    CheckInForm,
    DecisionForm,
    HandOutForm,
    MomentsForm,
    SettleForm,
)
from reservations.loans.models import Depot, Loan, LoanItem, LoanState, UnitBlock

CHANGE = "loans.change_loan"
VIEW = "loans.view_loan"


def _error(form, error: LoanError) -> None:
    field = error.field if error.field in form.fields else FIELD_MAP.get(error.field or "")
    if (error.field or "").startswith("line_") and error.field not in form.fields:
        field = "returned_" + error.field.removeprefix("line_")  # the check-in form names its lines so
    form.add_error(field if field in form.fields else None, error.message)


def _manage_page(request, loan: Loan, **forms):
    """The manage page of one loan with the forms its state allows (a bound form shows its errors)."""
    lines = list(loan.lines.select_related("item"))
    context = {
        "decision_form": DecisionForm(prefix="decision", initial={"payment_mode": loan.payment_mode}),
        "hand_out_form": HandOutForm(prefix="handout", lines=lines),
        "check_in_form": CheckInForm(prefix="checkin", lines=lines),
        "settle_form": SettleForm(prefix="settle"),
    }
    context.update(forms)
    return render(
        request,
        "loans/admin/loan_manage.html",
        {
            "page_title": _("Ontlening %(number)s") % {"number": loan.number},
            "header_title": _("Ontlening %(number)s") % {"number": loan.number},
            "loan": loan,
            "lines": lines,
            "deposit": loan.order.deposits.first() if loan.order_id else None,
            **context,
        },
    )


def _loans(request):
    """The loans of the municipalities the staff member serves (accounts.scoping); others are a 404."""
    return scope_to_staff(Loan.objects.all(), request.user, "depot__municipality")


def _items(request):
    return scope_to_staff(LoanItem.objects.all(), request.user, "depot__municipality")


def _loan(request, pk: int) -> Loan:
    return get_object_or_404(_loans(request).select_related("user", "association", "depot", "order"), pk=pk)


def _done(request, loan: Loan):
    loan.refresh_from_db()
    messages.success(
        request,
        _("Ontlening %(number)s: %(state)s.") % {"number": loan.number, "state": loan.get_state_display()},
    )
    return redirect("loans_admin:loan", pk=loan.pk)


def _refused(request, loan: Loan, error: LoanError, form=None, name: str = ""):
    """A refusal: next to the field of the bound form on the manage page, or as a message."""
    if form is None:
        messages.error(request, error.message)
        return redirect("loans_admin:loan", pk=loan.pk)
    _error(form, error)
    loan.refresh_from_db()
    return _manage_page(request, loan, **{name: form})


@require_GET
@permission_required(VIEW, raise_exception=True)
def loan_manage(request, pk: int):
    return _manage_page(request, _loan(request, pk))


@require_POST
@permission_required(CHANGE, raise_exception=True)
def loan_approve(request, pk: int):
    loan = _loan(request, pk)
    form = DecisionForm(request.POST, prefix="decision")
    if not form.is_valid():
        return _manage_page(request, loan, decision_form=form)
    try:
        services.approve_loan(
            loan=loan,
            by=request.user,
            payment_mode=form.cleaned_data["payment_mode"],
            note=form.cleaned_data["note"],
        )
    except LoanError as error:
        return _refused(request, loan, error, form, "decision_form")
    return _done(request, loan)


@require_POST
@permission_required(CHANGE, raise_exception=True)
def loan_reject(request, pk: int):
    loan = _loan(request, pk)
    form = DecisionForm(request.POST, prefix="decision")
    if not form.is_valid():
        return _manage_page(request, loan, decision_form=form)
    try:
        services.reject_loan(loan=loan, by=request.user, reason=form.cleaned_data["note"])
    except LoanError as error:
        return _refused(request, loan, error, form, "decision_form")
    return _done(request, loan)


@require_POST
@permission_required(CHANGE, raise_exception=True)
def loan_counter_payment(request, pk: int):
    loan = _loan(request, pk)
    try:
        services.record_loan_counter_payment(
            loan=loan, by=request.user, method=request.POST.get("method", "cash")
        )
    except LoanError as error:
        return _refused(request, loan, error)
    return _done(request, loan)


@require_POST
@permission_required(CHANGE, raise_exception=True)
def loan_ready(request, pk: int):
    loan = _loan(request, pk)
    try:
        services.mark_loan_ready(loan=loan, by=request.user)
    except LoanError as error:
        return _refused(request, loan, error)
    return _done(request, loan)


@require_POST
@permission_required(CHANGE, raise_exception=True)
def loan_hand_out(request, pk: int):
    loan = _loan(request, pk)
    lines = list(loan.lines.all())
    form = HandOutForm(request.POST, prefix="handout", lines=lines)
    if not form.is_valid():
        return _manage_page(request, loan, hand_out_form=form)
    try:
        services.hand_out_loan(
            loan=loan,
            by=request.user,
            handed_out_to=form.cleaned_data["handed_out_to"],
            quantities={line.pk: form.cleaned_data[f"line_{line.pk}"] for line in lines},
        )
    except LoanError as error:
        return _refused(request, loan, error, form, "hand_out_form")
    return _done(request, loan)


@require_POST
@permission_required(CHANGE, raise_exception=True)
def loan_check_in(request, pk: int):
    loan = _loan(request, pk)
    lines = list(loan.lines.all())
    form = CheckInForm(request.POST, request.FILES, prefix="checkin", lines=lines)
    if not form.is_valid():
        return _manage_page(request, loan, check_in_form=form)
    data = form.cleaned_data
    counts = {
        line.pk: services.LineCount(
            returned=data[f"returned_{line.pk}"],
            damaged=data[f"damaged_{line.pk}"],
            damage_note=data[f"note_{line.pk}"],
            damage_photo=data.get(f"photo_{line.pk}"),
        )
        for line in lines
    }
    try:
        services.check_in_loan(loan=loan, by=request.user, counts=counts, note=data["note"])
    except LoanError as error:
        return _refused(request, loan, error, form, "check_in_form")
    return _done(request, loan)


@require_POST
@permission_required(CHANGE, raise_exception=True)
def loan_settle(request, pk: int):
    loan = _loan(request, pk)
    form = SettleForm(request.POST, prefix="settle")
    if not form.is_valid():
        return _manage_page(request, loan, settle_form=form)
    try:
        services.settle_loan_deposit(loan=loan, by=request.user, **form.cleaned_data)
    except LoanError as error:
        return _refused(request, loan, error, form, "settle_form")
    return _done(request, loan)


@require_POST
@permission_required(CHANGE, raise_exception=True)
def loan_cancel(request, pk: int):
    loan = _loan(request, pk)
    try:
        services.cancel_loan(loan=loan, by=request.user)
    except LoanError as error:
        return _refused(request, loan, error)
    return _done(request, loan)


def _day_rows(listing) -> list[list[str]]:
    rows = []
    for kind, loans, moment_of in (
        (_("Afhalen"), listing.pickups, lambda loan: loan.pickup_at),
        (_("Terugbrengen"), listing.returns, lambda loan: loan.return_at),
    ):
        for loan in loans:
            for line in loan.lines.all():
                rows.append(
                    [
                        str(kind),
                        timezone.localtime(moment_of(loan)).strftime("%H:%M"),
                        loan.number,
                        loan.borrower_name,
                        line.item.name,
                        str(line.quantity),
                        str(loan.get_state_display()),
                        loan.delivery_address if loan.delivery else "",
                    ]
                )
    return rows


DAY_HEADER = ["Soort", "Uur", "Ontlening", "Ontlener", "Materiaal", "Aantal", "Status", "Levering"]


@permission_required(VIEW, raise_exception=True)
def day_list(request):
    """The pick list of one depot and day: printable HTML, or ?format=csv / xlsx."""
    depots = list(scope_to_staff(Depot.objects.all(), request.user))
    depot = next((d for d in depots if str(d.pk) == request.GET.get("depot")), depots[0] if depots else None)
    try:
        day = dt.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        day = timezone.localdate()
    if depot is None:
        return render(request, "loans/admin/day_list.html", {"page_title": _("Daglijst"), "depots": []})
    listing = selectors.day_list(depot=depot, day=day)
    fmt = request.GET.get("format")
    filename = f"daglijst-{depot.slug}-{day.isoformat()}"
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        writer = csv.writer(response, delimiter=";")
        writer.writerow(DAY_HEADER)
        writer.writerows(_day_rows(listing))
        return response
    if fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = day.isoformat()
        sheet.append(DAY_HEADER)
        for row in _day_rows(listing):
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    return render(
        request,
        "loans/admin/day_list.html",
        {
            "page_title": _("Daglijst %(depot)s") % {"depot": depot.name},
            "header_title": _("Daglijst uitleendienst"),
            "listing": listing,
            "depots": depots,
            "depot": depot,
            "day": day,
            "previous": day - dt.timedelta(days=1),
            "next": day + dt.timedelta(days=1),
        },
    )


def _stock_page(request, item: LoanItem, form=None):
    try:
        first = dt.date.fromisoformat(request.GET.get("from", ""))
    except ValueError:
        first = timezone.localdate()
    return render(
        request,
        "loans/admin/stock_calendar.html",
        {
            "page_title": _("Voorraadkalender %(item)s") % {"item": item.name},
            "header_title": _("Voorraadkalender %(item)s") % {"item": item.name},
            "item": item,
            "days": selectors.stock_calendar(item=item, first=first),
            "claims": selectors.claims_on_item(item=item, first=first),
            "blocks": selectors.open_blocks(item=item),
            "form": form or BlockForm(prefix="block"),
            "first": first,
            "previous": first - dt.timedelta(days=28),
            "next": first + dt.timedelta(days=28),
        },
    )


@require_GET
@permission_required(VIEW, raise_exception=True)
def stock_calendar(request, pk: int):
    """How many units of an item are out when, and units blocked for repair."""
    return _stock_page(request, get_object_or_404(_items(request).select_related("resource"), pk=pk))


@require_POST
@permission_required(CHANGE, raise_exception=True)
def stock_block(request, pk: int):
    item = get_object_or_404(_items(request).select_related("resource"), pk=pk)
    form = BlockForm(request.POST, prefix="block")
    if not form.is_valid():
        return _stock_page(request, item, form)
    try:
        block = services.block_units_for_repair(
            item=item,
            quantity=form.cleaned_data["quantity"],
            start=form.cleaned_data["start_at"],
            end=form.cleaned_data["end_at"],
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
    except LoanError as error:
        _error(form, error)
        return _stock_page(request, item, form)
    messages.success(request, _("%(n)s stuks geblokkeerd voor herstelling.") % {"n": block.quantity})
    return redirect("loans_admin:stock", pk=item.pk)


@require_POST
@permission_required(CHANGE, raise_exception=True)
def stock_unblock(request, pk: int, block: int):
    block = get_object_or_404(UnitBlock, pk=block, item__in=_items(request), item_id=pk)
    try:
        services.unblock_units(block=block, by=request.user)
    except LoanError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Blokkering opgeheven."))
    return redirect("loans_admin:stock", pk=pk)


def _counter_page(request, *, moments=None, email: str = "", errors=()):
    today = timezone.localdate()
    if moments is None:
        moments = MomentsForm(prefix="counter")
        moments.moments_required = True
    return render(
        request,
        "loans/admin/counter.html",
        {
            "page_title": _("Balie uitleendienst"),
            "header_title": _("Balie uitleendienst"),
            "items": list(selectors.catalogue_items().filter(pk__in=_items(request).values("pk"))),
            "moments": moments,
            "email": email,
            "errors": list(errors),
            "values": request.POST,
            "today_pickups": _loans(request).filter(
                pickup_at__date=today,
                state__in=[LoanState.PAID, LoanState.INVOICED, LoanState.READY, LoanState.AWAITING_PAYMENT],
            ),
            "today_returns": _loans(request).filter(return_at__date=today, state=LoanState.HANDED_OUT),
        },
    )


@require_GET
@permission_required(CHANGE, raise_exception=True)
def counter(request):
    """Counter mode: staff make a loan for a customer in front of them (or on the phone)."""
    return _counter_page(request)


@require_POST
@permission_required(CHANGE, raise_exception=True)
def counter_create(request):
    """Make the counter loan, outside the public rules if needed (enforce_rules=False; the stock is always
    respected). The service writes the audit entry (loans.loan_counter)."""
    moments = MomentsForm(request.POST, prefix="counter")
    moments.moments_required = True
    email = request.POST.get("email", "").strip()
    if not moments.is_valid():
        return _counter_page(request, moments=moments, email=email)
    errors: list[str] = []
    lines = []
    for item in selectors.catalogue_items().filter(pk__in=_items(request).values("pk")):
        raw = request.POST.get(f"item_{item.pk}", "").strip()
        if raw:
            try:
                quantity = int(raw)
            except ValueError:
                errors.append(_("Ongeldig aantal voor %(item)s.") % {"item": item.name})
                continue
            lines.append((item, quantity))
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        errors.append(_("Er is geen account met dit e-mailadres. Laat de klant eerst registreren."))
    if not errors:
        try:
            loan = services.request_loan(
                user=user,
                lines=lines,
                pickup_at=moments.cleaned_data["pickup_at"],
                return_at=moments.cleaned_data["return_at"],
                created_by=request.user,
                enforce_rules=False,
            )
        except LoanError as error:
            errors.append(error.message)
        else:
            if payment_selectors.open_basket_holding(loan) is not None:
                messages.success(
                    request,
                    _("Ontlening %(number)s in het baliemandje gelegd; reken af als alles erin zit.")
                    % {"number": loan.number},
                )
                return redirect(counter_basket_url(email=user.email))
            messages.success(request, _("Ontlening %(number)s aangemaakt.") % {"number": loan.number})
            return redirect("loans_admin:loan", pk=loan.pk)
    return _counter_page(request, moments=moments, email=email, errors=errors)
