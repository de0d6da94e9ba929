"""Loan models: the loan with its states, its lines, and units blocked for repair.

A loan claims a quantity of each item from pickup to return (half-open span). See docs/loans.md.
"""

import datetime as dt
import math
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.localtime import local
from reservations.loans.models.catalogue import Depot, LoanItem

ZERO = Decimal("0.00")


class LoanState(models.TextChoices):
    REQUESTED = "requested", _("Aangevraagd")
    AWAITING_PAYMENT = "awaiting_payment", _("Goedgekeurd, wacht op betaling")
    PAID = "paid", _("Goedgekeurd en betaald")
    INVOICED = "invoiced", _("Goedgekeurd, wordt gefactureerd")
    READY = "ready", _("Klaar om af te halen")
    HANDED_OUT = "handed_out", _("Meegegeven")
    RETURNED = "returned", _("Teruggebracht")
    SETTLED = "settled", _("Afgerekend")
    REJECTED = "rejected", _("Geweigerd")
    CANCELLED = "cancelled", _("Geannuleerd")
    EXPIRED = "expired", _("Vervallen")


# States in which the loan still claims stock (its allocations are held or confirmed).
ACTIVE_STATES = (
    LoanState.REQUESTED,
    LoanState.AWAITING_PAYMENT,
    LoanState.PAID,
    LoanState.INVOICED,
    LoanState.READY,
    LoanState.HANDED_OUT,
)


class LoanPaymentMode(models.TextChoices):
    ONLINE = "online", _("Online of met overschrijving vooraf")
    COUNTER = "counter", _("Aan de balie bij het afhalen")
    INVOICE = "invoice", _("Op factuur achteraf")


class Loan(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ontlener"), on_delete=models.PROTECT, related_name="loans"
    )
    association = models.ForeignKey(
        "associations.Association",
        verbose_name=_("vereniging"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="loans",
    )
    depot = models.ForeignKey(Depot, verbose_name=_("depot"), on_delete=models.PROTECT, related_name="loans")
    pickup_at = models.DateTimeField(_("afhalen op"))
    return_at = models.DateTimeField(_("terugbrengen op"))
    state = models.CharField(
        _("status"), max_length=20, choices=LoanState.choices, default=LoanState.REQUESTED, db_index=True
    )
    customer_category = models.CharField(_("klantcategorie"), max_length=30, blank=True)
    purpose = models.CharField(_("waarvoor"), max_length=200, blank=True)
    remarks = models.TextField(_("opmerkingen"), blank=True)
    delivery = models.BooleanField(_("levering door de gemeente"), default=False)
    delivery_address = models.TextField(_("leveringsadres"), blank=True)
    delivery_fee = models.DecimalField(_("leveringskost"), max_digits=8, decimal_places=2, default=ZERO)
    payment_mode = models.CharField(
        _("betaling"), max_length=10, choices=LoanPaymentMode.choices, default=LoanPaymentMode.ONLINE
    )
    order = models.ForeignKey(
        "payments.Order",
        verbose_name=_("bestelling"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="loans",
    )
    damage_order = models.ForeignKey(
        "payments.Order",
        verbose_name=_("bijkomende factuur"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="damage_loans",
    )
    room_booking = models.ForeignKey(
        "rooms.Booking",
        verbose_name=_("bij zaalreservatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="loans",
    )
    # The event notification this loan belongs to (associations' evenementenloket, not built yet).
    event_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    event_id = models.CharField(max_length=64, blank=True)
    event = GenericForeignKey("event_type", "event_id")
    decided_at = models.DateTimeField(_("beslist op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(_("toelichting bij de beslissing"), blank=True)
    auto_approved = models.BooleanField(_("automatisch goedgekeurd"), default=False)
    handed_out_at = models.DateTimeField(_("meegegeven op"), null=True, blank=True)
    handed_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("meegegeven door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handed_out_to = models.CharField(_("meegegeven aan"), max_length=200, blank=True)
    returned_at = models.DateTimeField(_("teruggebracht op"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nagekeken door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    return_note = models.TextField(_("opmerking bij de teruggave"), blank=True)
    settled_at = models.DateTimeField(_("afgerekend op"), null=True, blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    deposit_amount = models.DecimalField(_("waarborg"), max_digits=10, decimal_places=2, default=ZERO)
    retained_amount = models.DecimalField(_("ingehouden"), max_digits=10, decimal_places=2, default=ZERO)
    extra_charge = models.DecimalField(
        _("bijkomend aangerekend"), max_digits=10, decimal_places=2, default=ZERO
    )
    settlement_reason = models.TextField(_("reden inhouding"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ontlening")
        verbose_name_plural = _("ontleningen")
        ordering = ["-pickup_at", "-pk"]
        indexes = [models.Index(fields=["depot", "pickup_at"]), models.Index(fields=["depot", "return_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(return_at__gt=models.F("pickup_at")), name="loan_return_after_pickup"
            )
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        return f"U{self.pk:05d}" if self.pk else "U-"

    @property
    def borrower_name(self) -> str:
        if self.association_id:
            return self.association.name
        return self.user.get_full_name() or self.user.email

    @property
    def days(self) -> int:
        return loan_days(self.pickup_at, self.return_at)

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES

    @property
    def municipality(self):
        """The municipality of the depot (tariffs, order, invoice, mail sender, staff scoping)."""
        return self.depot.municipality

    @property
    def amount_returned(self) -> Decimal:
        return self.deposit_amount - self.retained_amount


def loan_days(pickup_at: dt.datetime, return_at: dt.datetime) -> int:
    """Started days between pickup and return, at least one (what per-day prices count).

    Counted on Brussels wall time: Friday 10:00 to Monday 10:00 is 3 days, also across the clock
    change, when the same span is 71 or 73 hours long in UTC.
    """
    wall = local(return_at).replace(tzinfo=None) - local(pickup_at).replace(tzinfo=None)
    return max(1, math.ceil(wall.total_seconds() / 86400))


class LoanLine(models.Model):
    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(
        LoanItem, verbose_name=_("materiaal"), on_delete=models.PROTECT, related_name="+"
    )
    quantity = models.PositiveIntegerField(_("aantal"), validators=[MinValueValidator(1)])
    allocation = models.ForeignKey(
        "calendars.Allocation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handed_out_quantity = models.PositiveIntegerField(_("meegegeven"), default=0)
    returned_quantity = models.PositiveIntegerField(_("teruggebracht"), default=0)
    missing_quantity = models.PositiveIntegerField(_("ontbreekt"), default=0)
    damaged_quantity = models.PositiveIntegerField(_("beschadigd"), default=0)
    damage_note = models.TextField(_("schade"), blank=True)
    damage_photo = models.ImageField(_("foto van de schade"), upload_to="loans/damage/%Y/", blank=True)

    class Meta:
        verbose_name = _("ontleningslijn")
        verbose_name_plural = _("ontleningslijnen")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["loan", "item"], name="loan_line_one_per_item"),
            models.CheckConstraint(condition=models.Q(quantity__gte=1), name="loan_line_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.item}"


class UnitBlock(models.Model):
    """Units of an item out of the stock (repair, lost): a confirmed allocation on the item's resource."""

    item = models.ForeignKey(
        LoanItem, verbose_name=_("materiaal"), on_delete=models.PROTECT, related_name="blocks"
    )
    quantity = models.PositiveIntegerField(_("aantal"), validators=[MinValueValidator(1)])
    start = models.DateTimeField(_("van"))
    end = models.DateTimeField(_("tot"))
    reason = models.CharField(_("reden"), max_length=200)
    allocation = models.ForeignKey(
        "calendars.Allocation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    released_at = models.DateTimeField(_("opgeheven op"), null=True, blank=True)

    class Meta:
        verbose_name = _("blokkering voor herstelling")
        verbose_name_plural = _("blokkeringen voor herstelling")
        ordering = ["-start"]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.item}: {self.reason}"
