"""Building blocks for staff screens in the Wagtail admin, shared by every app's wagtail_hooks.

They live in accounts (an engine: users and their permissions) so that both engines and feature apps
may use them.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet

from accounts.models import Municipality


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Records that change only through services: the generic add/edit/delete views stay closed."""

    def user_has_permission(self, user, action):
        return action not in ("add", "change", "delete") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class PermissionMenuItem(MenuItem):
    """A menu item shown only to staff holding `permission` (e.g. "payments.view_order")."""

    def __init__(self, *args, permission: str, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class StaffUserEditForm(UserEditForm):
    """Wagtail's user form plus the municipalities a staff member serves (accounts.scoping)."""

    staff_municipalities = forms.ModelMultipleChoiceField(
        queryset=Municipality.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Gemeenten (personeel)"),
        help_text=_("In de beheeromgeving ziet deze medewerker enkel de gegevens van deze gemeenten."),
    )

    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | {"staff_municipalities"}


class StaffUserCreationForm(UserCreationForm):
    staff_municipalities = StaffUserEditForm.base_fields["staff_municipalities"]

    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | {"staff_municipalities"}


class StaffUserViewSet(UserViewSet):
    """The Wagtail users admin, with the staff member's municipalities on the account tab."""

    def get_form_class(self, for_update: bool = False) -> type:
        return StaffUserEditForm if for_update else StaffUserCreationForm
