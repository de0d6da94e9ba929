"""Customer pages under /betalen/ and the Stripe webhook endpoint. Thin: parse, call one service, render."""

import logging

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from payments import selectors, services, webhooks
from payments.errors import PaymentError
from payments.forms import ProviderChoiceForm
from payments.pdf import render_invoice_pdf
from payments.providers import get_provider, online_providers
from payments.providers.bank_transfer import epc_qr_bytes, transfer_details
from payments.providers.stripe_checkout import StripeProvider

logger = logging.getLogger(__name__)


def _order(request, number: str):
    return selectors.order_for_viewer(user=request.user, number=number, token=request.GET.get("t", ""))


def _with_token(request, url: str) -> str:
    token = request.GET.get("t", "")
    return f"{url}?t={token}" if token else url


@login_required
def order_list(request):
    return render(request, "payments/order_list.html", {"orders": selectors.orders_for_user(request.user)})


def order_detail(request, number: str):
    order = _order(request, number)
    return render(
        request,
        "payments/order_detail.html",
        {
            "order": order,
            "lines": order.lines.all(),
            "invoices": order.invoices.all() if order.user_id else [],
            "pay_url": _with_token(request, reverse("payments:choose", args=[order.number])),
        },
    )


def choose_payment(request, number: str):
    order = _order(request, number)
    if not order.is_unpaid:
        return redirect(_with_token(request, reverse("payments:order", args=[order.number])))
    providers = online_providers()
    form = ProviderChoiceForm(request.POST if request.method == "POST" else None, providers=providers)
    if request.method == "POST" and form.is_valid():
        return_url = request.build_absolute_uri(
            _with_token(request, reverse("payments:stripe_return", args=[order.number]))
        )
        cancel_url = request.build_absolute_uri(
            _with_token(request, reverse("payments:choose", args=[order.number]))
        )
        try:
            start = services.start_payment(
                order=order,
                provider=form.cleaned_data["provider"],
                return_url=return_url,
                cancel_url=cancel_url,
            )
        except PaymentError as exc:
            form.add_error("provider" if exc.field == "provider" else None, exc.message)
        else:
            target = start.redirect_url
            if target.startswith("/"):
                target = _with_token(request, target)
            return redirect(target)
    return render(request, "payments/choose.html", {"order": order, "form": form})


def stripe_return(request, number: str):
    """Back from Stripe: confirm at once if Stripe already says paid; the webhook does the same later."""
    order = _order(request, number)
    session_id = request.GET.get("session_id", "")
    if (
        session_id
        and order.is_unpaid
        and order.attempts.filter(provider="stripe", external_id=session_id).exists()
    ):
        try:
            provider = get_provider("stripe")
            if not isinstance(provider, StripeProvider):
                raise TypeError("the 'stripe' provider is not Stripe Checkout")
            session = provider.retrieve_session(session_id)
            webhooks.book_paid_session(session.to_dict() if hasattr(session, "to_dict") else dict(session))
        except Exception:  # the webhook will still arrive; the page shows "being processed"
            logger.exception("could not confirm Checkout Session %s on return", session_id)
        order.refresh_from_db()
    return render(request, "payments/return.html", {"order": order})


def bank_transfer(request, number: str):
    order = _order(request, number)
    details = transfer_details(order)
    return render(
        request,
        "payments/bank_transfer.html",
        {
            "order": order,
            "iban": details["iban"],
            "bic": details["bic"],
            "beneficiary": details["beneficiary"],
            "qr_url": _with_token(request, reverse("payments:bank_transfer_qr", args=[order.number, "svg"])),
        },
    )


def bank_transfer_qr(request, number: str, kind: str):
    order = _order(request, number)
    if kind not in ("svg", "png") or not order.is_unpaid or order.balance_due() <= 0:
        raise Http404
    content_type = "image/svg+xml" if kind == "svg" else "image/png"
    return HttpResponse(epc_qr_bytes(order, kind=kind), content_type=content_type)


@login_required
def invoice_pdf(request, number: str):
    invoice = selectors.invoice_for_viewer(user=request.user, number=number)
    response = HttpResponse(render_invoice_pdf(invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{invoice.number}.pdf"'
    return response


@csrf_exempt
@require_POST
def stripe_webhook(request):
    try:
        webhooks.receive_stripe_webhook(
            payload=request.body, signature=request.headers.get("Stripe-Signature", "")
        )
    except PaymentError as exc:
        if exc.code == "bad_signature":
            return HttpResponseBadRequest("invalid signature")
        raise
    except (KeyError, TypeError, ValueError):
        return HttpResponseBadRequest("malformed event")
    return HttpResponse("ok")
