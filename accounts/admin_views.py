"""Staff back-office views for erasure requests (registered in wagtail_hooks)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts import services
from accounts.errors import AccountsError
from accounts.models import ErasureRequest

ERASE_PERMISSION = "accounts.change_erasurerequest"


class StaffErasureMixin(View):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(ERASE_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ErasureRequestIndexView(StaffErasureMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "accounts/admin/erasure_index.html"
    page_title = gettext_lazy("Verzoeken tot verwijdering")
    header_icon = "warning"
    breadcrumbs_items: list[dict[str, str]] = []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["open_requests"] = ErasureRequest.objects.filter(handled_at__isnull=True).select_related(
            "user"
        )
        context["handled_requests"] = ErasureRequest.objects.filter(handled_at__isnull=False).select_related(
            "handled_by"
        )[:50]
        return context


class ErasureRequestConfirmView(StaffErasureMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "accounts/admin/erasure_confirm.html"
    page_title = gettext_lazy("Account wissen")
    header_icon = "warning"
    breadcrumbs_items: list[dict[str, str]] = []
    index_url = reverse_lazy("accounts_erasure_index")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["erasure"] = get_object_or_404(ErasureRequest, pk=self.kwargs["pk"], handled_at__isnull=True)
        return context

    def post(self, request, pk: int):
        erasure = get_object_or_404(ErasureRequest, pk=pk)
        try:
            services.erase_user(erasure=erasure, by=request.user)
        except AccountsError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Het account is gewist."))
        return redirect(self.index_url)
