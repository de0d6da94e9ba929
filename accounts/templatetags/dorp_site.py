"""The municipality's name for e-mails rendered outside a request (allauth's mails, invitations)."""
from django import template
from wagtail.models import Site

from accounts.municipalities import municipality_for_request, municipality_for_site

register = template.Library()


@register.simple_tag(takes_context=True)
def municipality_name(context) -> str:
    """The request's municipality, else the object's (``municipality`` in the context), else the default."""
    municipality = context.get("municipality")
    if municipality is not None and not isinstance(municipality, str):
        return municipality.name
    if isinstance(municipality, str) and municipality:
        return municipality
    request = context.get("request")
    if request is not None:
        found = municipality_for_request(request)
        if found is not None:
            return found.name
    found = municipality_for_site(Site.objects.filter(is_default_site=True).first())
    return found.name if found is not None else ""
