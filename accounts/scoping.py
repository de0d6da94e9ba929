"""The one place that decides which municipalities' data a staff member sees in the back-office.

Superusers see every municipality; other staff see the municipalities they are assigned to
(User.staff_municipalities). Every admin listing, detail view and export filters through here.
"""

from django.db.models import QuerySet
from django.http import Http404

from accounts.municipality_models import Municipality


def municipalities_for_staff(user) -> QuerySet[Municipality]:
    if user is None or not user.is_authenticated or not user.is_active:
        return Municipality.objects.none()
    if user.is_superuser:
        return Municipality.objects.all()
    if not user.is_staff:
        return Municipality.objects.none()
    return user.staff_municipalities.all()


def scope_to_staff(queryset: QuerySet, user, field: str = "municipality") -> QuerySet:
    """Only rows whose ``field`` (a FK to Municipality, may span relations) the user may see."""
    if user is not None and user.is_authenticated and user.is_active and user.is_superuser:
        return queryset
    return queryset.filter(**{f"{field}__in": municipalities_for_staff(user)})


def check_staff_access(user, municipality) -> None:
    """404 when a staff member opens another municipality's object by URL."""
    if municipality is None or not municipalities_for_staff(user).filter(pk=municipality.pk).exists():
        raise Http404
