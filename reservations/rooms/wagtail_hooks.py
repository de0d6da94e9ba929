"""Staff back-office of room hire: snippets for venues, rooms and extras, the admin URLs of the staff
views (views/staff.py), menu items, the audit-log actions and the dashboard panel."""

from django import forms as django_forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from accounts.categories import CustomerCategory
from accounts.scoping import scope_to_staff
from reservations.admin_scoping import StaffScopedAdminForm, StaffScopedViewSetMixin
from reservations.rooms.models import Booking, BookingState, Room, RoomExtra, Venue
from reservations.rooms.views import staff
from themes.dashboard import DashboardItem


class VenueViewSet(StaffScopedViewSetMixin, SnippetViewSet):
    model = Venue
    edit_handler = ObjectList(Venue.panels, base_form_class=StaffScopedAdminForm)
    icon = "home"
    menu_label = gettext_lazy("Locaties")
    list_display = ["name", "city", "step_free_access", "is_active"]
    search_fields = ["name", "city"]


class RoomAdminForm(StaffScopedAdminForm):
    """Customer categories as tick boxes instead of raw JSON."""

    allowed_categories = django_forms.MultipleChoiceField(
        label=gettext_lazy("Wie mag reserveren"),
        choices=CustomerCategory.choices,
        widget=django_forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy("Niets aangevinkt: iedereen."),
    )


class RoomViewSet(StaffScopedViewSetMixin, SnippetViewSet):
    model = Room
    municipality_field = "venue__municipality"
    edit_handler = ObjectList(
        [*Room.panels[:7], FieldPanel("allowed_categories"), *Room.panels[7:]], base_form_class=RoomAdminForm
    )
    icon = "table"
    menu_label = gettext_lazy("Zalen")
    list_display = ["name", "venue", "capacity", "mode", "is_active"]
    list_filter = ["venue", "mode", "is_active"]
    search_fields = ["name"]


class RoomExtraViewSet(StaffScopedViewSetMixin, SnippetViewSet):
    model = RoomExtra
    municipality_field = "room__venue__municipality"
    edit_handler = ObjectList(
        [FieldPanel(name) for name in ("room", "kind", "name", "price", "vat_rate", "is_active")],
        base_form_class=StaffScopedAdminForm,
    )
    icon = "plus"
    menu_label = gettext_lazy("Extra's")
    list_display = ["name", "room", "kind", "price", "is_active"]
    list_filter = ["kind"]


class RoomHireGroup(SnippetViewSetGroup):
    items = (VenueViewSet, RoomViewSet, RoomExtraViewSet)
    menu_icon = "home"
    menu_label = gettext_lazy("Zaalverhuur")
    menu_name = "room_hire"
    menu_order = 260


register_snippet(RoomHireGroup)


@hooks.register("register_admin_urls")
def register_room_hire_urls():
    return [
        path("zaalverhuur/aanvragen/", staff.inbox, name="rooms_admin_inbox"),
        path("zaalverhuur/reservatie/<int:pk>/", staff.booking, name="rooms_admin_booking"),
        path("zaalverhuur/reservatie/<int:pk>/goedkeuren/", staff.approve, name="rooms_admin_approve"),
        path("zaalverhuur/reservatie/<int:pk>/weigeren/", staff.reject, name="rooms_admin_reject"),
        path("zaalverhuur/reservatie/<int:pk>/annuleren/", staff.cancel, name="rooms_admin_cancel"),
        path("zaalverhuur/seizoen/<int:pk>/", staff.season, name="rooms_admin_season"),
        path(
            "zaalverhuur/seizoen/<int:pk>/beslissen/", staff.season_decide, name="rooms_admin_season_decide"
        ),
        path("zaalverhuur/dagblad/", staff.day_sheet, name="rooms_admin_day_sheet"),
        path("zaalverhuur/balie/", staff.counter, name="rooms_admin_counter"),
        path("zaalverhuur/balie/reserveren/", staff.counter_book, name="rooms_admin_counter_book"),
    ]


class RoomHireMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("rooms.change_booking")


@hooks.register("register_admin_menu_item")
def register_inbox_menu_item():
    return RoomHireMenuItem(
        gettext_lazy("Zaalaanvragen"), reverse("rooms_admin_inbox"), icon_name="tasks", order=261
    )


@hooks.register("register_admin_menu_item")
def register_counter_menu_item():
    return RoomHireMenuItem(
        gettext_lazy("Zaal aan de balie"), reverse("rooms_admin_counter"), icon_name="user", order=262
    )


@hooks.register("register_admin_menu_item")
def register_day_sheet_menu_item():
    return RoomHireMenuItem(
        gettext_lazy("Dagblad zalen"),
        reverse("rooms_admin_day_sheet"),
        icon_name="doc-full",
        order=263,
    )


@hooks.register("register_log_actions")
def register_room_hire_log_actions(actions):
    actions.register_action(
        "rooms.booking.approve", gettext_lazy("Goedkeuren"), gettext_lazy("Zaalaanvraag goedgekeurd")
    )
    actions.register_action(
        "rooms.booking.reject", gettext_lazy("Weigeren"), gettext_lazy("Zaalaanvraag geweigerd")
    )
    actions.register_action(
        "rooms.booking.cancel", gettext_lazy("Annuleren"), gettext_lazy("Zaalreservatie geannuleerd")
    )
    actions.register_action(
        "rooms.booking.move", gettext_lazy("Verplaatsen"), gettext_lazy("Zaalreservatie verplaatst")
    )
    actions.register_action(
        "rooms.booking.counter",
        gettext_lazy("Aan de balie"),
        gettext_lazy("Zaalreservatie aan de balie gemaakt"),
    )
    actions.register_action(
        "rooms.season.decide", gettext_lazy("Seizoen"), gettext_lazy("Seizoensaanvraag behandeld")
    )


def pending_requests(request) -> list[DashboardItem]:
    """Dashboard panel: how many room requests wait for a decision, for staff who may decide them."""
    if not request.user.has_perm("rooms.change_booking"):
        return []
    bookings = scope_to_staff(Booking.objects.all(), request.user, "room__venue__municipality")
    count = bookings.filter(state=BookingState.REQUESTED).count()
    if not count:
        return []
    text = ngettext(
        "%(n)d zaalaanvraag wacht op goedkeuring", "%(n)d zaalaanvragen wachten op goedkeuring", count
    )
    return [DashboardItem(count=count, text=text % {"n": count}, url=reverse("rooms_admin_inbox"))]
