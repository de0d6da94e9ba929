"""Dashboard items the cms app contributes (it may read from every app)."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from themes.dashboard import DashboardItem, register_dashboard_provider


def associations_awaiting_recognition(request) -> list[DashboardItem]:
    """Associations registered but not (yet) recognised by the municipality."""
    from associations.models import Association

    if not request.user.has_perm("associations.change_association"):
        return []
    count = Association.objects.filter(recognised=False).count()
    if not count:
        return []
    try:
        url = reverse("association_registry:index") + "?recognised=false"
    except NoReverseMatch:
        url = ""
    text = ngettext(
        "%(count)d vereniging wacht op erkenning", "%(count)d verenigingen wachten op erkenning", count
    ) % {"count": count}
    return [DashboardItem(count=count, text=text, url=url)]


def register_providers() -> None:
    register_dashboard_provider(
        key="cms.associations_awaiting_recognition",
        title=_("Verenigingen"),
        provider=associations_awaiting_recognition,
        order=10,
    )
