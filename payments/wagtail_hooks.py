"""Staff back-office in the Wagtail admin: listings with filters and CSV/XLSX export, plus custom pages."""

from django.http import Http404, HttpRequest
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from accounts.backoffice import PermissionMenuItem, ReadOnlyPolicy
from accounts.scoping import check_staff_access, scope_to_staff
from payments import admin_views, counter_views
from payments.models import Invoice, Order, Payment, Refund, StatementImport, Tariff, WebhookEvent


def _municipality_of(instance, field: str):
    for name in field.split("__"):
        instance = getattr(instance, name, None)
    return instance


class StaffScopedObjectMixin:
    """A staff member opening another municipality's record by URL gets a 404."""

    municipality_field: str | None = "municipality"
    request: HttpRequest

    def get_object(self, queryset=None):
        # A mixin for Wagtail's generic views, which define get_object().
        parent = super()
        instance = parent.get_object(queryset) if queryset is not None else parent.get_object()  # type: ignore[attr-defined]
        user = self.request.user
        if not user.is_superuser:
            if self.municipality_field is None:
                raise Http404
            check_staff_access(user, _municipality_of(instance, self.municipality_field))
        return instance


class StaffScopedIndexView(IndexView):
    """Listings and their CSV/XLSX exports show only the staff member's municipalities."""

    municipality_field: str | None = "municipality"

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if self.request.user.is_superuser:
            return queryset
        if self.municipality_field is None:
            return queryset.none()
        return scope_to_staff(queryset, self.request.user, field=self.municipality_field)


class StaffScopedInspectView(StaffScopedObjectMixin, InspectView):
    pass


class StaffScopedHistoryView(StaffScopedObjectMixin, HistoryView):
    pass


class StaffScopedUsageView(StaffScopedObjectMixin, UsageView):
    pass


class ReadOnlyViewSet(ModelViewSet):
    """Read-only listing, export and inspect, scoped to the staff member's municipalities through
    ``municipality_field`` (``None``: superusers only)."""

    municipality_field: str | None = "municipality"
    index_view_class = StaffScopedIndexView
    inspect_view_class = StaffScopedInspectView
    history_view_class = StaffScopedHistoryView
    usage_view_class = StaffScopedUsageView
    add_to_admin_menu = False
    inspect_view_enabled = True
    copy_view_enabled = False
    exclude_form_fields: list[str] = []  # forms are never shown: the policy closes add and edit
    icon = "list-ul"

    @property
    def permission_policy(self):
        return ReadOnlyPolicy(self.model)

    def _scoped(self, kwargs):
        return {**kwargs, "municipality_field": self.municipality_field}

    def get_index_view_kwargs(self, **kwargs):
        return self._scoped(super().get_index_view_kwargs(**kwargs))

    def get_inspect_view_kwargs(self, **kwargs):
        return self._scoped(super().get_inspect_view_kwargs(**kwargs))

    def get_history_view_kwargs(self, **kwargs):
        return self._scoped(super().get_history_view_kwargs(**kwargs))

    def get_usage_view_kwargs(self, **kwargs):
        return self._scoped(super().get_usage_view_kwargs(**kwargs))


class OrderIndexView(StaffScopedIndexView):
    def get_edit_url(self, instance):
        return reverse("payments_admin:order", args=[instance.pk])


class OrderViewSet(ReadOnlyViewSet):
    model = Order
    index_view_class = OrderIndexView
    menu_label = _("Bestellingen")
    list_display = [
        "number",
        "municipality",
        "customer_name",
        "channel",
        "status",
        "total",
        "provider",
        "needs_attention",
        "created_at",
    ]
    list_filter = ["status", "channel", "provider", "needs_attention", "created_at"]
    list_export = [
        "number",
        "municipality",
        "customer_name",
        "customer_email",
        "channel",
        "status",
        "provider",
        "total",
        "total_vat",
        "total_excl_vat",
        "structured_reference",
        "created_at",
        "paid_at",
        "needs_attention",
        "attention_reason",
    ]
    search_fields = [
        "number",
        "billing_name",
        "billing_email",
        "walk_in_name",
        "walk_in_email",
        "structured_reference",
    ]
    export_filename = "bestellingen"


class PaymentViewSet(ReadOnlyViewSet):
    model = Payment
    municipality_field = "order__municipality"
    menu_label = _("Betalingen")
    list_display = ["order", "provider", "method", "amount", "received_at", "recorded_by", "is_late"]
    list_filter = ["provider", "method", "is_late", "received_at"]
    list_export = [
        "order",
        "provider",
        "method",
        "amount",
        "provider_reference",
        "received_at",
        "recorded_by",
        "is_late",
        "note",
    ]
    search_fields = ["order__number", "provider_reference"]
    export_filename = "betalingen"


class RefundViewSet(ReadOnlyViewSet):
    model = Refund
    municipality_field = "order__municipality"
    menu_label = _("Terugbetalingen")
    list_display = ["order", "provider", "amount", "status", "iban", "is_automatic", "created_at"]
    list_filter = ["status", "provider", "is_automatic", "created_at"]
    list_export = [
        "order",
        "provider",
        "amount",
        "status",
        "iban",
        "reason",
        "provider_reference",
        "is_automatic",
        "created_at",
        "completed_at",
    ]
    search_fields = ["order__number", "iban"]
    export_filename = "terugbetalingen"


class StatementImportViewSet(ReadOnlyViewSet):
    model = StatementImport
    menu_label = _("Rekeninguittreksels")
    list_display = [
        "file_name",
        "municipality",
        "format",
        "imported_at",
        "imported_by",
        "lines_new",
        "lines_matched",
        "lines_flagged",
    ]
    list_filter = ["format", "imported_at"]
    list_export = [
        "file_name",
        "municipality",
        "account_iban",
        "format",
        "imported_at",
        "imported_by",
        "lines_total",
        "lines_new",
        "lines_matched",
        "lines_flagged",
    ]
    export_filename = "rekeninguittreksels"


class InvoiceViewSet(ReadOnlyViewSet):
    model = Invoice
    menu_label = _("Facturen")
    list_display = ["number", "municipality", "kind", "customer_name", "total", "issued_at", "order"]
    list_filter = ["kind", "year", "issued_at"]
    list_export = [
        "number",
        "municipality",
        "kind",
        "year",
        "sequence",
        "customer_name",
        "customer_vat_number",
        "total",
        "total_vat",
        "total_excl_vat",
        "issued_at",
        "order",
    ]
    search_fields = ["number", "customer_name", "order__number"]
    export_filename = "facturen"


class WebhookEventViewSet(ReadOnlyViewSet):
    """Raw provider events belong to no municipality: superusers only."""

    model = WebhookEvent
    municipality_field = None
    menu_label = _("Webhook-berichten")
    list_display = ["event_id", "event_type", "received_at", "delivery_count", "processed_at", "error"]
    list_filter = ["event_type", "received_at"]
    search_fields = ["event_id"]


class NoAddPolicy(ModelPermissionPolicy):
    """Tariffs are created by the feature app that owns what they price; staff edit the amounts."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class TariffViewSet(ModelViewSet):
    model = Tariff
    menu_label = _("Tarieven")
    add_to_admin_menu = False
    copy_view_enabled = False
    icon = "tag"
    form_fields = ["category", "unit", "price", "vat_rate", "deposit", "description"]
    list_display = ["__str__", "target", "category", "unit", "price", "vat_rate", "deposit"]
    list_filter = ["category", "unit", "target_content_type"]
    list_export = ["target", "category", "unit", "price", "vat_rate", "deposit", "description"]
    export_filename = "tarieven"

    @property
    def permission_policy(self):
        return NoAddPolicy(self.model)


VIEWSETS: list[ModelViewSet] = [
    OrderViewSet("payments_order"),
    PaymentViewSet("payments_payment"),
    RefundViewSet("payments_refund"),
    StatementImportViewSet("payments_statementimport"),
    InvoiceViewSet("payments_invoice"),
    TariffViewSet("payments_tariff"),
    WebhookEventViewSet("payments_webhookevent"),
]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return VIEWSETS


admin_urls = (
    [
        path("order/<int:pk>/", admin_views.order_manage, name="order"),
        path("uittreksel/", admin_views.statement_upload, name="statement_upload"),
        path("kasrapport/", admin_views.cash_report, name="cash_report"),
        path("factuur/<int:pk>.pdf", admin_views.invoice_pdf, name="invoice_pdf"),
        path("baliemandje/", counter_views.counter_basket, name="counter_basket"),
        path(
            "baliemandje/<int:pk>/lijn/<int:line_id>/verwijderen/",
            counter_views.counter_basket_remove,
            name="counter_basket_remove",
        ),
        path(
            "baliemandje/<int:pk>/afrekenen/",
            counter_views.counter_basket_checkout,
            name="counter_basket_checkout",
        ),
    ],
    "payments_admin",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("betalingen/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def register_payments_menu():
    items = [
        PermissionMenuItem(
            vs.menu_label,
            reverse(f"{vs.name}:index"),
            name=vs.name,
            icon_name="list-ul",
            order=index * 10,
            permission=f"payments.view_{vs.model._meta.model_name}",
        )
        for index, vs in enumerate(VIEWSETS)
    ]
    items += [
        PermissionMenuItem(
            _("Uittreksel inlezen"),
            reverse("payments_admin:statement_upload"),
            icon_name="upload",
            order=100,
            permission="payments.add_statementimport",
        ),
        PermissionMenuItem(
            _("Kasrapport"),
            reverse("payments_admin:cash_report"),
            icon_name="table",
            order=110,
            permission="payments.view_payment",
        ),
        PermissionMenuItem(
            _("Baliemandje"),
            reverse("payments_admin:counter_basket"),
            icon_name="list-ul",
            order=120,
            permission="payments.change_order",
        ),
    ]
    return SubmenuMenuItem(_("Betalingen"), Menu(items=items), icon_name="doc-full", order=400)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("payments.counter_payment", _("Baliebetaling"), _("Baliebetaling geregistreerd"))
    actions.register_action("payments.refund", _("Terugbetaling"), _("Terugbetaling aangemaakt"))
    actions.register_action(
        "payments.refund.confirmed", _("Terugbetaling bevestigd"), _("Voorgestelde terugbetaling bevestigd")
    )
    actions.register_action("payments.invoice", _("Factuur"), _("Factuur uitgegeven"))
    actions.register_action("payments.cancel", _("Annulering"), _("Bestelling geannuleerd"))
    actions.register_action("payments.statement_import", _("Uittreksel"), _("Rekeninguittreksel ingelezen"))
