"""Material loan models: depots, catalogue items, kits, loans and their lines, units out for repair.

Every LoanItem is a calendars.Resource of kind equipment with capacity = stock; a loan claims a quantity of
it from pickup to return (half-open span). The depot has a Resource of its own that only carries the
opening hours and closures: pickup and return moments must fall inside them. See docs/loans.md.
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
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from calendars.models import Resource, ResourceKind

__all__ = [
    "Depot",
    "ItemCategory",
    "Kit",
    "KitComponent",
    "Loan",
    "LoanItem",
    "LoanItemPhoto",
    "LoanLine",
    "LoanPaymentMode",
    "LoanState",
    "PriceUnit",
    "UnitBlock",
]

ZERO = Decimal("0.00")


class Depot(models.Model):
    """Where material is picked up and returned. Its opening hours live on `resource` (edit them under
    Kalender → Reserveerbare items); nothing is ever allocated on that resource."""

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    street = models.CharField(_("straat en nummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("gemeente"), max_length=100, blank=True)
    phone = models.CharField(_("telefoon"), max_length=32, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    instructions = models.TextField(_("praktische afspraken"), blank=True)
    offers_delivery = models.BooleanField(_("levert aan huis"), default=False)
    delivery_fee = models.DecimalField(
        _("leveringskost"),
        max_digits=8,
        decimal_places=2,
        default=ZERO,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Voor levering en ophaling door de gemeente, per ontlening."),
    )
    resource = models.OneToOneField(
        Resource,
        verbose_name=_("openingsuren (kalender)"),
        on_delete=models.PROTECT,
        related_name="loan_depot",
        null=True,
        blank=True,
        editable=False,
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        MultiFieldPanel([FieldPanel("street"), FieldPanel("postal_code"), FieldPanel("city")], _("Adres")),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("instructions"),
        FieldPanel("offers_delivery"),
        FieldPanel("delivery_fee"),
    ]

    class Meta:
        verbose_name = _("uitleendepot")
        verbose_name_plural = _("uitleendepots")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        """The depot always has its opening-hours resource (also when staff create it in the admin)."""
        if self.resource_id is None:
            self.resource = Resource.objects.create(
                name=str(self.name),
                kind=ResourceKind.SPACE,
                capacity=1,
                closed_on_public_holidays=True,
            )
        elif self.resource.name != self.name:
            Resource.objects.filter(pk=self.resource_id).update(name=self.name)
        super().save(*args, **kwargs)

    @property
    def address(self) -> str:
        return ", ".join(p for p in [self.street, f"{self.postal_code} {self.city}".strip()] if p)


class ItemCategory(models.Model):
    name = models.CharField(_("naam"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("beschrijving"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("materiaalcategorie")
        verbose_name_plural = _("materiaalcategorieën")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class PriceUnit(models.TextChoices):
    """Matches payments.models.TariffUnit values: per piece per loan, or per piece per started day."""

    PIECE = "piece", _("per stuk per ontlening")
    DAY = "day", _("per stuk per dag")


class LoanItem(ClusterableModel):
    """Something in the catalogue; its stock is the capacity of its calendar resource."""

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    category = models.ForeignKey(
        ItemCategory, verbose_name=_("categorie"), on_delete=models.PROTECT, related_name="items"
    )
    depot = models.ForeignKey(Depot, verbose_name=_("depot"), on_delete=models.PROTECT, related_name="items")
    description = models.TextField(_("beschrijving"), blank=True)
    stock = models.PositiveIntegerField(_("voorraad"), default=1, validators=[MinValueValidator(1)])
    price_unit = models.CharField(
        _("prijs"), max_length=10, choices=PriceUnit.choices, default=PriceUnit.PIECE
    )
    deposit = models.DecimalField(
        _("waarborg per stuk"),
        max_digits=8,
        decimal_places=2,
        default=ZERO,
        validators=[MinValueValidator(Decimal("0"))],
    )
    associations_only = models.BooleanField(_("enkel voor verenigingen"), default=False)
    needs_trailer = models.BooleanField(
        _("aanhangwagen nodig"),
        default=False,
        help_text=_("De ontlener brengt een bestelwagen of tractor met trekhaak mee."),
    )
    max_per_loan = models.PositiveIntegerField(_("maximum per ontlening"), null=True, blank=True)
    auto_approve_up_to = models.PositiveIntegerField(
        _("automatisch goedkeuren tot"),
        default=0,
        help_text=_("Aanvragen tot dit aantal worden zonder tussenkomst goedgekeurd (0 = altijd nakijken)."),
    )
    is_active = models.BooleanField(_("in de catalogus"), default=True)
    resource = models.OneToOneField(
        Resource,
        verbose_name=_("kalender"),
        on_delete=models.PROTECT,
        related_name="loan_item",
        null=True,
        blank=True,
        editable=False,
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("category"),
        FieldPanel("depot"),
        FieldPanel("description"),
        FieldPanel("stock"),
        MultiFieldPanel([FieldPanel("price_unit"), FieldPanel("deposit")], _("Prijs en waarborg")),
        MultiFieldPanel(
            [
                FieldPanel("associations_only"),
                FieldPanel("needs_trailer"),
                FieldPanel("max_per_loan"),
                FieldPanel("auto_approve_up_to"),
            ],
            _("Voorwaarden"),
        ),
        FieldPanel("is_active"),
        InlinePanel("photos", label=_("Foto")),
    ]

    class Meta:
        verbose_name = _("uitleenmateriaal")
        verbose_name_plural = _("uitleenmateriaal")
        ordering = ["category__sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        """Keep the calendar resource in step: capacity = stock. Items span nights and holidays, so the
        resource has no opening hours of its own and ignores public holidays (the depot's hours apply)."""
        if self.resource_id is None:
            self.resource = Resource.objects.create(
                name=str(self.name),
                kind=ResourceKind.EQUIPMENT,
                capacity=self.stock,
                closed_on_public_holidays=False,
            )
        else:
            Resource.objects.filter(pk=self.resource_id).update(
                name=self.name, capacity=self.stock, is_active=self.is_active
            )
            self.resource.refresh_from_db()
        super().save(*args, **kwargs)

    @property
    def first_photo(self):
        photo = self.photos.first()
        return photo.image if photo else None


class LoanItemPhoto(Orderable):
    item = ParentalKey(LoanItem, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("foto"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("onderschrift"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("foto")
        verbose_name_plural = _("foto's")


class Kit(ClusterableModel):
    """A bundle borrowed as one choice in the basket (a party pack); it expands into its items."""

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("beschrijving"), blank=True)
    is_active = models.BooleanField(_("in de catalogus"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("is_active"),
        InlinePanel("components", label=_("Onderdeel"), min_num=1),
    ]

    class Meta:
        verbose_name = _("pakket")
        verbose_name_plural = _("pakketten")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class KitComponent(Orderable):
    kit = ParentalKey(Kit, on_delete=models.CASCADE, related_name="components")
    item = models.ForeignKey(
        LoanItem, verbose_name=_("materiaal"), on_delete=models.PROTECT, related_name="+"
    )
    quantity = models.PositiveIntegerField(_("aantal"), default=1, validators=[MinValueValidator(1)])

    panels = [FieldPanel("item"), FieldPanel("quantity")]

    class Meta(Orderable.Meta):
        verbose_name = _("pakketonderdeel")
        verbose_name_plural = _("pakketonderdelen")

    def __str__(self) -> str:
        return f"{self.quantity} × {self.item}"


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
    def amount_returned(self) -> Decimal:
        return self.deposit_amount - self.retained_amount


def loan_days(pickup_at: dt.datetime, return_at: dt.datetime) -> int:
    """Started days between pickup and return, at least one (what per-day prices count)."""
    return max(1, math.ceil((return_at - pickup_at).total_seconds() / 86400))


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
