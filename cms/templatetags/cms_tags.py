"""Site-wide pieces of the public layout: the main menu and the footer."""

from django import template
from wagtail.models import Site

from cms import selectors
from cms.models import SiteSettings

register = template.Library()


@register.inclusion_tag("cms/includes/main_menu.html", takes_context=True)
def main_menu(context) -> dict:
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    current = context.get("page") or context.get("self")
    current_path = getattr(current, "url_path", "") or ""
    items = []
    for page in selectors.menu_pages(site):
        items.append(
            {
                "page": page,
                "url": page.get_url(request),
                "is_current": current_path == page.url_path,
                "is_ancestor": bool(current_path) and current_path.startswith(page.url_path),
            }
        )
    home_url = site.root_page.get_url(request) if site is not None else "/"
    is_home = site is not None and current_path == site.root_page.url_path
    return {"items": items, "home_url": home_url, "is_home": is_home, "request": request}


@register.inclusion_tag("cms/includes/footer.html", takes_context=True)
def site_footer(context) -> dict:
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    site_settings = SiteSettings.for_request(request) if site is not None else None
    periods = (
        selectors.opening_hours_on(site_settings, selectors.local_today())
        if site_settings is not None
        else []
    )
    return {
        "site_settings": site_settings,
        "today_text": selectors.describe_today(periods),
        "request": request,
    }


@register.simple_tag(takes_context=True)
def weekly_opening_hours(context) -> list:
    """[(weekday name, [OpenPeriod, ...]), ...] for the site serving this request, Monday first."""
    request = context.get("request")
    if request is None or Site.find_for_request(request) is None:
        return []
    return selectors.weekly_opening_hours(SiteSettings.for_request(request))
