"""Catalogue models: depots, item categories, items with photos, kits and their components.

Every LoanItem is a calendars.Resource of kind equipment with capacity = stock. The depot has a Resource of
its own that only carries the opening hours and closures: pickup and return moments must fall inside them.
See docs/loans.md.
"""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from calendars import services as calendar_services
from calendars.models import Resource, ResourceKind

ZERO = Decimal("0.00")


class Depot(models.Model):
    """Where material is picked up and returned. Its opening hours live on `resource` (edit them under
    Kalender → Reserveerbare items); nothing is ever allocated on that resource."""

    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("gemeente (beheerder)"),
        on_delete=models.PROTECT,
        related_name="loan_depots",
    )
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
        FieldPanel("municipality"),
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
        resource has no opening hours of its own and ignores public holidays (the depot's hours apply).

        A changed stock goes through the engine (row lock, never below what is lent): whatever path
        saves the item, CapacityBelowAllocatedError refuses it and the transaction writes nothing."""
        with transaction.atomic():
            if self.resource_id is None:
                self.resource = Resource.objects.create(
                    name=str(self.name),
                    kind=ResourceKind.EQUIPMENT,
                    capacity=self.stock,
                    closed_on_public_holidays=False,
                )
            else:
                current = Resource.objects.filter(pk=self.resource_id).values_list("capacity", flat=True)
                if current.get() != self.stock:
                    calendar_services.change_capacity(resource=self.resource, capacity=int(self.stock))
                Resource.objects.filter(pk=self.resource_id).update(name=self.name, is_active=self.is_active)
                self.resource.refresh_from_db()
            super().save(*args, **kwargs)

    @property
    def municipality(self):
        return self.depot.municipality

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
