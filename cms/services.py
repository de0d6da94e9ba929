"""State changes of the cms app."""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from accounts.desks import desk_permissions
from cms.staff import STAFF_GROUPS


@transaction.atomic
def ensure_staff_groups() -> list[Group]:
    """Create the staff groups (if missing) and give each access to the Wagtail admin.

    Idempotent: safe to run after every migrate and from load_demo. Never removes permissions
    that feature apps or an administrator added to a group.
    """
    admin_type, _created = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _created = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    groups = []
    for name in STAFF_GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin, *_desk_permissions(desk_permissions(name)))
        groups.append(group)
    return groups


def _desk_permissions(model_actions: dict[str, tuple[str, ...]]) -> list[Permission]:
    """The Permission rows for {"app.model": actions}; models not installed (yet) are skipped."""
    wanted = {
        (label.split(".")[0], f"{action}_{label.split('.')[1]}")
        for label, actions in model_actions.items()
        for action in actions
    }
    if not wanted:
        return []
    found = Permission.objects.filter(
        content_type__app_label__in={app for app, _codename in wanted},
        codename__in={codename for _app, codename in wanted},
    ).select_related("content_type")
    return [p for p in found if (p.content_type.app_label, p.codename) in wanted]


@transaction.atomic
def ensure_page_tree_root() -> Page:
    """The root of Wagtail's page tree, recreated (with the default locale) if it is missing.

    Wagtail's migrations create it, but a flushed database (transactional tests) has none,
    and the demo and test sites hang their home pages under it.
    """
    root = Page.get_first_root_node()
    if root is None:
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root
