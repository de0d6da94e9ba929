"""Staff pages of the lending service in the Wagtail admin: manage one loan (approve, counter payment,
hand-out, check-in, settlement), the day list per depot (HTML, CSV, XLSX), the stock calendar per item
with repair blocks, and counter mode. Each POST calls one service and writes Wagtail's audit log."""

import csv
import datetime as dt
import io

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.models import User
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


@permission_required(VIEW, raise_exception=True)
def loan_manage(request, pk: int):
    loan = get_object_or_404(Loan.objects.select_related("user", "association", "depot", "order"), pk=pk)
    lines = list(loan.lines.select_related("item"))
    decision = DecisionForm(prefix="decision", initial={"payment_mode": loan.payment_mode})
    hand_out = HandOutForm(prefix="handout", lines=lines)
    check_in = CheckInForm(prefix="checkin", lines=lines)
    settle = SettleForm(prefix="settle")
    if request.method == "POST":
        if not request.user.has_perm(CHANGE):
            return HttpResponse(status=403)
        action = request.POST.get("action", "")
        form = None
        try:
            if action in ("approve", "reject"):
                form = decision = DecisionForm(request.POST, prefix="decision")
                if form.is_valid():
                    if action == "approve":
                        services.approve_loan(
                            loan=loan,
                            by=request.user,
                            payment_mode=form.cleaned_data["payment_mode"],
                            note=form.cleaned_data["note"],
                        )
                    else:
                        services.reject_loan(loan=loan, by=request.user, reason=form.cleaned_data["note"])
                    return _done(request, loan, f"loans.loan_{action}")
            elif action == "counter_payment":
                services.record_loan_counter_payment(
                    loan=loan, by=request.user, method=request.POST.get("method", "cash")
                )
                return _done(request, loan, "loans.loan_counter_payment")
            elif action == "ready":
                services.mark_loan_ready(loan=loan, by=request.user)
                return _done(request, loan, "loans.loan_ready")
            elif action == "hand_out":
                form = hand_out = HandOutForm(request.POST, prefix="handout", lines=lines)
                if form.is_valid():
                    services.hand_out_loan(
                        loan=loan,
                        by=request.user,
                        handed_out_to=form.cleaned_data["handed_out_to"],
                        quantities={line.pk: form.cleaned_data[f"line_{line.pk}"] for line in lines},
                    )
                    return _done(request, loan, "loans.loan_hand_out")
            elif action == "check_in":
                form = check_in = CheckInForm(request.POST, request.FILES, prefix="checkin", lines=lines)
                if form.is_valid():
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
                    services.check_in_loan(loan=loan, by=request.user, counts=counts, note=data["note"])
                    return _done(request, loan, "loans.loan_check_in")
            elif action == "settle":
                form = settle = SettleForm(request.POST, prefix="settle")
                if form.is_valid():
                    services.settle_loan_deposit(loan=loan, by=request.user, **form.cleaned_data)
                    return _done(request, loan, "loans.loan_settle")
            elif action == "cancel":
                services.cancel_loan(loan=loan, by=request.user)
                return _done(request, loan, "loans.loan_cancel")
        except LoanError as error:
            if form is not None:
                _error(form, error)
            else:
                messages.error(request, error.message)
        loan.refresh_from_db()
    return render(
        request,
        "loans/admin/loan_manage.html",
        {
            "page_title": _("Ontlening %(number)s") % {"number": loan.number},
            "header_title": _("Ontlening %(number)s") % {"number": loan.number},
            "loan": loan,
            "lines": lines,
            "decision_form": decision,
            "hand_out_form": hand_out,
            "check_in_form": check_in,
            "settle_form": settle,
            "deposit": loan.order.deposits.first() if loan.order_id else None,
        },
    )


def _done(request, loan: Loan, action: str):
    loan.refresh_from_db()
    log(instance=loan, action=action, user=request.user, data={"state": loan.state})
    messages.success(
        request,
        _("Ontlening %(number)s: %(state)s.") % {"number": loan.number, "state": loan.get_state_display()},
    )
    return redirect("loans_admin:loan", pk=loan.pk)


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
    depots = list(Depot.objects.all())
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


@permission_required(VIEW, raise_exception=True)
def stock_calendar(request, pk: int):
    """How many units of an item are out when, and units blocked for repair."""
    item = get_object_or_404(LoanItem.objects.select_related("resource"), pk=pk)
    try:
        first = dt.date.fromisoformat(request.GET.get("from", ""))
    except ValueError:
        first = timezone.localdate()
    form = BlockForm(prefix="block")
    if request.method == "POST":
        if not request.user.has_perm(CHANGE):
            return HttpResponse(status=403)
        if request.POST.get("action") == "unblock":
            block = get_object_or_404(UnitBlock, pk=request.POST.get("block"), item=item)
            services.unblock_units(block=block, by=request.user)
            log(instance=item, action="loans.loan_unblock", user=request.user, data={"block": block.pk})
            messages.success(request, _("Blokkering opgeheven."))
            return redirect("loans_admin:stock", pk=item.pk)
        form = BlockForm(request.POST, prefix="block")
        if form.is_valid():
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
            else:
                log(
                    instance=item,
                    action="loans.loan_block",
                    user=request.user,
                    data={"block": block.pk},
                )
                messages.success(
                    request, _("%(n)s stuks geblokkeerd voor herstelling.") % {"n": block.quantity}
                )
                return redirect("loans_admin:stock", pk=item.pk)
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
            "form": form,
            "first": first,
            "previous": first - dt.timedelta(days=28),
            "next": first + dt.timedelta(days=28),
        },
    )


@permission_required(CHANGE, raise_exception=True)
def counter(request):
    """Counter mode: staff make a loan for a customer in front of them (or on the phone), outside the
    public rules if needed (enforce_rules=False; the stock is always respected)."""
    items = list(selectors.catalogue_items())
    moments = MomentsForm(request.POST or None, prefix="counter")
    moments.moments_required = True
    email = request.POST.get("email", "").strip()
    errors: list[str] = []
    if request.method == "POST" and moments.is_valid():
        user = User.objects.filter(email__iexact=email).first()
        lines = []
        for item in items:
            raw = request.POST.get(f"item_{item.pk}", "").strip()
            if raw:
                try:
                    quantity = int(raw)
                except ValueError:
                    errors.append(_("Ongeldig aantal voor %(item)s.") % {"item": item.name})
                    continue
                lines.append((item, quantity))
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
                log(instance=loan, action="loans.loan_counter", user=request.user)
                messages.success(request, _("Ontlening %(number)s aangemaakt.") % {"number": loan.number})
                return redirect("loans_admin:loan", pk=loan.pk)
    today = timezone.localdate()
    return render(
        request,
        "loans/admin/counter.html",
        {
            "page_title": _("Balie uitleendienst"),
            "header_title": _("Balie uitleendienst"),
            "items": items,
            "moments": moments,
            "email": email,
            "errors": errors,
            "values": request.POST,
            "today_pickups": Loan.objects.filter(
                pickup_at__date=today,
                state__in=[LoanState.PAID, LoanState.INVOICED, LoanState.READY, LoanState.AWAITING_PAYMENT],
            ),
            "today_returns": Loan.objects.filter(return_at__date=today, state=LoanState.HANDED_OUT),
        },
    )
