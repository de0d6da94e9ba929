"""Public and customer pages of room hire. Thin: parse input, call one service, render.

Nothing in a POST is trusted but the ids the user may act on: the room comes from the URL, the
association must be one the user may book for, and prices are recomputed on the server every time.
"""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.municipalities import require_municipality
from calendars.ical import event_ics
from calendars.selectors import week_days
from reservations.rooms import forms, selectors, services
from reservations.rooms.errors import RoomHireError
from reservations.rooms.models import BookingState
from reservations.rooms.pdf import render_booking_pdf


def room_list(request):
    form = forms.RoomFilterForm(request.GET or None)
    rooms = []
    if form.is_bound and form.is_valid():
        free_from, free_until = form.free_span()
        rooms = selectors.public_rooms(
            municipality=require_municipality(request),
            people=form.cleaned_data.get("people"),
            equipment=form.cleaned_data.get("equipment"),
            accessibility=form.cleaned_data.get("accessibility"),
            free_from=free_from,
            free_until=free_until,
        )
    elif not form.is_bound:
        rooms = selectors.public_rooms(municipality=require_municipality(request))
    return TemplateResponse(request, "rooms/room_list.html", {"form": form, "rooms": rooms})


def _month(request) -> tuple[int, int]:
    try:
        year, month = (int(part) for part in request.GET.get("maand", "").split("-"))
        dt.date(year, month, 1)
    except ValueError:
        today = timezone.localdate()
        return today.year, today.month
    return year, month


def room_detail(request, slug: str):
    room = selectors.public_room(request, slug)
    view = "week" if request.GET.get("weergave") == "week" else "maand"
    context = {
        "room": room,
        "view": view,
        "extras": room.extras.filter(is_active=True),
        "tariffs": selectors.tariffs_of(room),
    }
    if view == "week":
        try:
            day = dt.date.fromisoformat(request.GET.get("week", ""))
        except ValueError:
            day = timezone.localdate()
        monday = week_days(day)[0]
        context.update(
            days=selectors.week_calendar(room=room, monday=monday),
            monday=monday,
            previous=(monday - dt.timedelta(days=7)).isoformat(),
            next=(monday + dt.timedelta(days=7)).isoformat(),
        )
    else:
        year, month = _month(request)
        first = dt.date(year, month, 1)
        previous = (first - dt.timedelta(days=1)).replace(day=1)
        following = (first + dt.timedelta(days=32)).replace(day=1)
        context.update(
            weeks=selectors.month_calendar(room=room, year=year, month=month),
            first=first,
            previous=f"{previous.year}-{previous.month:02d}",
            next=f"{following.year}-{following.month:02d}",
        )
    return TemplateResponse(request, "rooms/room_detail.html", context)


FORM_FIELDS = {"start": "start_time", "end": "end_time", "association": "booked_for"}


def _apply_error(form, error: RoomHireError) -> None:
    field = FORM_FIELDS.get(error.field, error.field)
    field = field if field in form.fields else None
    form.add_error(field, error.message)


@login_required
def room_book(request, slug: str):
    """Three steps on one URL: the form, the itemised quote, the confirmed request."""
    room = selectors.public_room(request, slug)
    initial = {"date": request.GET.get("datum", "")}
    form = forms.BookingForm(request.POST or None, room=room, user=request.user, initial=initial)
    context = {"room": room, "form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        association = data["association"]
        try:
            if request.POST.get("step") == "confirm":
                booking = services.request_booking(
                    room=room,
                    customer=request.user,
                    association=association,
                    start=data["start"],
                    end=data["end"],
                    purpose=data["purpose"],
                    people=data["people"],
                    layout=data["layout"],
                    extras=list(data.get("extras") or []),
                )
                return _after_request(request, booking)
            quote = services.quote_booking(
                room=room,
                category=services.category_for_booking(
                    customer=request.user, association=association, municipality=room.venue.municipality
                ),
                start=data["start"],
                end=data["end"],
                extras=list(data.get("extras") or []),
            )
            context.update(quote=quote, data=data)
            return TemplateResponse(request, "rooms/booking_quote.html", context)
        except RoomHireError as error:
            _apply_error(form, error)
    return TemplateResponse(request, "rooms/booking_form.html", context)


def _after_request(request, booking):
    if booking.state == BookingState.AWAITING_PAYMENT and not booking.order_id:
        messages.success(
            request,
            _("De zaal zit in je mandje en wordt voor je vastgehouden. Reken af om ze te bevestigen."),
        )
        return redirect("payments:basket")
    if booking.state == BookingState.AWAITING_PAYMENT and booking.order_id:
        messages.success(
            request, _("De zaal is voor u vastgehouden. Betaal nu om de reservatie te bevestigen.")
        )
        return redirect("payments:choose", number=booking.order.number)
    if booking.state == BookingState.CONFIRMED:
        messages.success(request, _("Uw reservatie is bevestigd. U krijgt een e-mail met de bevestiging."))
    else:
        messages.success(
            request,
            _(
                "Uw aanvraag is verstuurd. De zaal blijft als optie voor u vastgehouden "
                "tot de dienst beslist."
            ),
        )
    return redirect("rooms:room_booking_detail", pk=booking.pk)


@login_required
def my_bookings(request):
    bookings = selectors.bookings_visible_to(request.user).order_by("-start")
    now = timezone.now()
    return TemplateResponse(
        request,
        "rooms/my_bookings.html",
        {
            "upcoming": [b for b in bookings if b.end >= now],
            "past": [b for b in bookings if b.end < now],
            "seasons": selectors.season_requests_visible_to(request.user),
        },
    )


@login_required
def booking_detail(request, pk: int):
    booking = selectors.booking_for(request.user, pk)
    percent, fee = services.cancellation_fee(booking=booking)
    context = {
        "booking": booking,
        "cancel_form": forms.CancelForm(),
        "move_form": forms.MoveForm(),
        "fee_percent": percent,
        "fee": fee,
        "can_change": booking.is_active and booking.start > timezone.now(),
    }
    return TemplateResponse(request, "rooms/booking_detail.html", context)


@login_required
@require_POST
def booking_cancel(request, pk: int):
    booking = selectors.booking_for(request.user, pk)
    form = forms.CancelForm(request.POST)
    if form.is_valid():
        try:
            services.cancel_booking(booking=booking, by=request.user, iban=form.cleaned_data["iban"])
        except RoomHireError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Uw reservatie is geannuleerd."))
            return redirect("rooms:room_booking_detail", pk=booking.pk)
    percent, fee = services.cancellation_fee(booking=booking)
    return TemplateResponse(
        request,
        "rooms/booking_detail.html",
        {
            "booking": booking,
            "cancel_form": form,
            "move_form": forms.MoveForm(),
            "fee_percent": percent,
            "fee": fee,
            "can_change": booking.is_active,
        },
        status=400,
    )


@login_required
@require_POST
def booking_move(request, pk: int):
    booking = selectors.booking_for(request.user, pk)
    form = forms.MoveForm(request.POST)
    if form.is_valid():
        try:
            services.move_booking(booking=booking, start=form.start(), by=request.user)
        except RoomHireError as error:
            form.add_error("start_time" if error.field in ("start", "end") else None, error.message)
        else:
            messages.success(request, _("Uw reservatie is verplaatst."))
            return redirect("rooms:room_booking_detail", pk=booking.pk)
    percent, fee = services.cancellation_fee(booking=booking)
    return TemplateResponse(
        request,
        "rooms/booking_detail.html",
        {
            "booking": booking,
            "cancel_form": forms.CancelForm(),
            "move_form": form,
            "fee_percent": percent,
            "fee": fee,
            "can_change": booking.is_active,
        },
        status=400,
    )


@login_required
def booking_pdf(request, pk: int):
    booking = selectors.booking_for(request.user, pk)
    response = HttpResponse(render_booking_pdf(booking), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="zaalreservatie-{booking.pk}.pdf"'
    return response


@login_required
def booking_ics(request, pk: int):
    booking = selectors.booking_for(request.user, pk)
    if booking.allocation_id is None:
        return redirect("rooms:room_booking_detail", pk=booking.pk)
    response = HttpResponse(event_ics(allocation=booking.allocation), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="zaalreservatie-{booking.pk}.ics"'
    return response


@login_required
def season_request(request, slug: str):
    room = selectors.public_room(request, slug)
    form = forms.SeasonRequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            season = services.request_season(
                room=room,
                association=form.associations[data["association"]],
                requested_by=request.user,
                weekday=data["weekday"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                first_date=data["first_date"],
                last_date=data["last_date"],
                purpose=data["purpose"],
                people=data["people"],
            )
        except RoomHireError as error:
            _apply_error(form, error)
        else:
            messages.success(
                request,
                _("Uw seizoensaanvraag voor %(count)s weken is verstuurd.")
                % {"count": season.occurrences.count()},
            )
            return redirect(reverse("rooms:my_bookings") + "#seizoen")
    return TemplateResponse(request, "rooms/season_form.html", {"room": room, "form": form})
