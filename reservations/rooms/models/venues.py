"""Venues, their rooms and the extras a room can be hired with.

Rooms are calendar resources (calendars.Resource, one-to-one); prices live in payments.Tariff rows per
customer category that point at the room."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from accounts.categories import CustomerCategory


class Venue(models.Model):
    """A building with one or more rooms (a community centre, a sports hall)."""

    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("gemeente (beheerder)"),
        on_delete=models.PROTECT,
        related_name="venues",
    )
    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("beschrijving"), blank=True)
    street = models.CharField(_("straat en nummer"), max_length=200)
    postal_code = models.CharField(_("postcode"), max_length=10)
    city = models.CharField(_("gemeente"), max_length=100)
    route = models.TextField(_("route"), blank=True, help_text=_("Hoe geraak je er (bus, fiets, auto)?"))
    parking = models.TextField(_("parkeren"), blank=True)
    step_free_access = models.BooleanField(_("toegankelijk zonder trappen"), default=False)
    adapted_toilet = models.BooleanField(_("aangepast toilet"), default=False)
    hearing_loop = models.BooleanField(_("ringleiding"), default=False)
    accessibility_notes = models.TextField(_("toegankelijkheid: meer uitleg"), blank=True)
    access_arrangements = models.TextField(
        _("sleutel en toegang"),
        blank=True,
        help_text=_("Sleutelafhaling of deurcode: staat op de bevestiging van elke reservatie."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_active = models.BooleanField(_("actief"), default=True)

    panels = [
        FieldPanel("municipality"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldPanel("postal_code"),
                FieldPanel("city"),
                FieldPanel("route"),
                FieldPanel("parking"),
            ],
            heading=_("Adres en bereikbaarheid"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("step_free_access"),
                FieldPanel("adapted_toilet"),
                FieldPanel("hearing_loop"),
                FieldPanel("accessibility_notes"),
            ],
            heading=_("Toegankelijkheid"),
        ),
        FieldPanel("access_arrangements"),
        FieldPanel("photo"),
        FieldPanel("is_active"),
    ]

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def address(self) -> str:
        return f"{self.street}, {self.postal_code} {self.city}"


class RoomMode(models.TextChoices):
    INSTANT = "instant", _("Meteen boeken en betalen")
    ON_APPROVAL = "on_approval", _("Na goedkeuring door de dienst")


class Layout(models.TextChoices):
    STANDING = "standing", _("Vrije opstelling")
    THEATRE = "theatre", _("Theateropstelling")
    TABLES = "tables", _("Aan tafels")
    RECEPTION = "reception", _("Receptie (staand)")


def default_categories() -> list[str]:
    return list(CustomerCategory.values)


class Room(models.Model):
    venue = models.ForeignKey(
        Venue, verbose_name=_("locatie"), on_delete=models.PROTECT, related_name="rooms"
    )
    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("beschrijving"), blank=True)
    resource = models.OneToOneField(
        "calendars.Resource",
        verbose_name=_("kalenderitem"),
        on_delete=models.PROTECT,
        related_name="room",
        help_text=_("Openingsuren, sluitingen en boekingsregels staan bij het kalenderitem."),
    )
    capacity = models.PositiveIntegerField(_("maximum aantal personen"), validators=[MinValueValidator(1)])
    capacity_theatre = models.PositiveIntegerField(_("personen in theateropstelling"), null=True, blank=True)
    capacity_tables = models.PositiveIntegerField(_("personen aan tafels"), null=True, blank=True)
    capacity_reception = models.PositiveIntegerField(_("personen bij receptie"), null=True, blank=True)
    has_projector = models.BooleanField(_("projector en scherm"), default=False)
    has_sound_system = models.BooleanField(_("geluidsinstallatie"), default=False)
    has_kitchen = models.BooleanField(_("keuken"), default=False)
    has_stage = models.BooleanField(_("podium"), default=False)
    has_wifi = models.BooleanField(_("wifi"), default=False)
    is_sports_hall = models.BooleanField(_("sportzaal"), default=False)
    house_rules = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("huisreglement (pdf)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    allowed_categories = models.JSONField(
        _("wie mag reserveren"),
        default=default_categories,
        blank=True,
        help_text=_("Klantcategorieën die deze zaal mogen huren; leeg betekent iedereen."),
    )
    mode = models.CharField(
        _("werkwijze"), max_length=16, choices=RoomMode.choices, default=RoomMode.ON_APPROVAL
    )
    free_cancellation_days = models.PositiveIntegerField(_("gratis annuleren tot (dagen vooraf)"), default=90)
    late_cancellation_days = models.PositiveIntegerField(
        _("daarna gedeeltelijke kost tot (dagen vooraf)"), default=30
    )
    late_cancellation_percent = models.PositiveIntegerField(
        _("annuleringskost (%)"), default=25, validators=[MaxValueValidator(100)]
    )
    very_late_cancellation_percent = models.PositiveIntegerField(
        _("annuleringskost kort vooraf (%)"), default=100, validators=[MaxValueValidator(100)]
    )
    option_hold_days = models.PositiveIntegerField(
        _("optie geldig (dagen)"),
        default=14,
        help_text=_("Zo lang blijft een aanvraag als optie vastgehouden in afwachting van goedkeuring."),
    )
    is_active = models.BooleanField(_("actief"), default=True)

    panels = [
        FieldPanel("venue"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("resource"),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldPanel("capacity_theatre"),
                FieldPanel("capacity_tables"),
                FieldPanel("capacity_reception"),
            ],
            heading=_("Capaciteit"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("has_projector"),
                FieldPanel("has_sound_system"),
                FieldPanel("has_kitchen"),
                FieldPanel("has_stage"),
                FieldPanel("has_wifi"),
                FieldPanel("is_sports_hall"),
            ],
            heading=_("Uitrusting"),
        ),
        FieldPanel("house_rules"),
        FieldPanel("mode"),
        MultiFieldPanel(
            [
                FieldPanel("free_cancellation_days"),
                FieldPanel("late_cancellation_days"),
                FieldPanel("late_cancellation_percent"),
                FieldPanel("very_late_cancellation_percent"),
                FieldPanel("option_hold_days"),
            ],
            heading=_("Annuleren en opties"),
        ),
        FieldPanel("is_active"),
    ]

    class Meta:
        verbose_name = _("zaal")
        verbose_name_plural = _("zalen")
        ordering = ["venue__name", "name"]

    def __str__(self) -> str:
        return f"{self.venue.name} – {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("rooms:room_detail", kwargs={"slug": self.slug})

    @property
    def municipality(self):
        return self.venue.municipality

    def capacity_for(self, layout: str) -> int:
        """Persons allowed in a layout; a layout without its own number falls back to the room maximum."""
        specific = {
            Layout.THEATRE: self.capacity_theatre,
            Layout.TABLES: self.capacity_tables,
            Layout.RECEPTION: self.capacity_reception,
        }.get(layout)
        return specific or self.capacity

    def layouts(self) -> list[tuple[str, str, int]]:
        return [(value, label, self.capacity_for(value)) for value, label in Layout.choices]

    @property
    def equipment(self) -> list[str]:
        names = {
            "has_projector": _("projector en scherm"),
            "has_sound_system": _("geluidsinstallatie"),
            "has_kitchen": _("keuken"),
            "has_stage": _("podium"),
            "has_wifi": _("wifi"),
        }
        return [str(label) for attr, label in names.items() if getattr(self, attr)]

    def cancellation_percent(self, *, days_before: float) -> int:
        """DOMAIN.md's demo rule: free well ahead, a part one to three months ahead, everything later."""
        if days_before > self.free_cancellation_days:
            return 0
        if days_before > self.late_cancellation_days:
            return self.late_cancellation_percent
        return self.very_late_cancellation_percent


class ExtraKind(models.TextChoices):
    KITCHEN = "kitchen", _("Keuken")
    CLEANING = "cleaning", _("Schoonmaak")
    PROJECTOR = "projector", _("Projector")
    BAR = "bar", _("Bar")
    OTHER = "other", _("Andere")


class RoomExtra(models.Model):
    """An option on top of the rent; one price for everyone, VAT included."""

    room = models.ForeignKey(Room, verbose_name=_("zaal"), on_delete=models.CASCADE, related_name="extras")
    kind = models.CharField(_("soort"), max_length=16, choices=ExtraKind.choices)
    name = models.CharField(_("naam"), max_length=200)
    price = models.DecimalField(
        _("prijs incl. btw"), max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    vat_rate = models.DecimalField(_("btw-tarief (%)"), max_digits=5, decimal_places=2, default=Decimal("21"))
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("extra")
        verbose_name_plural = _("extra's")
        ordering = ["room", "kind", "name"]

    def __str__(self) -> str:
        return f"{self.name} (€ {self.price})"
