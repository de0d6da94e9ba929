"""Imported bank statements and their lines, matched to orders by structured reference."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from payments.models.money import Payment
from payments.models.orders import Order


class MatchStatus(models.TextChoices):
    MATCHED = "matched", _("Gekoppeld")
    PARTIAL = "partial", _("Te weinig betaald")
    OVERPAID = "overpaid", _("Te veel betaald")
    LATE = "late", _("Laattijdig")
    UNMATCHED = "unmatched", _("Niet gekoppeld")
    IGNORED = "ignored", _("Genegeerd (uitgaand)")


class StatementImport(models.Model):
    class Format(models.TextChoices):
        CODA = "coda", _("CODA")
        CSV = "csv", _("CSV")

    file_name = models.CharField(_("bestandsnaam"), max_length=255)
    format = models.CharField(_("formaat"), max_length=10, choices=Format.choices)
    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="statement_imports",
    )
    account_iban = models.CharField(_("rekening"), max_length=34, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingelezen door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("ingelezen op"), default=timezone.now)
    lines_total = models.PositiveIntegerField(_("lijnen"), default=0)
    lines_new = models.PositiveIntegerField(_("nieuwe lijnen"), default=0)
    lines_matched = models.PositiveIntegerField(_("gekoppeld"), default=0)
    lines_flagged = models.PositiveIntegerField(_("op te volgen"), default=0)

    class Meta:
        verbose_name = _("rekeninguittreksel")
        verbose_name_plural = _("rekeninguittreksels")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return self.file_name


class StatementLine(models.Model):
    statement = models.ForeignKey(
        StatementImport, verbose_name=_("uittreksel"), on_delete=models.CASCADE, related_name="lines"
    )
    unique_key = models.CharField(
        _("unieke sleutel"),
        max_length=255,
        unique=True,
        help_text=_("Zo wordt dezelfde lijn nooit twee keer geboekt, ook niet bij een tweede import."),
    )
    booking_date = models.DateField(_("boekingsdatum"))
    amount = models.DecimalField(_("bedrag"), max_digits=12, decimal_places=2)
    counterparty_name = models.CharField(_("tegenpartij"), max_length=200, blank=True)
    counterparty_account = models.CharField(_("rekening tegenpartij"), max_length=50, blank=True)
    communication = models.CharField(_("mededeling"), max_length=300, blank=True)
    structured_reference = models.CharField(_("gestructureerde mededeling"), max_length=12, blank=True)
    order = models.ForeignKey(
        Order, verbose_name=_("bestelling"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    payment = models.OneToOneField(
        Payment, verbose_name=_("betaling"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    match_status = models.CharField(_("koppeling"), max_length=20, choices=MatchStatus.choices)
    needs_attention = models.BooleanField(_("opvolging nodig"), default=False)

    class Meta:
        verbose_name = _("uittreksellijn")
        verbose_name_plural = _("uittreksellijnen")
        ordering = ["statement", "pk"]

    def __str__(self) -> str:
        return f"{self.booking_date} € {self.amount} {self.communication}"
