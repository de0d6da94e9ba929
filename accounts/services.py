"""Every change to a user's own data goes through these functions (one transaction each)."""

import datetime

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.errors import AccountsError
from accounts.models import ErasureRequest, HouseholdMember, User
from accounts.personal_data import run_erasure_handlers
from accounts.tasks import send_erasure_request_notice

MAX_AGE_YEARS = 120
PROFILE_FIELDS = ("first_name", "last_name", "phone", "street", "postal_code", "city", "preferred_language")


def _check_birth_date(birth_date: datetime.date) -> None:
    today = timezone.localdate()
    if birth_date > today:
        raise AccountsError(_("De geboortedatum kan niet in de toekomst liggen."), field="birth_date")
    try:
        oldest = today.replace(year=today.year - MAX_AGE_YEARS)
    except ValueError:  # 29 February
        oldest = today.replace(year=today.year - MAX_AGE_YEARS, day=28)
    if birth_date < oldest:
        raise AccountsError(
            _("De geboortedatum mag niet meer dan %(years)s jaar geleden zijn.") % {"years": MAX_AGE_YEARS},
            field="birth_date",
        )


@transaction.atomic
def update_profile(
    *,
    user: User,
    first_name: str,
    last_name: str,
    phone: str = "",
    street: str = "",
    postal_code: str = "",
    city: str = "",
    preferred_language: str,
) -> User:
    """Save the personal details; the postal code decides the resident tariff from now on."""
    if preferred_language not in dict(settings.LANGUAGES):
        raise AccountsError(_("Kies een taal uit de lijst."), field="preferred_language")
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.phone = phone.strip()
    user.street = street.strip()
    user.postal_code = postal_code.strip()
    user.city = city.strip()
    user.preferred_language = preferred_language
    user.save(update_fields=list(PROFILE_FIELDS))
    return user


@transaction.atomic
def add_household_member(
    *, user: User, first_name: str, last_name: str, birth_date: datetime.date, notes: str = ""
) -> HouseholdMember:
    """A parent adds a child so they can enrol it in activities later."""
    _check_birth_date(birth_date)
    return HouseholdMember.objects.create(
        user=user,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        birth_date=birth_date,
        notes=notes.strip(),
    )


@transaction.atomic
def update_household_member(
    *,
    user: User,
    member: HouseholdMember,
    first_name: str,
    last_name: str,
    birth_date: datetime.date,
    notes: str = "",
) -> HouseholdMember:
    if member.user_id != user.pk:
        raise AccountsError(_("Dit gezinslid hoort niet bij uw account."))
    _check_birth_date(birth_date)
    member.first_name = first_name.strip()
    member.last_name = last_name.strip()
    member.birth_date = birth_date
    member.notes = notes.strip()
    member.save()
    return member


@transaction.atomic
def delete_household_member(*, user: User, member: HouseholdMember) -> None:
    if member.user_id != user.pk:
        raise AccountsError(_("Dit gezinslid hoort niet bij uw account."))
    member.delete()


@transaction.atomic
def request_erasure(*, user: User, reason: str = "") -> ErasureRequest:
    """Record that a person wants to be forgotten; asking twice keeps the one open request."""
    open_request = ErasureRequest.objects.filter(user=user, handled_at__isnull=True).first()
    if open_request is not None:
        return open_request
    erasure = ErasureRequest.objects.create(user=user, email=user.email, reason=reason.strip())
    transaction.on_commit(lambda: send_erasure_request_notice.delay(erasure.pk))
    return erasure


@transaction.atomic
def erase_user(*, erasure: ErasureRequest, by: User) -> None:
    """Staff anonymise the account; records other apps must keep stay, pointing at nobody.

    Each app registered an erasure handler (accounts.personal_data) for what it holds itself.
    """
    if not (by.is_staff or by.is_superuser):
        raise AccountsError(_("Alleen medewerkers van de gemeente kunnen een account wissen."))
    erasure = ErasureRequest.objects.select_for_update().get(pk=erasure.pk)
    if not erasure.is_open:
        raise AccountsError(_("Dit verzoek is al uitgevoerd."))
    user = erasure.user
    if user is not None:
        if user.pk == by.pk:
            raise AccountsError(_("U kunt uw eigen account niet wissen."))
        run_erasure_handlers(user)
        HouseholdMember.objects.filter(user=user).delete()
        EmailAddress.objects.filter(user=user).delete()
        user.email = f"gewist-{user.pk}@gewist.invalid"
        user.first_name = ""
        user.last_name = ""
        user.phone = ""
        user.street = ""
        user.postal_code = ""
        user.city = ""
        user.social_tariff = False
        user.is_active = False
        user.set_unusable_password()
        user.save()
    erasure.email = f"gewist-{erasure.pk}@gewist.invalid"
    erasure.reason = ""
    erasure.handled_at = timezone.now()
    erasure.handled_by = by
    erasure.save()
    log(instance=erasure, action="accounts.erase", user=by)
