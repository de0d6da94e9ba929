"""Reads about associations that views and other apps (room hire, loans, tickets) reuse."""

from django.db.models import QuerySet
from django.utils import timezone

from associations.models import Association, AssociationCategory, Invitation, Membership, Role

BOOKING_ROLES = (Role.ADMIN, Role.BOOKER)


def public_associations(*, municipality, category: str = "", query: str = "") -> QuerySet[Association]:
    """The public directory of ``municipality``: only its associations that chose to be listed."""
    associations = Association.objects.filter(public=True, municipality=municipality)
    if category in AssociationCategory.values:
        associations = associations.filter(category=category)
    if query.strip():
        associations = associations.filter(name__icontains=query.strip())
    return associations.order_by("name")


def associations_of(user) -> QuerySet[Association]:
    """Associations the user belongs to, whatever the role."""
    if not getattr(user, "is_authenticated", False):
        return Association.objects.none()
    return Association.objects.filter(memberships__user=user).order_by("name").distinct()


def memberships_of(user) -> QuerySet[Membership]:
    if not getattr(user, "is_authenticated", False):
        return Membership.objects.none()
    return Membership.objects.filter(user=user).select_related("association").order_by("association__name")


def membership_of(user, association: Association) -> Membership | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.filter(user=user, association=association).first()


def is_member(user, association: Association) -> bool:
    return membership_of(user, association) is not None


def is_association_admin(user, association: Association) -> bool:
    membership = membership_of(user, association)
    return membership is not None and membership.role == Role.ADMIN


def user_can_book_for(user, association: Association) -> bool:
    """Room hire, loans and tickets ask this before booking in an association's name."""
    membership = membership_of(user, association)
    return membership is not None and membership.role in BOOKING_ROLES


def bookable_associations_for(user) -> QuerySet[Association]:
    """Associations the user may book for (admin or booker), for a "book as" drop-down."""
    if not getattr(user, "is_authenticated", False):
        return Association.objects.none()
    return (
        Association.objects.filter(memberships__user=user, memberships__role__in=BOOKING_ROLES)
        .order_by("name")
        .distinct()
    )


def members_of(*, association: Association, viewer) -> QuerySet[Membership] | None:
    """The member list, or None when the viewer is not a member (the list is not public)."""
    if not is_member(viewer, association):
        return None
    return (
        Membership.objects.filter(association=association)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__email")
    )


def open_invitations_of(association: Association) -> QuerySet[Invitation]:
    return association.invitations.filter(accepted_at__isnull=True, expires_at__gt=timezone.now()).order_by(
        "email"
    )
