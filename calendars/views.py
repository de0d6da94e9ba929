"""Public endpoints of the calendar engine: token-protected iCal feeds."""
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from calendars import ical, selectors
from calendars.models import FeedToken, Resource


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed behind an unguessable token: a resource's calendar, or a person's or association's."""
    feed_token = FeedToken.objects.select_related("target_type").filter(token=token).first()
    if feed_token is None or feed_token.target is None:
        raise Http404
    target = feed_token.target
    if isinstance(target, Resource):
        allocations = selectors.confirmed_allocations_for_resource(resource=target)
    else:
        allocations = selectors.confirmed_allocations_for_holder(holder=target)
    body = ical.calendar_bytes(allocations=allocations, name=feed_token.label or str(target))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="kalender.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
