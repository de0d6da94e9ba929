"""Orders and their lines: what a customer owes, for what, and who is told when it is paid."""

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ZERO = Decimal("0.00")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    COUNTER = "counter", _("Balie")


class OrderStatus(models.TextChoices):
    OPEN = "open", _("Open")
    PENDING = "pending", _("Betaling bezig")
    PAID = "paid", _("Betaald")
    PARTIALLY_REFUNDED = "partially_refunded", _("Gedeeltelijk terugbetaald")
    REFUNDED = "refunded", _("Terugbetaald")
    EXPIRED = "expired", _("Vervallen")
    CANCELLED = "cancelled", _("Geannuleerd")


UNPAID_STATUSES = (OrderStatus.OPEN, OrderStatus.PENDING)
PAID_STATUSES = (OrderStatus.PAID, OrderStatus.PARTIALLY_REFUNDED, OrderStatus.REFUNDED)


class Order(models.Model):
    number = models.CharField(_("bestelnummer"), max_length=20, unique=True)
    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="orders",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("klant"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="orders",
    )
    billed_content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    billed_object_id = models.PositiveBigIntegerField(null=True, blank=True)
    billed_party = GenericForeignKey("billed_content_type", "billed_object_id")
    billing_name = models.CharField(_("factuurnaam"), max_length=200, blank=True)
    billing_email = models.EmailField(_("factuur-e-mail"), blank=True)
    billing_address = models.TextField(_("factuuradres"), blank=True)
    billing_vat_number = models.CharField(_("btw-nummer"), max_length=20, blank=True)
    walk_in_name = models.CharField(_("naam (zonder account)"), max_length=200, blank=True)
    walk_in_email = models.EmailField(_("e-mail (zonder account)"), blank=True)
    language = models.CharField(_("taal"), max_length=10, default=settings.LANGUAGE_CODE)
    channel = models.CharField(_("kanaal"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    status = models.CharField(
        _("status"), max_length=20, choices=OrderStatus.choices, default=OrderStatus.OPEN, db_index=True
    )
    total = models.DecimalField(_("totaal incl. btw"), max_digits=12, decimal_places=2, default=ZERO)
    total_vat = models.DecimalField(_("btw"), max_digits=12, decimal_places=2, default=ZERO)
    total_excl_vat = models.DecimalField(_("totaal excl. btw"), max_digits=12, decimal_places=2, default=ZERO)
    structured_reference = models.CharField(_("gestructureerde mededeling"), max_length=12, unique=True)
    provider = models.CharField(_("betaalwijze"), max_length=20, blank=True)
    invoice_requested = models.BooleanField(_("factuur gevraagd"), default=False)
    expires_at = models.DateTimeField(_("vervalt op"), null=True, blank=True, db_index=True)
    due_date = models.DateField(_("uiterste betaaldatum"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("herinnering verstuurd op"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(_("bevestiging verstuurd op"), null=True, blank=True)
    paid_at = models.DateTimeField(_("betaald op"), null=True, blank=True)
    needs_attention = models.BooleanField(_("opvolging nodig"), default=False, db_index=True)
    attention_reason = models.TextField(_("reden opvolging"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("bestelling")
        verbose_name_plural = _("bestellingen")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["billed_content_type", "billed_object_id"])]

    def __str__(self) -> str:
        return self.number

    @property
    def customer_name(self) -> str:
        if self.billing_name:
            return self.billing_name
        if self.user_id:
            return str(self.user)
        return self.walk_in_name

    @property
    def customer_email(self) -> str:
        if self.billing_email:
            return self.billing_email
        if self.user is not None:
            return self.user.email
        return self.walk_in_email

    @property
    def is_unpaid(self) -> bool:
        return self.status in UNPAID_STATUSES

    @property
    def is_paid(self) -> bool:
        return self.status in PAID_STATUSES

    @property
    def formatted_reference(self) -> str:
        from payments.structured_reference import format_reference

        return format_reference(self.structured_reference)

    def amount_paid(self) -> Decimal:
        return self.payments.aggregate(s=models.Sum("amount"))["s"] or ZERO

    def amount_refunded(self) -> Decimal:
        return self.refunds.exclude(status="failed").aggregate(s=models.Sum("amount"))["s"] or ZERO

    def balance_due(self) -> Decimal:
        """What the customer still owes (negative when they paid too much)."""
        return self.total - self.amount_paid()


class OrderLine(models.Model):
    order = models.ForeignKey(
        Order, verbose_name=_("bestelling"), on_delete=models.CASCADE, related_name="lines"
    )
    position = models.PositiveIntegerField(_("volgorde"), default=0)
    description = models.CharField(_("omschrijving"), max_length=300)
    quantity = models.DecimalField(_("aantal"), max_digits=10, decimal_places=2)
    unit_price = models.DecimalField(_("eenheidsprijs incl. btw"), max_digits=12, decimal_places=2)
    vat_rate = models.DecimalField(_("btw-tarief (%)"), max_digits=5, decimal_places=2)
    total = models.DecimalField(_("lijntotaal incl. btw"), max_digits=12, decimal_places=2)
    vat_amount = models.DecimalField(_("btw-bedrag"), max_digits=12, decimal_places=2)
    total_excl_vat = models.DecimalField(_("lijntotaal excl. btw"), max_digits=12, decimal_places=2)
    is_deposit = models.BooleanField(_("waarborg"), default=False)
    handler = models.CharField(_("afhandeling"), max_length=100, blank=True, db_index=True)
    target_content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    target_object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_content_type", "target_object_id")
    starts_at = models.DateTimeField(_("begint op"), null=True, blank=True)
    ends_at = models.DateTimeField(_("eindigt op"), null=True, blank=True)
    location = models.CharField(_("plaats"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("bestellijn")
        verbose_name_plural = _("bestellijnen")
        ordering = ["order", "position", "pk"]
        indexes = [models.Index(fields=["target_content_type", "target_object_id"])]

    def __str__(self) -> str:
        return self.description
