"""Building blocks for staff screens in the Wagtail admin, shared by every app's wagtail_hooks.

They live in accounts (an engine: users and their permissions) so that both engines and feature apps
may use them.
"""

from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy


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
