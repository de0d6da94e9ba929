"""The association registry: associations, who belongs to them, and invitations to join."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from stdnum import iban as stdnum_iban
from stdnum.be import vat as stdnum_be_vat

from accounts.categories import CustomerCategory


class AssociationCategory(models.TextChoices):
    SPORT = "sport", _("Sport")
    CULTURE = "culture", _("Cultuur")
    YOUTH = "youth", _("Jeugd")
    SENIORS = "seniors", _("Senioren")
    SOCIAL = "social", _("Welzijn")
    SCHOOL = "school", _("School")
    NEIGHBOURHOOD = "neighbourhood", _("Buurt")
    OTHER = "other", _("Andere")


class Role(models.TextChoices):
    ADMIN = "admin", _("Beheerder")
    BOOKER = "booker", _("Boeker")
    MEMBER = "member", _("Lid")


def validate_enterprise_number(value: str) -> None:
    if not stdnum_be_vat.is_valid(value):
        raise ValidationError(
            _("Dit is geen geldig ondernemingsnummer (KBO). Het heeft 10 cijfers, bv. 0123.456.749."),
            code="invalid_kbo",
        )


def validate_iban(value: str) -> None:
    if not stdnum_iban.is_valid(value):
        raise ValidationError(
            _("Dit is geen geldig IBAN-rekeningnummer, bv. BE71 0961 2345 6769."), code="invalid_iban"
        )


class Association(ClusterableModel):
    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="associations",
        help_text=_("De gemeente waar de vereniging actief is en die haar erkent."),
    )
    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    enterprise_number = models.CharField(
        _("ondernemingsnummer (KBO)"),
        max_length=10,
        blank=True,
        validators=[validate_enterprise_number],
        help_text=_("Leeg laten als de vereniging (nog) geen ondernemingsnummer heeft."),
    )
    iban = models.CharField(_("IBAN"), max_length=34, blank=True, validators=[validate_iban])
    category = models.CharField(
        _("soort"), max_length=20, choices=AssociationCategory.choices, default=AssociationCategory.OTHER
    )
    recognised = models.BooleanField(
        _("erkend door de gemeente"),
        default=False,
        help_text=_("Erkende lokale verenigingen betalen het verenigingstarief."),
    )
    street = models.CharField(_("straat en nummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("gemeente"), max_length=100, blank=True)
    email = models.EmailField(_("e-mailadres contactpersoon"))
    phone = models.CharField(_("telefoon"), max_length=32, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("beschrijving"), blank=True)
    public = models.BooleanField(
        _("zichtbaar in de verenigingsgids"),
        default=True,
        help_text=_("Toon de vereniging op de publieke site."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("vereniging")
        verbose_name_plural = _("verenigingen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise_number"],
                condition=~models.Q(enterprise_number=""),
                name="association_unique_enterprise_number",
                violation_error_message=_("Er is al een vereniging met dit ondernemingsnummer."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("associations:detail", kwargs={"slug": self.slug})

    def customer_category(self, municipality=None) -> CustomerCategory:
        """Recognised local associations get the lowest tariff in *their* municipality; elsewhere,
        and when not recognised, the association tariff. ``None`` means the association's own."""
        own = municipality is None or municipality.pk == self.municipality_id
        if self.recognised and own:
            return CustomerCategory.RECOGNISED_ASSOCIATION
        return CustomerCategory.OTHER_ASSOCIATION

    @property
    def enterprise_number_display(self) -> str:
        """0123.456.749, the way the KBO writes it."""
        number = self.enterprise_number
        if len(number) != 10:
            return number
        return f"{number[:4]}.{number[4:7]}.{number[7:]}"

    @property
    def iban_display(self) -> str:
        return stdnum_iban.format(self.iban) if self.iban else ""

    @property
    def address(self) -> str:
        return ", ".join(part for part in [self.street, f"{self.postal_code} {self.city}".strip()] if part)


class Membership(models.Model):
    association = ParentalKey(
        Association, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("vereniging")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="association_memberships",
        verbose_name=_("gebruiker"),
    )
    role = models.CharField(_("rol"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(_("lid sinds"), auto_now_add=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["association__name", "user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "association"], name="membership_unique_user_association")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.association} ({self.get_role_display()})"


def new_invitation_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("vereniging")
    )
    email = models.EmailField(_("e-mailadres"))
    role = models.CharField(_("rol"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    token = models.CharField(max_length=64, unique=True, default=new_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uitgenodigd door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    expires_at = models.DateTimeField(_("geldig tot"))
    accepted_at = models.DateTimeField(_("aanvaard op"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aanvaard door"),
    )

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.association}"

    def get_absolute_url(self) -> str:
        return reverse("associations:accept_invitation", kwargs={"token": self.token})

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and not self.is_expired
