"""Invoices and credit notes: gap-free numbers per series and year, immutable once issued."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from payments.models.orders import Order


class DocumentSeries(models.TextChoices):
    ORDER = "order", _("Bestelling")
    INVOICE = "invoice", _("Factuur")
    CREDIT_NOTE = "credit_note", _("Creditnota")


class NumberSequence(models.Model):
    """One counter row per series and year, locked with SELECT ... FOR UPDATE when a number is taken."""

    series = models.CharField(_("reeks"), max_length=20, choices=DocumentSeries.choices)
    year = models.PositiveIntegerField(_("jaar"))
    last_number = models.PositiveIntegerField(_("laatste nummer"), default=0)

    class Meta:
        verbose_name = _("nummerreeks")
        verbose_name_plural = _("nummerreeksen")
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="payments_sequence_per_year")]

    def __str__(self) -> str:
        return f"{self.series} {self.year}: {self.last_number}"


class Invoice(models.Model):
    """A snapshot of the order at issue time; the PDF is always rendered from this snapshot."""

    kind = models.CharField(_("soort"), max_length=20, choices=DocumentSeries.choices)
    year = models.PositiveIntegerField(_("jaar"))
    sequence = models.PositiveIntegerField(_("volgnummer"))
    number = models.CharField(_("nummer"), max_length=30, unique=True)
    order = models.ForeignKey(
        Order, verbose_name=_("bestelling"), on_delete=models.PROTECT, related_name="invoices"
    )
    credits = models.ForeignKey(
        "self",
        verbose_name=_("crediteert factuur"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="credit_notes",
    )
    issued_at = models.DateTimeField(_("uitgegeven op"), default=timezone.now)
    customer_name = models.CharField(_("klant"), max_length=200)
    customer_email = models.EmailField(_("e-mail"), blank=True)
    customer_address = models.TextField(_("adres"), blank=True)
    customer_vat_number = models.CharField(_("btw-nummer"), max_length=20, blank=True)
    lines = models.JSONField(_("lijnen"))
    total = models.DecimalField(_("totaal incl. btw"), max_digits=12, decimal_places=2)
    total_vat = models.DecimalField(_("btw"), max_digits=12, decimal_places=2)
    total_excl_vat = models.DecimalField(_("totaal excl. btw"), max_digits=12, decimal_places=2)
    structured_reference = models.CharField(_("gestructureerde mededeling"), max_length=12)
    reason = models.TextField(_("reden"), blank=True)

    class Meta:
        verbose_name = _("factuur")
        verbose_name_plural = _("facturen")
        ordering = ["-year", "kind", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "sequence"], name="payments_invoice_gap_free_number"
            )
        ]

    def __str__(self) -> str:
        return self.number

    def save(self, *args, **kwargs):
        """An issued invoice is a legal document: it is never changed, only credited."""
        if self.pk is not None:
            raise ValidationError(_("Een uitgegeven factuur kan niet meer gewijzigd worden."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Een uitgegeven factuur kan niet verwijderd worden."))
