"""Which municipality a site, a request or a staff member belongs to.

Decision for a site without a municipality: when exactly one municipality exists, that one is used
(a single-municipality install needs no mapping); otherwise ``municipality_for_request`` returns
``None`` and ``require_municipality`` answers 404 with a message naming the missing mapping.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from wagtail.models import Site

from accounts.municipality_models import Municipality, MunicipalitySite

_REQUEST_CACHE = "_dorp_municipality"


def _only_municipality() -> Municipality | None:
    municipalities = list(Municipality.objects.all()[:2])
    return municipalities[0] if len(municipalities) == 1 else None


def municipality_for_site(site: Site | None) -> Municipality | None:
    if site is not None:
        link = MunicipalitySite.objects.select_related("municipality").filter(site=site).first()
        if link is not None:
            return link.municipality
    return _only_municipality()


def municipality_for_request(request) -> Municipality | None:
    """The municipality of the site the request is served on; looked up once per request."""
    if not hasattr(request, _REQUEST_CACHE):
        setattr(request, _REQUEST_CACHE, municipality_for_site(Site.find_for_request(request)))
    return getattr(request, _REQUEST_CACHE)


def require_municipality(request) -> Municipality:
    municipality = municipality_for_request(request)
    if municipality is None:
        raise Http404(_("Deze website is nog aan geen gemeente gekoppeld (Instellingen → Gemeenten)."))
    return municipality

