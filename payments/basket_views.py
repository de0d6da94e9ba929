"""The basket page under /betalen/mandje/: see what is held and until when, remove, extend, check out.

Thin: every POST calls one checkout service; the payment itself is chosen on the order's payment page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.municipalities import require_municipality
from payments import registry, selectors, services
from payments.errors import PaymentError


@login_required
def basket(request):
    municipality = require_municipality(request)
    current = selectors.open_basket_of(user=request.user, municipality=municipality)
    links = [(label, reverse(url_name)) for label, url_name in registry.shop_links()]
    return render(request, "payments/basket.html", {**selectors.basket_page(current), "shop_links": links})


@login_required
@require_POST
def basket_remove(request, line_id: int):
    current = _own_basket(request)
    line = current.lines.filter(pk=line_id).first() if current else None
    if line is None:
        messages.error(request, _("Deze lijn zit niet (meer) in je mandje."))
        return redirect("payments:basket")
    try:
        services.remove_from_basket(basket=current, line=line)
    except PaymentError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Verwijderd uit je mandje; wat ervoor vastgehouden werd, is weer vrij."))
    return redirect("payments:basket")


@login_required
@require_POST
def basket_extend(request):
    current = _own_basket(request)
    try:
        if current is None:
            raise PaymentError(_("Je mandje is leeg."), code="empty")
        services.extend_basket(basket=current)
    except PaymentError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Je mandje wordt langer voor je vastgehouden."))
    return redirect("payments:basket")


@login_required
@require_POST
def basket_checkout(request):
    current = _own_basket(request)
    try:
        if current is None:
            raise PaymentError(_("Je mandje is leeg."), code="empty")
        order = services.checkout_basket(basket=current)
    except PaymentError as error:
        messages.error(request, error.message)
        return redirect("payments:basket")
    return redirect("payments:choose", number=order.number)


def _own_basket(request):
    return selectors.open_basket_of(user=request.user, municipality=require_municipality(request))
