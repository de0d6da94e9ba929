"""Wagtail admin of room hire: venues, rooms and extras (snippets), the approval inbox, a booking's page
(approve / reject / cancel), season requests, the day sheet per venue and counter mode."""

import datetime as dt

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from accounts.categories import CustomerCategory
from accounts.models import User
from reservations.rooms import forms, selectors, services
from reservations.rooms.errors import RoomHireError
from reservations.rooms.models import (
    Booking,
    BookingChannel,
    Room,
    RoomExtra,
    SeasonRequest,
    SeasonRequestState,
    Venue,
)


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "home"
    menu_label = gettext_lazy("Locaties")
    list_display = ["name", "city", "step_free_access", "is_active"]
    search_fields = ["name", "city"]


class RoomAdminForm(WagtailAdminModelForm):
    """Customer categories as tick boxes instead of raw JSON."""

    allowed_categories = django_forms.MultipleChoiceField(
        label=gettext_lazy("Wie mag reserveren"),
        choices=CustomerCategory.choices,
        widget=django_forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy("Niets aangevinkt: iedereen."),
    )


class RoomViewSet(SnippetViewSet):
    model = Room
    edit_handler = ObjectList(
        [*Room.panels[:7], FieldPanel("allowed_categories"), *Room.panels[7:]], base_form_class=RoomAdminForm
    )
    icon = "table"
    menu_label = gettext_lazy("Zalen")
    list_display = ["name", "venue", "capacity", "mode", "is_active"]
    list_filter = ["venue", "mode", "is_active"]
    search_fields = ["name"]


class RoomExtraViewSet(SnippetViewSet):
    model = RoomExtra
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


def _require(request) -> None:
    if not request.user.has_perm("rooms.change_booking"):
        raise PermissionDenied


def inbox(request):
    _require(request)
    seasons = SeasonRequest.objects.filter(state=SeasonRequestState.REQUESTED).select_related(
        "association", "room"
    )
    return TemplateResponse(
        request,
        "rooms/admin/inbox.html",
        {"requests": selectors.pending_requests(), "seasons": seasons.order_by("created_at")},
    )


def booking(request, pk: int):
    _require(request)
    booking = get_object_or_404(
        Booking.objects.select_related("room__venue", "customer", "association", "order", "allocation"), pk=pk
    )
    return TemplateResponse(
        request,
        "rooms/admin/booking.html",
        {"booking": booking, "reject_form": forms.RejectForm()},
    )


@require_POST
def approve(request, pk: int):
    _require(request)
    booking = get_object_or_404(Booking, pk=pk)
    try:
        booking = services.approve_booking(booking=booking, staff=request.user)
    except RoomHireError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Aanvraag goedgekeurd: %(state)s.") % {"state": booking.get_state_display()}
        )
    return redirect("rooms_admin_booking", pk=pk)


@require_POST
def reject(request, pk: int):
    _require(request)
    booking = get_object_or_404(Booking, pk=pk)
    form = forms.RejectForm(request.POST)
    if form.is_valid():
        try:
            services.reject_booking(booking=booking, staff=request.user, reason=form.cleaned_data["reason"])
        except RoomHireError as error:
            form.add_error("reason" if error.field == "reason" else None, error.message)
        else:
            messages.success(request, _("Aanvraag geweigerd."))
            return redirect("rooms_admin_inbox")
    return TemplateResponse(
        request,
        "rooms/admin/booking.html",
        {"booking": booking, "reject_form": form},
        status=400,
    )


@require_POST
def cancel(request, pk: int):
    _require(request)
    booking = get_object_or_404(Booking, pk=pk)
    try:
        services.cancel_booking(booking=booking, by=request.user, iban=request.POST.get("iban", ""))
    except RoomHireError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Reservatie geannuleerd."))
    return redirect("rooms_admin_booking", pk=pk)


def season(request, pk: int):
    _require(request)
    season = get_object_or_404(SeasonRequest.objects.select_related("association", "room__resource"), pk=pk)
    occurrences = list(season.occurrences.all())
    if request.method == "POST":
        ids = [int(value) for value in request.POST.getlist("approve") if value.isdigit()]
        try:
            services.decide_season_request(
                season=season, staff=request.user, approve_ids=ids, note=request.POST.get("note", "")
            )
        except RoomHireError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Seizoensaanvraag behandeld."))
        return redirect("rooms_admin_season", pk=pk)
    rows = [
        (
            o,
            services.season_week_is_free(occurrence=o)
            if season.state == SeasonRequestState.REQUESTED
            else None,
        )
        for o in occurrences
    ]
    return TemplateResponse(request, "rooms/admin/season.html", {"season": season, "rows": rows})


def day_sheet(request):
    _require(request)
    venues = Venue.objects.all()
    try:
        day = dt.date.fromisoformat(request.GET.get("dag", ""))
    except ValueError:
        day = timezone.localdate()
    venue = venues.filter(pk=request.GET.get("locatie") or 0).first() or venues.first()
    bookings = selectors.day_sheet(venue_id=venue.pk, day=day) if venue else []
    return TemplateResponse(
        request,
        "rooms/admin/day_sheet.html",
        {"venues": venues, "venue": venue, "day": day, "bookings": bookings},
    )


def counter(request):
    """Staff book for a resident who phoned or came by: same rules and prices, payment at the counter."""
    _require(request)
    rooms = Room.objects.filter(is_active=True).select_related("venue")
    room = rooms.filter(pk=request.GET.get("zaal") or request.POST.get("room") or 0).first()
    form = None
    if room is not None:
        form = forms.CounterBookingForm(request.POST or None, room=room, user=None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            customer = User.objects.filter(email__iexact=data["customer_email"]).first()
            if customer is None:
                form.add_error("customer_email", _("Er is geen account met dit e-mailadres."))
            else:
                try:
                    booking = services.request_booking(
                        room=room,
                        customer=customer,
                        start=data["start"],
                        end=data["end"],
                        purpose=data["purpose"],
                        people=data["people"],
                        layout=data["layout"],
                        extras=list(data.get("extras") or []),
                        channel=BookingChannel.COUNTER,
                        created_by=request.user,
                    )
                except RoomHireError as error:
                    field = {"start": "start_time", "end": "end_time"}.get(error.field, error.field)
                    form.add_error(field if field in form.fields else None, error.message)
                else:
                    messages.success(request, _("Reservatie aangemaakt; registreer nu de baliebetaling."))
                    return redirect("rooms_admin_booking", pk=booking.pk)
    return TemplateResponse(
        request, "rooms/admin/counter.html", {"rooms": rooms, "room": room, "form": form}
    )


@hooks.register("register_admin_urls")
def register_room_hire_urls():
    return [
        path("zaalverhuur/aanvragen/", inbox, name="rooms_admin_inbox"),
        path("zaalverhuur/reservatie/<int:pk>/", booking, name="rooms_admin_booking"),
        path("zaalverhuur/reservatie/<int:pk>/goedkeuren/", approve, name="rooms_admin_approve"),
        path("zaalverhuur/reservatie/<int:pk>/weigeren/", reject, name="rooms_admin_reject"),
        path("zaalverhuur/reservatie/<int:pk>/annuleren/", cancel, name="rooms_admin_cancel"),
        path("zaalverhuur/seizoen/<int:pk>/", season, name="rooms_admin_season"),
        path("zaalverhuur/dagblad/", day_sheet, name="rooms_admin_day_sheet"),
        path("zaalverhuur/balie/", counter, name="rooms_admin_counter"),
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
        "rooms.season.decide", gettext_lazy("Seizoen"), gettext_lazy("Seizoensaanvraag behandeld")
    )
