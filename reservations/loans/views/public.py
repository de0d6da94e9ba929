"""Public and customer pages of material loans: catalogue, basket, request, my loans."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.municipalities import require_municipality
from reservations.loans import selectors, services
from reservations.loans.errors import LoanError
from reservations.loans.forms import (
    FIELD_MAP,
    BasketAddForm,
    BasketUpdateForm,
    CatalogueFilterForm,
    LoanRequestForm,
    MomentsForm,
)
from reservations.loans.models import LoanItem, LoanState


def _free_for(items, contents) -> dict[int, int]:
    if contents.pickup_at and contents.return_at and contents.return_at > contents.pickup_at:
        return selectors.free_quantities(
            items=items, pickup_at=contents.pickup_at, return_at=contents.return_at
        )
    return {}


def _kits_free(kit, free: dict[int, int]) -> int | None:
    """How many whole kits the free stock still makes (None without chosen moments)."""
    if not free:
        return None
    components = list(kit.components.all())
    return min((free.get(c.item_id, 0) // c.quantity for c in components), default=0)


def catalogue(request: HttpRequest) -> HttpResponse:
    """The catalogue; with pickup and return moments it shows how many of each item are free."""
    contents = services.basket_contents(request.session)
    data = request.GET if request.GET else None
    form = CatalogueFilterForm(data, initial=MomentsForm.initial_from(contents.pickup_at, contents.return_at))
    category = ""
    if form.is_bound and form.is_valid():
        category = form.cleaned_data["category"].slug if form.cleaned_data.get("category") else ""
        if form.cleaned_data.get("pickup_at"):
            services.set_basket_moments(
                session=request.session,
                pickup_at=form.cleaned_data["pickup_at"],
                return_at=form.cleaned_data["return_at"],
            )
            contents = services.basket_contents(request.session)
    municipality = require_municipality(request)
    items = list(selectors.catalogue_items(category=category, municipality=municipality))
    kits = [] if category else list(selectors.active_kits(municipality=municipality))
    free = _free_for(items, contents) if not (form.is_bound and form.errors) else {}
    prices = selectors.lowest_prices(items)
    return render(
        request,
        "loans/catalogue.html",
        {
            "form": form,
            "items": [(item, free.get(item.pk), prices.get(item.pk)) for item in items],
            "kits": [(kit, _kits_free(kit, free)) for kit in kits],
            "contents": contents,
            "has_moments": bool(free),
        },
    )


def item_detail(request: HttpRequest, slug: str) -> HttpResponse:
    item = get_object_or_404(
        LoanItem.objects.select_related("category", "depot", "resource"),
        slug=slug,
        is_active=True,
        depot__municipality=require_municipality(request),
    )
    contents = services.basket_contents(request.session)
    free = _free_for([item], contents).get(item.pk)
    return render(
        request,
        "loans/item_detail.html",
        {
            "item": item,
            "tariffs": selectors.tariffs_for(item),
            "free": free,
            "contents": contents,
            "form": BasketAddForm(initial={"kind": "item", "object_id": item.pk, "quantity": 1}),
        },
    )


@require_POST
def basket_add(request: HttpRequest) -> HttpResponse:
    form = BasketAddForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een aantal van minstens 1."))
        return redirect("loans:loan_basket")
    data = form.cleaned_data
    municipality = require_municipality(request)
    if data["kind"] == "kit":
        kits = selectors.active_kits(municipality=municipality)
        target = {"kit": get_object_or_404(kits, pk=data["object_id"])}
    else:
        target = {
            "item": get_object_or_404(
                LoanItem, pk=data["object_id"], is_active=True, depot__municipality=municipality
            )
        }
    try:
        services.add_to_basket(session=request.session, quantity=data["quantity"], **target)
    except LoanError as error:
        messages.error(request, error.message)
    else:
        name = (target.get("item") or target.get("kit")).name
        messages.success(
            request, _("%(n)s × %(what)s op je materiaallijst gezet.") % {"n": data["quantity"], "what": name}
        )
    return redirect("loans:loan_basket")


def _entries(contents) -> list[tuple[str, object, int]]:
    return [("item", item, n) for item, n in contents.items] + [("kit", kit, n) for kit, n in contents.kits]


def basket(request: HttpRequest) -> HttpResponse:
    contents = services.basket_contents(request.session)
    form = BasketUpdateForm(request.POST or None, entries=_entries(contents))
    if request.method == "POST" and form.is_valid():
        changes = {"item": {}, "kit": {}}
        for kind, obj, _quantity in form.entries:
            changes[kind][obj.pk] = form.cleaned_data[f"{kind}_{obj.pk}"]
        services.set_basket_quantities(session=request.session, items=changes["item"], kits=changes["kit"])
        messages.success(request, _("Je materiaallijst is bijgewerkt."))
        return redirect("loans:loan_basket")
    lines = contents.lines
    free = _free_for([item for item, _n in lines], contents)
    return render(
        request,
        "loans/basket.html",
        {
            "contents": contents,
            "form": form,
            "rows": [(kind, obj, form[f"{kind}_{obj.pk}"]) for kind, obj, _n in form.entries],
            "lines": [(item, n, free.get(item.pk)) for item, n in lines],
        },
    )


@login_required
def request_loan(request: HttpRequest) -> HttpResponse:
    """Choose moments and for whom, see the itemised price, send the request (it holds the stock)."""
    contents = services.basket_contents(request.session)
    if contents.is_empty:
        messages.info(request, _("Je materiaallijst is leeg. Kies eerst materiaal in de catalogus."))
        return redirect("loans:loan_catalogue")
    initial = MomentsForm.initial_from(contents.pickup_at, contents.return_at)
    form = LoanRequestForm(request.POST or None, initial=initial, user=request.user)
    offer = None
    municipality = require_municipality(request)
    if any(item.depot.municipality_id != municipality.pk for item, _quantity in contents.lines):
        # Nothing is saved: the basket holds another municipality's material (refused on this site).
        messages.error(
            request,
            _(
                "Je materiaallijst bevat materiaal van een andere gemeente. "
                "Haal het eerst van je materiaallijst."
            ),
        )
        return redirect("loans:loan_basket")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.set_basket_moments(
            session=request.session, pickup_at=data["pickup_at"], return_at=data["return_at"]
        )
        try:
            if request.POST.get("action") == "submit":
                loan = services.request_loan(
                    user=request.user,
                    lines=contents.lines,
                    pickup_at=data["pickup_at"],
                    return_at=data["return_at"],
                    association=data["association"],
                    delivery=data["delivery"],
                    delivery_address=data["delivery_address"],
                    purpose=data["purpose"],
                    remarks=data["remarks"],
                )
                services.clear_basket(session=request.session)
                if loan.state == LoanState.AWAITING_PAYMENT and loan.order_id is None:
                    messages.success(
                        request,
                        _("Ontlening %(number)s is goedgekeurd en zit in je mandje. Reken nu af.")
                        % {"number": loan.number},
                    )
                    return redirect("payments:basket")
                messages.success(request, _("Uw aanvraag %(number)s is verstuurd.") % {"number": loan.number})
                return redirect("loans:loan_detail", pk=loan.pk)
            depot = services.validate_request(
                user=request.user,
                lines=contents.lines,
                pickup_at=data["pickup_at"],
                return_at=data["return_at"],
                association=data["association"],
            )
            offer = services.quote_loan(
                lines=contents.lines,
                pickup_at=data["pickup_at"],
                return_at=data["return_at"],
                category=services.customer_category(
                    user=request.user, association=data["association"], municipality=depot.municipality
                ),
                delivery_fee=depot.delivery_fee if data["delivery"] else 0,
            )
        except LoanError as error:
            form.add_error(FIELD_MAP.get(error.field or ""), error.message)
    return render(
        request,
        "loans/request.html",
        {"form": form, "contents": contents, "offer": offer, "lines": contents.lines},
    )


@login_required
def my_loans(request: HttpRequest) -> HttpResponse:
    return render(request, "loans/my_loans.html", {"loans": selectors.loans_visible_to(request.user)})


@login_required
def loan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    loan = selectors.loan_for_user(user=request.user, pk=pk)
    if loan is None:
        raise Http404
    if request.method == "POST" and request.POST.get("action") == "cancel":
        try:
            services.cancel_loan(loan=loan, by=request.user)
        except LoanError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Uw ontlening werd geannuleerd."))
        return redirect("loans:loan_detail", pk=loan.pk)
    deposit = loan.order.deposits.first() if loan.order_id else None
    return render(request, "loans/loan_detail.html", {"loan": loan, "deposit": deposit})
