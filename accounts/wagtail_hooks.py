"""Staff back-office for accounts: erasure requests, audit-logged when carried out."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts.admin_views import ERASE_PERMISSION, ErasureRequestConfirmView, ErasureRequestIndexView


@hooks.register("register_admin_urls")
def register_erasure_urls():
    return [
        path("wissen/", ErasureRequestIndexView.as_view(), name="accounts_erasure_index"),
        path("wissen/<int:pk>/", ErasureRequestConfirmView.as_view(), name="accounts_erasure_confirm"),
    ]


class ErasureMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(ERASE_PERMISSION)


@hooks.register("register_settings_menu_item")
def register_erasure_menu_item():
    return ErasureMenuItem(
        _("Verzoeken tot verwijdering"), reverse("accounts_erasure_index"), icon_name="warning", order=900
    )


@hooks.register("register_log_actions")
def register_account_log_actions(actions):
    actions.register_action("accounts.erase", _("Account wissen"), _("Account gewist op verzoek"))
