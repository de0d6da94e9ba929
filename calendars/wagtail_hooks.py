"""Staff back-office: resources with their opening hours and closures, public holidays, and a week view
of a resource's allocations."""
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from calendars import admin_views
from calendars.models import PublicHoliday, Resource


class ResourceEditView(admin_views.CapacityChangeEditMixin, EditView):
    """A lower capacity is checked against what is already allocated (services.change_capacity)."""


class ResourceViewSet(SnippetViewSet):
    model = Resource
    edit_view_class = ResourceEditView
    icon = "calendar-alt"
    menu_label = _("Reserveerbare items")
    list_display = ["name", "kind", "capacity", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]


class PublicHolidayViewSet(SnippetViewSet):
    model = PublicHoliday
    icon = "date"
    menu_label = _("Wettelijke feestdagen")
    list_display = ["date", "name"]


class CalendarViewSetGroup(SnippetViewSetGroup):
    items = (ResourceViewSet, PublicHolidayViewSet)
    menu_icon = "calendar-alt"
    menu_label = _("Kalender")
    menu_name = "calendars"


register_snippet(CalendarViewSetGroup)


@hooks.register("register_admin_urls")
def register_week_view_urls():
    return [
        path("kalender/week/", admin_views.week_index, name="calendars_week_index"),
        path("kalender/week/<int:resource_id>/", admin_views.resource_week, name="calendars_resource_week"),
    ]


class WeekMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("calendars.view_resource")


@hooks.register("register_admin_menu_item")
def register_week_menu_item():
    return WeekMenuItem(_("Weekkalender"), reverse("calendars_week_index"), icon_name="date", order=301)


@hooks.register("register_log_actions")
def register_calendar_log_actions(actions):
    label = _("Capaciteit gewijzigd")
    actions.register_action("calendars.resource.capacity", label, label)
