"""A municipality is data, not settings (DESIGN.md, "Municipalities").

Each Wagtail site belongs to at most one municipality (MunicipalitySite); a municipality may have
several sites. Orders, invoices, statements and associations point at their municipality.
"""

import contextlib
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum import iban as stdnum_iban
from stdnum.be import vat as stdnum_be_vat
from stdnum.exceptions import ValidationError as StdnumError

POSTAL_CODE = re.compile(r"^\d{4}$")


def parse_postal_codes(value: str) -> list[str]:
    return [code.strip() for code in (value or "").replace(";", ",").split(",") if code.strip()]


def validate_postal_codes(value: str) -> None:
    codes = parse_postal_codes(value)
    bad = [code for code in codes if not POSTAL_CODE.match(code)]
    if bad:
        raise ValidationError(
            _("Geen geldige Belgische postcode: %(codes)s. Gebruik vier cijfers, gescheiden door komma's."),
            params={"codes": ", ".join(bad)},
        )


def validate_vat_number(value: str) -> None:
    try:
        stdnum_be_vat.validate(value)
    except StdnumError:
        raise ValidationError(_("Dit is geen geldig Belgisch ondernemings- of btw-nummer.")) from None


def validate_iban(value: str) -> None:
    try:
        stdnum_iban.validate(value)
    except StdnumError:
        raise ValidationError(_("Dit is geen geldige IBAN.")) from None


class MunicipalityQuerySet(models.QuerySet):
    def with_iban(self, iban: str):
        return self.filter(iban=stdnum_iban.compact(iban or ""))


# Feature apps point at municipalities (venues, associations, orders); mypy checks only the engines
# and cannot see those reverse managers.
class Municipality(models.Model):  # type: ignore[django-manager-missing]
    name = models.CharField(_("naam"), max_length=200, help_text=_("Bijvoorbeeld: Gemeente Dorpsveld"))
    slug = models.SlugField(_("korte naam"), max_length=50, unique=True)
    address_line_1 = models.CharField(_("adres"), max_length=200, help_text=_("Straat en nummer"))
    address_line_2 = models.CharField(_("adres (vervolg)"), max_length=200, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=10)
    city = models.CharField(_("gemeente"), max_length=100)
    vat_number = models.CharField(
        _("ondernemings- of btw-nummer"),
        max_length=20,
        validators=[validate_vat_number],
        help_text=_("KBO-nummer, bijvoorbeeld BE0207500123"),
    )
    iban = models.CharField(_("IBAN"), max_length=34, unique=True, validators=[validate_iban])
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resident_postal_codes = models.CharField(
        _("postcodes van inwoners"),
        max_length=300,
        blank=True,
        validators=[validate_postal_codes],
        help_text=_(
            "Wie hier woont, betaalt het inwonerstarief. Gescheiden door komma's, bijvoorbeeld 9999, 9998"
        ),
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=32, blank=True)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if self.vat_number:
            with contextlib.suppress(StdnumError):
                self.vat_number = "BE" + stdnum_be_vat.compact(self.vat_number)
        if self.iban:
            self.iban = stdnum_iban.compact(self.iban)
        self.bic = (self.bic or "").replace(" ", "").upper()
        self.resident_postal_codes = ", ".join(parse_postal_codes(self.resident_postal_codes))

    @property
    def postal_codes(self) -> list[str]:
        return parse_postal_codes(self.resident_postal_codes)

    def has_resident_postal_code(self, postal_code: str) -> bool:
        return (postal_code or "").strip() in self.postal_codes

    @property
    def address(self) -> str:
        """One line, as on an invoice header: "Dorpsplein 1, 9999 Dorpsveld"."""
        street = ", ".join(part for part in (self.address_line_1, self.address_line_2) if part)
        return f"{street}, {self.postal_code} {self.city}".strip(", ")

    @property
    def formatted_iban(self) -> str:
        return stdnum_iban.format(self.iban) if self.iban else ""


class MunicipalitySite(models.Model):
    """Which municipality a Wagtail site serves: every site has at most one."""

    site = models.OneToOneField(
        "wagtailcore.Site",
        verbose_name=_("website"),
        on_delete=models.CASCADE,
        related_name="municipality_link",
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="site_links"
    )

    class Meta:
        verbose_name = _("website van een gemeente")
        verbose_name_plural = _("websites van gemeenten")

    def __str__(self) -> str:
        return f"{self.site} → {self.municipality}"
