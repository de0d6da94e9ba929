"""Tariffs: a price per customer category and unit for something bookable (a room, an item, a ticket type)."""

from decimal import Decimal

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.categories import CustomerCategory


class TariffUnit(models.TextChoices):
    HOUR = "hour", _("per uur")
    HALF_DAY = "half_day", _("per halve dag")
    DAY = "day", _("per dag")
    PIECE = "piece", _("per stuk")
    TICKET = "ticket", _("per ticket")


class Tariff(models.Model):
    """Prices are VAT-inclusive, as Belgian municipal price lists are (see docs/payments.md)."""

    target_content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_content_type", "target_object_id")
    category = models.CharField(_("klantcategorie"), max_length=30, choices=CustomerCategory.choices)
    unit = models.CharField(_("eenheid"), max_length=20, choices=TariffUnit.choices)
    price = models.DecimalField(
        _("prijs incl. btw"), max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    vat_rate = models.DecimalField(
        _("btw-tarief (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    deposit = models.DecimalField(
        _("waarborg"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Wordt terugbetaald na afloop, eventueel min ingehouden kosten."),
    )
    description = models.CharField(_("omschrijving"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("tarief")
        verbose_name_plural = _("tarieven")
        constraints = [
            models.UniqueConstraint(
                fields=["target_content_type", "target_object_id", "category", "unit"],
                name="payments_tariff_one_per_category_unit",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.get_unit_display()}: € {self.price}"
