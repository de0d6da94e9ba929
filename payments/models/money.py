"""Money that moved: payments received, refunds sent, deposits held, and the webhook events behind them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from payments.models.orders import Order, OrderLine


class Payment(models.Model):
    class Method(models.TextChoices):
        CARD = "card", _("Kaart online")
        BANCONTACT = "bancontact", _("Bancontact")
        TRANSFER = "transfer", _("Overschrijving")
        CASH = "cash", _("Cash")
        CARD_TERMINAL = "card_terminal", _("Betaalterminal")
        FREE = "free", _("Gratis")
        ONLINE = "online", _("Online")

    order = models.ForeignKey(
        Order, verbose_name=_("bestelling"), on_delete=models.PROTECT, related_name="payments"
    )
    provider = models.CharField(_("betaalwijze"), max_length=20)
    method = models.CharField(_("methode"), max_length=20, choices=Method.choices)
    amount = models.DecimalField(_("bedrag"), max_digits=12, decimal_places=2)
    provider_reference = models.CharField(_("referentie betaalprovider"), max_length=255, blank=True)
    received_at = models.DateTimeField(_("ontvangen op"), default=timezone.now, db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geregistreerd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_late = models.BooleanField(_("laattijdig ontvangen"), default=False)
    applied_at = models.DateTimeField(
        _("verwerkt op"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Wanneer de betaling op de bestelling werd toegepast (na het bewaren)."),
    )
    note = models.TextField(_("opmerking"), blank=True)

    class Meta:
        verbose_name = _("betaling")
        verbose_name_plural = _("betalingen")
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "provider_reference"],
                condition=~models.Q(provider_reference=""),
                name="payments_payment_once_per_provider_reference",
            )
        ]

    def __str__(self) -> str:
        return f"{self.order.number} € {self.amount}"


class Refund(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Voorgesteld")
        PENDING = "pending", _("Uit te voeren")
        SUCCEEDED = "succeeded", _("Uitgevoerd")
        FAILED = "failed", _("Mislukt")

    order = models.ForeignKey(
        Order, verbose_name=_("bestelling"), on_delete=models.PROTECT, related_name="refunds"
    )
    payment = models.ForeignKey(
        Payment,
        verbose_name=_("betaling"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="refunds",
    )
    provider = models.CharField(_("betaalwijze"), max_length=20)
    amount = models.DecimalField(_("bedrag"), max_digits=12, decimal_places=2)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    reason = models.TextField(_("reden"), blank=True)
    provider_reference = models.CharField(_("referentie betaalprovider"), max_length=255, blank=True)
    is_automatic = models.BooleanField(_("automatisch"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now, db_index=True)
    completed_at = models.DateTimeField(_("uitgevoerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("terugbetaling")
        verbose_name_plural = _("terugbetalingen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.order.number} -€ {self.amount}"


class Deposit(models.Model):
    class Status(models.TextChoices):
        HELD = "held", _("In bewaring")
        RETURNED = "returned", _("Terugbetaald")
        PARTLY_RETAINED = "partly_retained", _("Gedeeltelijk ingehouden")
        RETAINED = "retained", _("Ingehouden")

    order = models.ForeignKey(
        Order, verbose_name=_("bestelling"), on_delete=models.PROTECT, related_name="deposits"
    )
    line = models.OneToOneField(
        OrderLine, verbose_name=_("bestellijn"), on_delete=models.PROTECT, related_name="deposit"
    )
    amount = models.DecimalField(_("bedrag"), max_digits=12, decimal_places=2)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.HELD)
    retained_amount = models.DecimalField(_("ingehouden bedrag"), max_digits=12, decimal_places=2, default=0)
    retained_reason = models.TextField(_("reden inhouding"), blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgehandeld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    settled_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("waarborg")
        verbose_name_plural = _("waarborgen")

    def __str__(self) -> str:
        return f"{self.order.number} waarborg € {self.amount}"


class PaymentAttempt(models.Model):
    """One hand-off to a provider (e.g. a Stripe Checkout Session), so a return or webhook finds its order.

    A hand-off over HTTP is noted as ``starting`` before the call and completed after it, in two short
    transactions, so no lock is held while the provider answers (payments.services.orders.start_payment).
    """

    class Status(models.TextChoices):
        STARTING = "starting", _("Wordt gestart")
        OPEN = "open", _("Doorverwezen")
        FAILED = "failed", _("Mislukt")
        ABANDONED = "abandoned", _("Niet gebruikt")

    order = models.ForeignKey(
        Order, verbose_name=_("bestelling"), on_delete=models.CASCADE, related_name="attempts"
    )
    provider = models.CharField(_("betaalwijze"), max_length=20)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    external_id = models.CharField(_("externe id"), max_length=255, blank=True, db_index=True)
    redirect_url = models.URLField(_("doorverwijzing"), max_length=2000, blank=True)
    amount = models.DecimalField(_("bedrag"), max_digits=12, decimal_places=2)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("betaalpoging")
        verbose_name_plural = _("betaalpogingen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.order.number} {self.provider} {self.external_id}"


class WebhookEvent(models.Model):
    """Every provider event is stored first; its id is processed once however often it arrives."""

    provider = models.CharField(_("betaalwijze"), max_length=20, default="stripe")
    event_id = models.CharField(_("event-id"), max_length=255, unique=True)
    event_type = models.CharField(_("type"), max_length=100)
    payload = models.JSONField(_("inhoud"))
    received_at = models.DateTimeField(_("ontvangen op"), default=timezone.now)
    delivery_count = models.PositiveIntegerField(_("aantal leveringen"), default=1)
    processed_at = models.DateTimeField(_("verwerkt op"), null=True, blank=True)
    error = models.TextField(_("fout"), blank=True)

    class Meta:
        verbose_name = _("webhook-bericht")
        verbose_name_plural = _("webhook-berichten")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.event_type} {self.event_id}"
