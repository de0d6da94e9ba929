"""Wagtail's users app, installed with our user viewset (see accounts.backoffice.StaffUserViewSet).

A module of its own: accounts/apps.py must keep exactly one AppConfig, the default of "accounts".
"""

from wagtail.users.apps import WagtailUsersAppConfig


class StaffUsersConfig(WagtailUsersAppConfig):
    """wagtail.users with the municipalities a staff member serves on the account tab."""

    user_viewset = "accounts.backoffice.StaffUserViewSet"
