"""Staff week view of a resource's allocations (held and confirmed, with who they are for), and the
edit-view mixin that sends capacity changes through the engine."""
import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone

from calendars import errors, selectors, services
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


class CapacityChangeEditMixin:
    """For a Wagtail edit view whose form changes a resource's capacity: the change goes through
    services.change_capacity (row lock, check against what is allocated) inside the view's transaction,
    and a refusal becomes an error on the form field with nothing saved.

    `capacity_change()` gives (resource, new capacity) for the instance the form built, or None."""

    capacity_field = "capacity"
    form: Any
    request: Any
    produced_error_message: Any

    def capacity_change(self, instance) -> tuple[Resource, int] | None:
        return (instance, instance.capacity) if instance.pk else None

    def save_instance(self):
        change = self.capacity_change(self.form.instance)
        if change is not None:
            resource, capacity = change
            services.change_capacity(resource=resource, capacity=capacity, by=self.request.user)
        return super().save_instance()  # type: ignore[misc]

    def form_valid(self, form):
        try:
            return super().form_valid(form)  # type: ignore[misc]
        except errors.AllocationError as error:
            form.add_error(self.capacity_field, str(error.message))
            self.produced_error_message = self.get_error_message()  # type: ignore[attr-defined]
            return self.form_invalid(form)  # type: ignore[attr-defined]
