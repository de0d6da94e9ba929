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
    """One counter row per municipality, series and year, locked with SELECT ... FOR UPDATE.

    Order numbers are global (``municipality`` empty); invoices and credit notes count per municipality.
    """

    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    series = models.CharField(_("reeks"), max_length=20, choices=DocumentSeries.choices)
    year = models.PositiveIntegerField(_("jaar"))
    last_number = models.PositiveIntegerField(_("laatste nummer"), default=0)

    class Meta:
        verbose_name = _("nummerreeks")
        verbose_name_plural = _("nummerreeksen")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "series", "year"],
                name="payments_sequence_per_municipality_year",
            ),
            models.UniqueConstraint(
                fields=["series", "year"],
                condition=models.Q(municipality__isnull=True),
                name="payments_global_sequence_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.year}: {self.last_number}"


class Invoice(models.Model):
    """A snapshot of the order at issue time; the PDF is always rendered from this snapshot."""

    kind = models.CharField(_("soort"), max_length=20, choices=DocumentSeries.choices)
    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="invoices",
    )
    year = models.PositiveIntegerField(_("jaar"))
    sequence = models.PositiveIntegerField(_("volgnummer"))
    number = models.CharField(_("nummer"), max_length=30, db_index=True)
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
    # The issuer as it was at issue time: a later change of address or bank account never alters the PDF.
    issuer_name = models.CharField(_("uitgever"), max_length=200)
    issuer_address = models.TextField(_("adres uitgever"), blank=True)
    issuer_vat_number = models.CharField(_("btw-nummer uitgever"), max_length=20, blank=True)
    issuer_iban = models.CharField(_("IBAN uitgever"), max_length=34, blank=True)
    issuer_bic = models.CharField(_("BIC uitgever"), max_length=11, blank=True)
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
                fields=["municipality", "kind", "year", "sequence"],
                name="payments_invoice_gap_free_number_per_municipality",
            ),
            models.UniqueConstraint(
                fields=["municipality", "number"], name="payments_invoice_number_per_municipality"
            ),
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
