"""Users log in with their e-mail address; households hang off a user."""

from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.municipality_models import Municipality, MunicipalitySite

__all__ = ["ErasureRequest", "HouseholdMember", "Municipality", "MunicipalitySite", "User"]


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mailadres"), unique=True)
    first_name = models.CharField(_("voornaam"), max_length=150, blank=True)
    last_name = models.CharField(_("familienaam"), max_length=150, blank=True)
    phone = models.CharField(_("telefoon"), max_length=32, blank=True)
    street = models.CharField(_("straat en nummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("gemeente"), max_length=100, blank=True)
    preferred_language = models.CharField(
        _("voorkeurstaal"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    social_tariff = models.BooleanField(
        _("recht op sociaal tarief"),
        default=False,
        help_text=_("Vastgesteld door het sociaal huis of via UiTPAS met kansentarief."),
    )
    is_staff = models.BooleanField(_("personeel"), default=False)
    is_active = models.BooleanField(_("actief"), default=True)
    date_joined = models.DateTimeField(_("ingeschreven op"), default=timezone.now)
    staff_municipalities = models.ManyToManyField(
        Municipality,
        verbose_name=_("personeel van gemeenten"),
        blank=True,
        related_name="staff",
        help_text=_("Personeel ziet in de beheeromgeving enkel de gegevens van deze gemeenten."),
    )

    objects: ClassVar[UserManager] = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["last_name", "first_name", "email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email

    def is_resident_of(self, municipality) -> bool:
        """Resident of ``municipality``: the postal code is one of its resident postal codes."""
        if municipality is None:
            return False
        return municipality.has_resident_postal_code(self.postal_code)


class HouseholdMember(models.Model):
    """A child (or other dependant) a user signs up for activities and manages online."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="household_members",
        verbose_name=_("gebruiker"),
    )
    first_name = models.CharField(_("voornaam"), max_length=150)
    last_name = models.CharField(_("familienaam"), max_length=150)
    birth_date = models.DateField(_("geboortedatum"))
    notes = models.TextField(
        _("opmerkingen"),
        blank=True,
        help_text=_("Bijvoorbeeld medische informatie of wie het kind mag ophalen."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("gezinslid")
        verbose_name_plural = _("gezinsleden")
        ordering = ["birth_date", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def age_on(self, day) -> int:
        """Age in whole years on `day` (age rules of activities use this)."""
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years


class ErasureRequest(models.Model):
    """A person asks to be forgotten (GDPR art. 17); staff carry it out after checking open files.

    Staff check first because bookings, orders and invoices may have to be kept for the legal
    retention period; erasure anonymises the account instead of deleting those records.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="erasure_requests",
        verbose_name=_("gebruiker"),
    )
    email = models.EmailField(_("e-mailadres bij de aanvraag"))
    reason = models.TextField(_("toelichting"), blank=True)
    requested_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    handled_at = models.DateTimeField(_("uitgevoerd op"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uitgevoerd door"),
    )

    class Meta:
        verbose_name = _("verzoek tot verwijdering")
        verbose_name_plural = _("verzoeken tot verwijdering")
        ordering = ["handled_at", "-requested_at"]

    def __str__(self) -> str:
        return self.email

    @property
    def is_open(self) -> bool:
        return self.handled_at is None
