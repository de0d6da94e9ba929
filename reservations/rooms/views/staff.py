"""Staff views of room hire in the Wagtail admin (registered in wagtail_hooks.py).

One view per action. Pages (inbox, booking, season, day sheet, counter) answer GET only; actions
(approve, reject, cancel, decide a season, book at the counter) answer POST only, parse the input, call
one service (which writes the audit entry inside its transaction) and redirect, or show the form again
with the message next to the field."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from accounts.scoping import scope_to_staff
from payments import selectors as payment_selectors
from payments.counter_views import counter_basket_url
from reservations.rooms import forms, selectors, services
from reservations.rooms.errors import RoomHireError
from reservations.rooms.models import (
    Booking,
    BookingChannel,
    BookingState,
    Room,
    SeasonRequest,
    SeasonRequestState,
    Venue,
)


def _require(request) -> None:
    if not request.user.has_perm("rooms.change_booking"):
        raise PermissionDenied


# Every staff page, list and action sees only the municipalities the staff member serves
# (accounts.scoping); another municipality's booking or season request by URL is a 404.
MUNICIPALITY = "room__venue__municipality"


def _bookings(request):
    return scope_to_staff(Booking.objects.all(), request.user, MUNICIPALITY)


def _seasons(request):
    return scope_to_staff(SeasonRequest.objects.all(), request.user, MUNICIPALITY)


# --- pages (GET) -----------------------------------------------------------------------------------


@require_GET
def inbox(request):
    _require(request)
    seasons = (
        _seasons(request).filter(state=SeasonRequestState.REQUESTED).select_related("association", "room")
    )
    return TemplateResponse(
        request,
        "rooms/admin/inbox.html",
        {
            "requests": selectors.pending_requests(bookings=_bookings(request)),
            "seasons": seasons.order_by("created_at"),
        },
    )


def _booking_page(request, booking: Booking, reject_form, status: int = 200):
    return TemplateResponse(
        request,
        "rooms/admin/booking.html",
        {"booking": booking, "reject_form": reject_form},
        status=status,
    )


@require_GET
def booking(request, pk: int):
    _require(request)
    booking = get_object_or_404(
        _bookings(request).select_related("room__venue", "customer", "association", "order", "allocation"),
        pk=pk,
    )
    return _booking_page(request, booking, forms.RejectForm())


def _season_page(request, season: SeasonRequest):
    requested = season.state == SeasonRequestState.REQUESTED
    rows = [
        (o, selectors.season_week_is_free(occurrence=o) if requested else None)
        for o in season.occurrences.all()
    ]
    return TemplateResponse(request, "rooms/admin/season.html", {"season": season, "rows": rows})


@require_GET
def season(request, pk: int):
    _require(request)
    season = get_object_or_404(_seasons(request).select_related("association", "room__resource"), pk=pk)
    return _season_page(request, season)


@require_GET
def day_sheet(request):
    _require(request)
    venues = scope_to_staff(Venue.objects.all(), request.user)
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


def _counter_rooms(request):
    rooms = Room.objects.filter(is_active=True).select_related("venue")
    return scope_to_staff(rooms, request.user, "venue__municipality")


def _counter_page(request, rooms, room, form, status: int = 200):
    return TemplateResponse(
        request, "rooms/admin/counter.html", {"rooms": rooms, "room": room, "form": form}, status=status
    )


@require_GET
def counter(request):
    """Staff book for a resident who phoned or came by: same rules and prices, payment at the counter."""
    _require(request)
    rooms = _counter_rooms(request)
    room = rooms.filter(pk=request.GET.get("zaal") or 0).first()
    form = forms.CounterBookingForm(room=room, user=None) if room is not None else None
    return _counter_page(request, rooms, room, form)


# --- actions (POST) --------------------------------------------------------------------------------


@require_POST
def approve(request, pk: int):
    _require(request)
    booking = get_object_or_404(_bookings(request), pk=pk)
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
    booking = get_object_or_404(_bookings(request), pk=pk)
    form = forms.RejectForm(request.POST)
    if form.is_valid():
        try:
            services.reject_booking(booking=booking, staff=request.user, reason=form.cleaned_data["reason"])
        except RoomHireError as error:
            form.add_error("reason" if error.field == "reason" else None, error.message)
        else:
            messages.success(request, _("Aanvraag geweigerd."))
            return redirect("rooms_admin_inbox")
    return _booking_page(request, booking, form, status=400)


@require_POST
def cancel(request, pk: int):
    _require(request)
    booking = get_object_or_404(_bookings(request), pk=pk)
    try:
        services.cancel_booking(booking=booking, by=request.user, iban=request.POST.get("iban", ""))
    except RoomHireError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Reservatie geannuleerd."))
    return redirect("rooms_admin_booking", pk=pk)


@require_POST
def season_decide(request, pk: int):
    _require(request)
    season = get_object_or_404(_seasons(request), pk=pk)
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


@require_POST
def counter_book(request):
    _require(request)
    rooms = _counter_rooms(request)
    room = rooms.filter(pk=request.POST.get("room") or 0).first()
    if room is None:
        messages.error(request, _("Kies een zaal."))
        return redirect("rooms_admin_counter")
    form = forms.CounterBookingForm(request.POST, room=room, user=None)
    if form.is_valid():
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
                return _to_counter_basket(request, booking)
    return _counter_page(request, rooms, room, form, status=400)


def _to_counter_basket(request, booking):
    """The customer is at the desk: the booking waits in their counter basket (with anything else they
    borrow or book now), and staff check out once on the Baliemandje page, then take the payment."""
    waiting = booking.state == BookingState.AWAITING_PAYMENT and not booking.order_id
    if waiting and payment_selectors.open_basket_holding(booking) is not None:
        messages.success(
            request, _("Reservatie in het baliemandje gelegd; voeg eventueel materiaal toe en reken af.")
        )
        return redirect(counter_basket_url(email=booking.customer.email))
    messages.success(request, _("Reservatie aangemaakt."))
    return redirect("rooms_admin_booking", pk=booking.pk)
