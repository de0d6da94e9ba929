"""Every change to associations, memberships and invitations (one transaction each).

Only an association's admins manage its members, and an association always keeps at least one
admin: changes that would remove the last one lock the admin rows first, so two admins demoting
each other at the same moment cannot both succeed.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from stdnum import iban as stdnum_iban
from stdnum.be import vat as stdnum_be_vat
from wagtail.log_actions import log

from associations.errors import AssociationError
from associations.models import Association, AssociationCategory, Invitation, Membership, Role
from associations.tasks import send_invitation

INVITATION_VALID_DAYS = getattr(settings, "ASSOCIATION_INVITATION_VALID_DAYS", 14)
RESERVED_SLUGS = {"mijn", "registreren", "uitnodiging", "nieuw"}
ROLE_RANK = {Role.MEMBER: 0, Role.BOOKER: 1, Role.ADMIN: 2}


def clean_enterprise_number(value: str) -> str:
    """The KBO number in compact form (10 digits), or AssociationError with a Dutch message."""
    value = (value or "").strip()
    if not value:
        return ""
    if not stdnum_be_vat.is_valid(value):
        raise AssociationError(
            _("Dit is geen geldig ondernemingsnummer (KBO). Het heeft 10 cijfers, bv. 0123.456.749."),
            field="enterprise_number",
        )
    return stdnum_be_vat.compact(value)


def clean_iban(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    if not stdnum_iban.is_valid(value):
        raise AssociationError(
            _("Dit is geen geldig IBAN-rekeningnummer, bv. BE71 0961 2345 6769."), field="iban"
        )
    return stdnum_iban.compact(value)


def _unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:180] or "vereniging"
    if base in RESERVED_SLUGS:
        base = f"{base}-vereniging"
    slug, counter = base, 2
    existing = Association.objects.exclude(pk=exclude_pk) if exclude_pk else Association.objects.all()
    while existing.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug


def _require_admin(user, association: Association) -> None:
    is_admin = Membership.objects.filter(user=user, association=association, role=Role.ADMIN).exists()
    if not is_admin:
        raise AssociationError(_("Alleen beheerders van de vereniging mogen dit doen."))


def _check_unique_enterprise_number(number: str, *, exclude_pk: int | None = None) -> None:
    if not number:
        return
    others = Association.objects.filter(enterprise_number=number)
    if exclude_pk:
        others = others.exclude(pk=exclude_pk)
    if others.exists():
        raise AssociationError(
            _("Er is al een vereniging met dit ondernemingsnummer."), field="enterprise_number"
        )


@transaction.atomic
def create_association(
    *,
    created_by,
    municipality,
    name: str,
    email: str,
    category: str = AssociationCategory.OTHER,
    enterprise_number: str = "",
    iban: str = "",
    street: str = "",
    postal_code: str = "",
    city: str = "",
    phone: str = "",
    website: str = "",
    description: str = "",
    public: bool = True,
) -> Association:
    """Register an association; its creator becomes its first admin. Staff recognise it later."""
    if not name.strip():
        raise AssociationError(_("Geef de naam van de vereniging."), field="name")
    if category not in AssociationCategory.values:
        raise AssociationError(_("Kies een soort vereniging uit de lijst."), field="category")
    number = clean_enterprise_number(enterprise_number)
    _check_unique_enterprise_number(number)
    try:
        with transaction.atomic():
            association = Association.objects.create(
                municipality=municipality,
                name=name.strip(),
                slug=_unique_slug(name),
                enterprise_number=number,
                iban=clean_iban(iban),
                category=category,
                recognised=False,
                street=street.strip(),
                postal_code=postal_code.strip(),
                city=city.strip(),
                email=email.strip(),
                phone=phone.strip(),
                website=website.strip(),
                description=description.strip(),
                public=public,
            )
    except IntegrityError as error:  # two registrations of the same name or KBO number at once
        raise AssociationError(_("Deze vereniging werd net geregistreerd. Probeer het opnieuw.")) from error
    Membership.objects.create(association=association, user=created_by, role=Role.ADMIN)
    return association


@transaction.atomic
def update_association(
    *,
    association: Association,
    updated_by,
    name: str,
    email: str,
    category: str,
    enterprise_number: str = "",
    iban: str = "",
    street: str = "",
    postal_code: str = "",
    city: str = "",
    phone: str = "",
    website: str = "",
    description: str = "",
    public: bool = True,
) -> Association:
    """An association's admins keep its details up to date; recognition stays a staff decision."""
    _require_admin(updated_by, association)
    if category not in AssociationCategory.values:
        raise AssociationError(_("Kies een soort vereniging uit de lijst."), field="category")
    number = clean_enterprise_number(enterprise_number)
    _check_unique_enterprise_number(number, exclude_pk=association.pk)
    association.name = name.strip()
    association.enterprise_number = number
    association.iban = clean_iban(iban)
    association.category = category
    association.street = street.strip()
    association.postal_code = postal_code.strip()
    association.city = city.strip()
    association.email = email.strip()
    association.phone = phone.strip()
    association.website = website.strip()
    association.description = description.strip()
    association.public = public
    association.save()
    return association


@transaction.atomic
def invite_member(*, association: Association, invited_by, email: str, role: str = Role.MEMBER) -> Invitation:
    """An admin invites someone by e-mail; the mail leaves only once the invitation is saved."""
    _require_admin(invited_by, association)
    if role not in Role.values:
        raise AssociationError(_("Kies een rol uit de lijst."), field="role")
    email = email.strip().lower()
    if not email:
        raise AssociationError(_("Geef een e-mailadres."), field="email")
    if Membership.objects.filter(association=association, user__email__iexact=email).exists():
        raise AssociationError(_("Deze persoon is al lid van de vereniging."), field="email")
    invitation = Invitation.objects.create(
        association=association,
        email=email,
        role=role,
        invited_by=invited_by,
        expires_at=timezone.now() + datetime.timedelta(days=INVITATION_VALID_DAYS),
    )
    transaction.on_commit(lambda: send_invitation.delay(invitation.pk))
    return invitation


@transaction.atomic
def accept_invitation(*, token: str, user) -> Membership:
    """The invited person (logged in with the invited e-mail address) joins the association once."""
    invitation = Invitation.objects.select_for_update().filter(token=token).first()
    if invitation is None:
        raise AssociationError(_("Deze uitnodiging bestaat niet."))
    if invitation.accepted_at is not None:
        raise AssociationError(_("Deze uitnodiging is al gebruikt."))
    if invitation.is_expired:
        raise AssociationError(_("Deze uitnodiging is verlopen. Vraag de vereniging om een nieuwe."))
    if invitation.email.lower() != user.email.lower():
        raise AssociationError(
            _("Deze uitnodiging is voor een ander e-mailadres. Meld u aan met %(email)s.")
            % {"email": invitation.email}
        )
    membership, created = Membership.objects.get_or_create(
        association=invitation.association, user=user, defaults={"role": invitation.role}
    )
    if not created and ROLE_RANK[invitation.role] > ROLE_RANK[membership.role]:
        membership.role = invitation.role
        membership.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def _lock_admins(association: Association) -> list[int]:
    """Lock the admin rows in a stable order and return their ids."""
    return list(
        Membership.objects.select_for_update()
        .filter(association=association, role=Role.ADMIN)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _get_membership(association: Association, membership_id: int) -> Membership:
    membership = Membership.objects.filter(pk=membership_id, association=association).first()
    if membership is None:
        raise AssociationError(_("Deze persoon is geen lid van de vereniging."))
    return membership


@transaction.atomic
def change_role(*, association: Association, changed_by, membership_id: int, role: str) -> Membership:
    if role not in Role.values:
        raise AssociationError(_("Kies een rol uit de lijst."), field="role")
    admin_ids = _lock_admins(association)
    _require_admin(changed_by, association)
    membership = _get_membership(association, membership_id)
    if membership.role == Role.ADMIN and role != Role.ADMIN and admin_ids == [membership.pk]:
        raise AssociationError(
            _("Een vereniging heeft altijd minstens één beheerder. Maak eerst iemand anders beheerder."),
            field="role",
        )
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def remove_member(*, association: Association, removed_by, membership_id: int) -> None:
    """An admin removes a member (or themselves), never the last admin."""
    admin_ids = _lock_admins(association)
    _require_admin(removed_by, association)
    membership = _get_membership(association, membership_id)
    if membership.role == Role.ADMIN and admin_ids == [membership.pk]:
        raise AssociationError(
            _("Een vereniging heeft altijd minstens één beheerder. Maak eerst iemand anders beheerder.")
        )
    membership.delete()


@transaction.atomic
def set_recognised(*, association: Association, recognised: bool, by) -> Association:
    """Staff recognise (or stop recognising) an association; written to Wagtail's audit log."""
    if not (by.is_staff or by.is_superuser):
        raise AssociationError(_("Alleen medewerkers van de gemeente kunnen een vereniging erkennen."))
    locked = Association.objects.select_for_update().get(pk=association.pk)
    if locked.recognised == recognised:
        return locked
    locked.recognised = recognised
    locked.save(update_fields=["recognised", "updated_at"])
    log(
        instance=locked,
        action="associations.recognise" if recognised else "associations.unrecognise",
        user=by,
    )
    association.recognised = recognised
    return locked


def forget_person(user) -> None:
    """Erasure handler (accounts.personal_data): drop memberships and open invitations.

    Runs inside accounts.services.erase_user's transaction. An association whose last admin is
    erased keeps its other members; staff appoint a new admin in the Wagtail admin.
    """
    Membership.objects.filter(user=user).delete()
    Invitation.objects.filter(email__iexact=user.email, accepted_at__isnull=True).delete()
