"""Staff back-office pages that are more than a listing: manage one order, upload a statement, cash report.

Each POST calls one service and writes the action to Wagtail's audit log.
"""

import datetime
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.scoping import check_staff_access, scope_to_staff
from payments import reconciliation, selectors, services
from payments.errors import PaymentError
from payments.forms import CashReportForm, CounterPaymentForm, RefundForm, StatementUploadForm
from payments.models import Invoice, Order, Payment
from payments.pdf import render_invoice_pdf


def _apply_error(form, exc: PaymentError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _int_or_none(value) -> int | None:
    return int(value) if value and str(value).isascii() and str(value).isdecimal() else None


@permission_required("payments.view_order", raise_exception=True)
def order_manage(request, pk: int):
    order = get_object_or_404(Order.objects.select_related("municipality"), pk=pk)
    check_staff_access(request.user, order.municipality)
    counter_form = CounterPaymentForm(prefix="counter", initial={"amount": max(order.balance_due(), 0)})
    refund_form = RefundForm(prefix="refund")
    if request.method == "POST":
        if not request.user.has_perm("payments.change_order"):
            return render(request, "payments/admin/forbidden.html", status=403)
        action = request.POST.get("action")
        try:
            if action == "counter":
                counter_form = CounterPaymentForm(request.POST, prefix="counter")
                if counter_form.is_valid():
                    payment = services.record_counter_payment(
                        order=order,
                        amount=counter_form.cleaned_data["amount"],
                        method=counter_form.cleaned_data["method"],
                        note=counter_form.cleaned_data["note"],
                        staff=request.user,
                    )
                    log(
                        instance=order,
                        action="payments.counter_payment",
                        user=request.user,
                        data={"amount": str(payment.amount), "method": payment.method},
                    )
                    messages.success(request, _("Baliebetaling geregistreerd."))
                    return redirect("payments_admin:order", pk=order.pk)
            elif action == "refund":
                refund_form = RefundForm(request.POST, prefix="refund")
                if refund_form.is_valid():
                    refunds = services.refund_order(
                        order=order,
                        amount=refund_form.cleaned_data["amount"],
                        reason=refund_form.cleaned_data["reason"],
                        iban=refund_form.cleaned_data["iban"],
                        by=request.user,
                    )
                    log(
                        instance=order,
                        action="payments.refund",
                        user=request.user,
                        data={"amount": str(sum(r.amount for r in refunds))},
                    )
                    messages.success(request, _("Terugbetaling aangemaakt."))
                    return redirect("payments_admin:order", pk=order.pk)
            elif action == "confirm_refund":
                refund = get_object_or_404(order.refunds, pk=_int_or_none(request.POST.get("refund")))
                services.confirm_proposed_refund(
                    refund=refund, by=request.user, iban=request.POST.get("iban", "").strip()
                )
                messages.success(request, _("Terugbetaling bevestigd: ze wordt uitgevoerd."))
                return redirect("payments_admin:order", pk=order.pk)
            elif action == "invoice":
                invoice = services.issue_invoice(order=order)
                log(
                    instance=order,
                    action="payments.invoice",
                    user=request.user,
                    data={"number": invoice.number},
                )
                messages.success(request, _("Factuur %(number)s uitgegeven.") % {"number": invoice.number})
                return redirect("payments_admin:order", pk=order.pk)
            elif action == "cancel":
                services.cancel_order(order=order, by=request.user)
                log(instance=order, action="payments.cancel", user=request.user)
                messages.success(request, _("Bestelling geannuleerd."))
                return redirect("payments_admin:order", pk=order.pk)
        except PaymentError as exc:
            target = counter_form if action == "counter" else refund_form if action == "refund" else None
            if target is not None:
                _apply_error(target, exc)
            else:
                messages.error(request, exc.message)
    return render(
        request,
        "payments/admin/order_manage.html",
        {
            "page_title": _("Bestelling %(number)s") % {"number": order.number},
            "order": order,
            "counter_form": counter_form,
            "refund_form": refund_form,
        },
    )


@permission_required("payments.add_statementimport", raise_exception=True)
def statement_upload(request):
    form = StatementUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            statement = reconciliation.import_statement(
                file_name=upload.name, content=upload.read(), imported_by=request.user
            )
        except PaymentError as exc:
            _apply_error(form, exc)
        else:
            log(
                instance=statement,
                action="payments.statement_import",
                user=request.user,
                data={"new": statement.lines_new, "matched": statement.lines_matched},
            )
            messages.success(
                request,
                _("%(new)s nieuwe lijnen, %(matched)s gekoppeld, %(flagged)s op te volgen.")
                % {
                    "new": statement.lines_new,
                    "matched": statement.lines_matched,
                    "flagged": statement.lines_flagged,
                },
            )
            return redirect(reverse("payments_statementimport:index"))
    return render(
        request,
        "payments/admin/statement_upload.html",
        {"page_title": _("Rekeninguittreksel inlezen"), "form": form},
    )


@permission_required("payments.view_payment", raise_exception=True)
def cash_report(request):
    form = CashReportForm(request.GET or {"day": timezone.localdate().isoformat()})
    day = form.cleaned_data["day"] if form.is_valid() else timezone.localdate()
    rows = selectors.daily_cash_report(
        day=day,
        payments=scope_to_staff(Payment.objects.all(), request.user, field="order__municipality"),
    )
    return render(
        request,
        "payments/admin/cash_report.html",
        {
            "page_title": _("Kasrapport"),
            "form": form,
            "day": day,
            "rows": rows,
            "total": sum((r["total"] for r in rows), start=Decimal("0.00")),
            "previous": day - datetime.timedelta(days=1),
            "next": day + datetime.timedelta(days=1),
        },
    )


@permission_required("payments.view_invoice", raise_exception=True)
def invoice_pdf(request, pk: int):
    """Staff download of an invoice or credit note of one of their municipalities."""
    invoice = get_object_or_404(Invoice.objects.select_related("order", "municipality"), pk=pk)
    check_staff_access(request.user, invoice.municipality)
    response = HttpResponse(render_invoice_pdf(invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{invoice.number}.pdf"'
    return response
