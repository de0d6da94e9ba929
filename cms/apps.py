from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _create_staff_groups(sender, using="default", **kwargs) -> None:
    from cms.services import ensure_staff_groups

    if using != "default":
        return
    ensure_staff_groups()


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Website")

    def ready(self) -> None:
        from cms import dashboard

        # post_migrate is sent after the whole migration plan ran, so every table exists by then.
        post_migrate.connect(_create_staff_groups, sender=self, dispatch_uid="cms.create_staff_groups")
        dashboard.register_providers()
