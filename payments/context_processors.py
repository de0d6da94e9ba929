"""The header's "Mandje (n)" link: evaluated only when a template asks for it."""

from django.utils.functional import SimpleLazyObject


def basket(request) -> dict:
    return {"header_basket": SimpleLazyObject(lambda: _header_basket(request))}


def _header_basket(request) -> dict:
    """No query for anonymous visitors; one (the basket with its lines) when there is none."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"count": 0}
    from accounts.municipalities import municipality_for_request
    from payments import selectors
    from payments.services.checkout import basket_summary

    municipality = municipality_for_request(request)
    if municipality is None:
        return {"count": 0}
    return basket_summary(selectors.open_basket_of(user=user, municipality=municipality))
