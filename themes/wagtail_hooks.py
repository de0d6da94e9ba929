"""Staff dashboard panel on the Wagtail admin home page, filled through themes.dashboard."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from themes.dashboard import dashboard_sections_for


class StaffDashboardPanel(Component):
    name = "dorpsplein_staff_dashboard"
    order = 50
    template_name = "themes/admin/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        context["title"] = _("Wat wacht op jou")
        context["sections"] = dashboard_sections_for(self.request)
        return context


@hooks.register("construct_homepage_panels")
def add_staff_dashboard_panel(request, panels):
    panels.insert(0, StaffDashboardPanel(request))
