"""Staff week view of a resource's allocations (held and confirmed, with who they are for)."""
import datetime as dt

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone

from calendars import selectors
from calendars.models import Resource


def _require_view_permission(request) -> None:
    if not request.user.has_perm("calendars.view_resource"):
        raise PermissionDenied


def week_index(request):
    _require_view_permission(request)
    resources = Resource.objects.filter(is_active=True).select_related("parent")
    return TemplateResponse(request, "calendars/admin/week_index.html", {"resources": resources})


def _monday(request) -> dt.date:
    try:
        day = dt.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        day = timezone.localdate()
    return selectors.week_days(day)[0]


def resource_week(request, resource_id: int):
    _require_view_permission(request)
    resource = get_object_or_404(Resource, pk=resource_id)
    monday = _monday(request)
    days = [monday + dt.timedelta(days=i) for i in range(7)]
    by_day: dict[dt.date, list] = {day: [] for day in days}
    tz = resource.tz
    for allocation in selectors.allocations_in_week(resource=resource, monday=monday):
        first = max(allocation.start.astimezone(tz).date(), monday)
        last = min((allocation.end - dt.timedelta(microseconds=1)).astimezone(tz).date(), days[-1])
        day = first
        while day <= last:
            by_day[day].append(allocation)
            day += dt.timedelta(days=1)
    context = {
        "resource": resource,
        "columns": [(day, by_day[day]) for day in days],
        "previous_week": (monday - dt.timedelta(days=7)).isoformat(),
        "next_week": (monday + dt.timedelta(days=7)).isoformat(),
        "monday": monday,
    }
    return TemplateResponse(request, "calendars/admin/resource_week.html", context)
