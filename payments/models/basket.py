"""The one basket: every feature app puts what a person is buying into it, with the capacity it holds.

A basket belongs to one municipality (the one that is paid) and to one person, or to a staff member at
the counter serving a customer. All holds of a basket share the basket's expiry; checking it out makes
one order (payments.services.checkout)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from payments.models.orders import Channel


class BasketStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CHECKED_OUT = "checked_out", _("Afgerekend")
    EXPIRED = "expired", _("Verlopen")


class Basket(models.Model):
    municipality = models.ForeignKey(
        "accounts.Municipality", verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="baskets"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("klant"),
        on_delete=models.CASCADE,
        related_name="baskets",
    )
    channel = models.CharField(_("kanaal"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    served_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bediend door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("De medewerker aan de balie, bij een baliemandje."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=BasketStatus.choices, default=BasketStatus.OPEN, db_index=True
    )
    expires_at = models.DateTimeField(_("vervalt op"), null=True, blank=True, db_index=True)
    extensions = models.PositiveSmallIntegerField(_("keren verlengd"), default=0)
    order = models.OneToOneField(
        "payments.Order",
        verbose_name=_("bestelling"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="basket",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("mandje")
        verbose_name_plural = _("mandjes")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "user", "channel"],
                condition=models.Q(status="open"),
                name="payments_one_open_basket",
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} · {self.user} · {self.get_status_display()}"

    def is_expired(self, now=None) -> bool:
        now = now or timezone.now()
        return self.expires_at is not None and self.expires_at <= now


class BasketLine(models.Model):
    """One priced line as quoted, with the handler that owns it and the holds it keeps."""

    basket = models.ForeignKey(
        Basket, verbose_name=_("mandje"), on_delete=models.CASCADE, related_name="lines"
    )
    position = models.PositiveIntegerField(_("volgorde"), default=0)
    description = models.CharField(_("omschrijving"), max_length=300)
    quantity = models.DecimalField(_("aantal"), max_digits=10, decimal_places=2)
    unit_price = models.DecimalField(_("eenheidsprijs incl. btw"), max_digits=12, decimal_places=2)
    vat_rate = models.DecimalField(_("btw-tarief (%)"), max_digits=5, decimal_places=2)
    total = models.DecimalField(_("lijntotaal incl. btw"), max_digits=12, decimal_places=2)
    is_deposit = models.BooleanField(_("waarborg"), default=False)
    handler = models.CharField(_("afhandeling"), max_length=100)
    target_content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_content_type", "target_object_id")
    allocations = models.ManyToManyField(
        "calendars.Allocation", verbose_name=_("reservaties in de kalender"), blank=True, related_name="+"
    )
    starts_at = models.DateTimeField(_("begint op"), null=True, blank=True)
    ends_at = models.DateTimeField(_("eindigt op"), null=True, blank=True)
    location = models.CharField(_("plaats"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("mandjeslijn")
        verbose_name_plural = _("mandjeslijnen")
        ordering = ["basket", "position", "pk"]
        indexes = [models.Index(fields=["target_content_type", "target_object_id"])]

    def __str__(self) -> str:
        return self.description
