"""Customer categories decide tariffs everywhere (DESIGN.md, "Tariffs")."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class CustomerCategory(models.TextChoices):
    RESIDENT = "resident", _("Inwoner")
    NON_RESIDENT = "non_resident", _("Niet-inwoner")
    RECOGNISED_ASSOCIATION = "recognised_association", _("Erkende lokale vereniging")
    OTHER_ASSOCIATION = "other_association", _("Andere vereniging")
    COMPANY = "company", _("Bedrijf")
    SCHOOL = "school", _("School")
    SOCIAL = "social", _("Sociaal tarief")


def category_for_user(user, *, municipality) -> str:
    """A private person's category in ``municipality``: social tariff first, then resident by postal code."""
    if getattr(user, "social_tariff", False):
        return CustomerCategory.SOCIAL
    if user is not None and hasattr(user, "is_resident_of") and user.is_resident_of(municipality):
        return CustomerCategory.RESIDENT
    return CustomerCategory.NON_RESIDENT
