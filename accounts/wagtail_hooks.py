"""Staff back-office for accounts: erasure requests, audit-logged when carried out."""

from django.contrib.auth import get_user_model
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from accounts.admin_views import ERASE_PERMISSION, ErasureRequestConfirmView, ErasureRequestIndexView
from accounts.municipality_models import Municipality, MunicipalitySite


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


class SuperuserOnlyPolicy(ModelPermissionPolicy):
    """Municipalities and their sites are the install's configuration: superusers only."""

    def user_has_permission(self, user, action):
        return bool(user.is_active and user.is_superuser)

    def user_has_any_permission(self, user, actions):
        return self.user_has_permission(user, None)

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(is_active=True, is_superuser=True)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


class MunicipalityViewSet(ModelViewSet):
    """Name, address, VAT number, IBAN/BIC, logo and resident postal codes of each municipality.

    Create, edit and delete are written to Wagtail's audit log by the generic views."""

    model = Municipality
    menu_label = _("Gemeenten")
    icon = "home"
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = [
        "name",
        "slug",
        "address_line_1",
        "address_line_2",
        "postal_code",
        "city",
        "vat_number",
        "iban",
        "bic",
        "logo",
        "resident_postal_codes",
        "email",
        "phone",
    ]
    list_display = ["name", "slug", "city", "vat_number", "formatted_iban"]
    search_fields = ["name", "slug", "city"]

    @property
    def permission_policy(self):
        return SuperuserOnlyPolicy(self.model)


class MunicipalitySiteViewSet(ModelViewSet):
    """Which Wagtail site serves which municipality."""

    model = MunicipalitySite
    menu_label = _("Websites van gemeenten")
    icon = "site"
    add_to_admin_menu = False
    copy_view_enabled = False
    form_fields = ["site", "municipality"]
    list_display = ["site", "municipality"]
    list_filter = ["municipality"]

    @property
    def permission_policy(self):
        return SuperuserOnlyPolicy(self.model)


municipality_viewset = MunicipalityViewSet("accounts_municipality")
municipality_site_viewset = MunicipalitySiteViewSet("accounts_municipalitysite")


@hooks.register("register_admin_viewset")
def register_municipality_viewsets():
    return [municipality_viewset, municipality_site_viewset]


@hooks.register("register_settings_menu_item")
def register_municipality_menu_item():
    return SuperuserMenuItem(
        _("Gemeenten"), reverse("accounts_municipality:index"), icon_name="home", order=800
    )


@hooks.register("register_settings_menu_item")
def register_municipality_site_menu_item():
    return SuperuserMenuItem(
        _("Websites van gemeenten"),
        reverse("accounts_municipalitysite:index"),
        icon_name="site",
        order=810,
    )
