"""Baliemandje: staff put what one customer at the desk books and borrows into that customer's counter
basket (the feature apps' counter pages do), see it here, take lines out and check out once; the
counter payment is then registered on the order's page (admin_views.order_manage).

Scoped to the staff member's municipalities (accounts.scoping): another municipality's basket is a 404."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.scoping import scope_to_staff
from payments import selectors, services
from payments.errors import PaymentError
from payments.models import Basket, BasketLine, BasketStatus, Channel

CHANGE = "payments.change_order"


def counter_basket_url(*, email: str) -> str:
    """Where a feature app's counter page sends staff after putting something in the counter basket."""
    return f"{reverse('payments_admin:counter_basket')}?{urlencode({'email': email})}"


def _open_counter_baskets(request, customer):
    baskets = Basket.objects.filter(user=customer, channel=Channel.COUNTER, status=BasketStatus.OPEN)
    return scope_to_staff(baskets, request.user).select_related("municipality", "served_by")


def _scoped_basket(request, pk: int) -> Basket:
    baskets = Basket.objects.filter(channel=Channel.COUNTER)
    basket = scope_to_staff(baskets, request.user).filter(pk=pk).first()
    if basket is None:
        raise Http404
    return basket


@require_GET
@permission_required(CHANGE, raise_exception=True)
def counter_basket(request):
    email = request.GET.get("email", "").strip()
    customer = get_user_model().objects.filter(email__iexact=email).first() if email else None
    baskets = []
    if customer is not None:
        for basket in _open_counter_baskets(request, customer).prefetch_related("lines"):
            baskets.append(selectors.basket_page(basket))
    return render(
        request,
        "payments/admin/counter_basket.html",
        {
            "page_title": _("Baliemandje"),
            "email": email,
            "customer": customer,
            "unknown": bool(email) and customer is None,
            "baskets": baskets,
        },
    )


def _back(basket: Basket):
    return redirect(counter_basket_url(email=basket.user.email))


@require_POST
@permission_required(CHANGE, raise_exception=True)
def counter_basket_remove(request, pk: int, line_id: int):
    basket = _scoped_basket(request, pk)
    line = BasketLine.objects.filter(pk=line_id, basket=basket).first()
    if line is None:
        messages.error(request, _("Deze lijn zit niet (meer) in het baliemandje."))
        return _back(basket)
    try:
        services.remove_from_basket(basket=basket, line=line)
    except PaymentError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Verwijderd uit het baliemandje; wat ervoor vastgehouden werd, is weer vrij.")
        )
    return _back(basket)


@require_POST
@permission_required(CHANGE, raise_exception=True)
def counter_basket_checkout(request, pk: int):
    basket = _scoped_basket(request, pk)
    try:
        order = services.checkout_basket(basket=basket)
    except PaymentError as error:
        messages.error(request, error.message)
        return _back(basket)
    messages.success(
        request,
        _("Bestelling %(number)s aangemaakt; registreer nu de baliebetaling.") % {"number": order.number},
    )
    return redirect("payments_admin:order", pk=order.pk)
