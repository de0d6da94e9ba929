"""Reads about users that views and other apps reuse."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.categories import CustomerCategory, category_for_user
from accounts.models import HouseholdMember, User


def customer_category_of(user: User, *, municipality) -> CustomerCategory:
    """The tariff category of a private person in ``municipality`` (associations: see associations)."""
    return CustomerCategory(category_for_user(user, municipality=municipality))


def household_members_of(user: User) -> QuerySet[HouseholdMember]:
    return HouseholdMember.objects.filter(user=user).order_by("birth_date", "first_name")


def get_own_household_member(*, user: User, pk: int) -> HouseholdMember:
    """Someone else's household member is a 404, never a 403: its existence is private."""
    return get_object_or_404(HouseholdMember, pk=pk, user=user)
