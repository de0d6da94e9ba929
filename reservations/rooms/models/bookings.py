"""A booking of one room: its states, channel, allocation and order; every change goes through
reservations.rooms.services."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.categories import CustomerCategory

from .venues import Layout, Room, RoomExtra


class BookingState(models.TextChoices):
    REQUESTED = "requested", _("Aangevraagd (optie)")
    AWAITING_PAYMENT = "awaiting_payment", _("Wacht op betaling")
    CONFIRMED = "confirmed", _("Bevestigd")
    CANCELLED = "cancelled", _("Geannuleerd")
    REJECTED = "rejected", _("Geweigerd")
    EXPIRED = "expired", _("Vervallen")


ACTIVE_STATES = (BookingState.REQUESTED, BookingState.AWAITING_PAYMENT, BookingState.CONFIRMED)


class BookingChannel(models.TextChoices):
    ONLINE = "online", _("Online")
    COUNTER = "counter", _("Balie of telefoon")


class Booking(models.Model):
    room = models.ForeignKey(Room, verbose_name=_("zaal"), on_delete=models.PROTECT, related_name="bookings")
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("klant"),
        on_delete=models.PROTECT,
        related_name="room_bookings",
    )
    association = models.ForeignKey(
        "associations.Association",
        verbose_name=_("vereniging"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="room_bookings",
    )
    start = models.DateTimeField(_("begin"))
    end = models.DateTimeField(_("einde"))
    purpose = models.CharField(_("doel"), max_length=300)
    people = models.PositiveIntegerField(_("aantal personen"))
    layout = models.CharField(_("opstelling"), max_length=16, choices=Layout.choices, default=Layout.STANDING)
    extras = models.ManyToManyField(RoomExtra, verbose_name=_("extra's"), blank=True, related_name="+")
    category = models.CharField(_("klantcategorie"), max_length=30, choices=CustomerCategory.choices)
    state = models.CharField(
        _("status"),
        max_length=20,
        choices=BookingState.choices,
        default=BookingState.REQUESTED,
        db_index=True,
    )
    allocation = models.ForeignKey(
        "calendars.Allocation",
        verbose_name=_("toewijzing"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    order = models.ForeignKey(
        "payments.Order",
        verbose_name=_("bestelling"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    total = models.DecimalField(_("totaal incl. btw"), max_digits=12, decimal_places=2, default=Decimal("0"))
    rejection_reason = models.TextField(_("reden van weigering"), blank=True)
    cancellation_fee = models.DecimalField(
        _("annuleringskost"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    channel = models.CharField(
        _("kanaal"), max_length=10, choices=BookingChannel.choices, default=BookingChannel.ONLINE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingevoerd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beslist door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("beslist op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("herinnering verstuurd op"), null=True, blank=True)
    season_request = models.ForeignKey(
        "SeasonRequest", null=True, blank=True, on_delete=models.SET_NULL, related_name="bookings"
    )
    created_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("zaalreservatie")
        verbose_name_plural = _("zaalreservaties")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="room_booking_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.room} {self.start:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("rooms:room_booking_detail", kwargs={"pk": self.pk})

    @property
    def booked_for(self) -> str:
        return (
            self.association.name
            if self.association_id
            else self.customer.get_full_name() or self.customer.email
        )

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES

    @property
    def municipality(self):
        """The municipality whose room this is (tariffs, order, invoice, mail sender, staff scoping)."""
        return self.room.venue.municipality

    @property
    def duration(self) -> dt.timedelta:
        return self.end - self.start
