"""Wagtail admin of material loans: catalogue management (depots, categories, items with photos, kits),
the loans listing that opens the manage page, day lists, stock calendars and counter mode."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from accounts.backoffice import PermissionMenuItem, ReadOnlyPolicy
from accounts.scoping import scope_to_staff
from calendars.admin_views import CapacityChangeEditMixin
from reservations.admin_scoping import StaffScopedAdminForm, StaffScopedViewSetMixin
from reservations.loans.models import Depot, ItemCategory, Kit, Loan, LoanItem, LoanState, UnitBlock
from reservations.loans.views import staff as loans_admin
from themes.dashboard import DashboardItem


class DepotViewSet(StaffScopedViewSetMixin, ModelViewSet):
    model = Depot
    edit_handler = ObjectList(Depot.panels, base_form_class=StaffScopedAdminForm)
    menu_label = _("Depots")
    icon = "home"
    add_to_admin_menu = False
    list_display = ["name", "address", "offers_delivery", "delivery_fee"]
    copy_view_enabled = False


class ItemCategoryViewSet(ModelViewSet):
    model = ItemCategory
    menu_label = _("Categorieën")
    icon = "folder-open-inverse"
    add_to_admin_menu = False
    form_fields = ["name", "slug", "description", "sort_order"]
    list_display = ["name", "sort_order"]
    copy_view_enabled = False


class LoanItemEditView(CapacityChangeEditMixin, EditView):
    """The stock is the capacity of the item's calendar resource: a lower stock is refused (on the
    field, naming the loans in the way) when more is lent at some moment from now on."""

    capacity_field = "stock"

    def capacity_change(self, instance):
        return (instance.resource, int(instance.stock)) if instance.resource_id else None


class LoanItemViewSet(StaffScopedViewSetMixin, ModelViewSet):
    model = LoanItem
    edit_view_class = LoanItemEditView
    municipality_field = "depot__municipality"
    edit_handler = ObjectList(LoanItem.panels, base_form_class=StaffScopedAdminForm)
    menu_label = _("Materiaal")
    icon = "list-ul"
    add_to_admin_menu = False
    list_display = ["name", "category", "stock", "price_unit", "deposit", "associations_only", "is_active"]
    list_filter = ["category", "depot", "is_active", "associations_only"]
    search_fields = ["name"]
    copy_view_enabled = False


class KitViewSet(StaffScopedViewSetMixin, ModelViewSet):
    model = Kit
    municipality_field = "components__item__depot__municipality"
    menu_label = _("Pakketten")
    icon = "folder-inverse"
    add_to_admin_menu = False
    list_display = ["name", "is_active"]
    copy_view_enabled = False


class LoanIndexView(IndexView):
    def get_edit_url(self, instance):
        return reverse("loans_admin:loan", args=[instance.pk])


class LoanViewSet(StaffScopedViewSetMixin, ModelViewSet):
    model = Loan
    municipality_field = "depot__municipality"
    menu_label = _("Ontleningen")
    icon = "list-ul"
    add_to_admin_menu = False
    index_view_class = LoanIndexView
    inspect_view_enabled = True
    exclude_form_fields: list[str] = []
    list_display = ["__str__", "borrower_name", "depot", "pickup_at", "return_at", "state"]
    list_filter = ["state", "depot", "pickup_at"]
    list_export = ["__str__", "borrower_name", "depot", "pickup_at", "return_at", "state", "deposit_amount"]
    export_filename = "ontleningen"
    search_fields = ["user__email", "user__last_name", "association__name"]

    @property
    def permission_policy(self):
        return ReadOnlyPolicy(self.model)


class UnitBlockViewSet(StaffScopedViewSetMixin, ModelViewSet):
    model = UnitBlock
    municipality_field = "item__depot__municipality"
    menu_label = _("Herstellingen")
    icon = "warning"
    add_to_admin_menu = False
    list_display = ["item", "quantity", "start", "end", "reason", "released_at"]
    list_filter = ["item", "released_at"]
    inspect_view_enabled = True
    exclude_form_fields: list[str] = []

    @property
    def permission_policy(self):
        return ReadOnlyPolicy(self.model)


VIEWSETS = [
    LoanViewSet("loans_loan"),
    LoanItemViewSet("loans_item"),
    KitViewSet("loans_kit"),
    ItemCategoryViewSet("loans_category"),
    DepotViewSet("loans_depot"),
    UnitBlockViewSet("loans_block"),
]


@hooks.register("register_admin_viewset")
def register_loan_viewsets():
    return VIEWSETS


admin_urls = (
    [
        path("ontlening/<int:pk>/", loans_admin.loan_manage, name="loan"),
        path("ontlening/<int:pk>/goedkeuren/", loans_admin.loan_approve, name="loan_approve"),
        path("ontlening/<int:pk>/weigeren/", loans_admin.loan_reject, name="loan_reject"),
        path(
            "ontlening/<int:pk>/balie-betaling/",
            loans_admin.loan_counter_payment,
            name="loan_counter_payment",
        ),
        path("ontlening/<int:pk>/klaargezet/", loans_admin.loan_ready, name="loan_ready"),
        path("ontlening/<int:pk>/meegeven/", loans_admin.loan_hand_out, name="loan_hand_out"),
        path("ontlening/<int:pk>/terugname/", loans_admin.loan_check_in, name="loan_check_in"),
        path("ontlening/<int:pk>/afrekenen/", loans_admin.loan_settle, name="loan_settle"),
        path("ontlening/<int:pk>/annuleren/", loans_admin.loan_cancel, name="loan_cancel"),
        path("daglijst/", loans_admin.day_list, name="day_list"),
        path("voorraad/<int:pk>/", loans_admin.stock_calendar, name="stock"),
        path("voorraad/<int:pk>/blokkeren/", loans_admin.stock_block, name="stock_block"),
        path(
            "voorraad/<int:pk>/blokkering/<int:block>/opheffen/",
            loans_admin.stock_unblock,
            name="stock_unblock",
        ),
        path("balie/", loans_admin.counter, name="counter"),
        path("balie/aanmaken/", loans_admin.counter_create, name="counter_create"),
    ],
    "loans_admin",
)


@hooks.register("register_admin_urls")
def register_loan_admin_urls():
    return [path("uitleendienst/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def register_loans_menu():
    items = [
        PermissionMenuItem(
            vs.menu_label,
            reverse(f"{vs.name}:index"),
            name=vs.name,
            icon_name=vs.icon,
            order=index * 10,
            permission=f"{vs.model._meta.app_label}.view_{vs.model._meta.model_name}",
        )
        for index, vs in enumerate(VIEWSETS)
    ]
    items += [
        PermissionMenuItem(
            _("Daglijst"),
            reverse("loans_admin:day_list"),
            icon_name="date",
            order=100,
            permission=loans_admin.VIEW,
        ),
        PermissionMenuItem(
            _("Balie"),
            reverse("loans_admin:counter"),
            icon_name="user",
            order=110,
            permission=loans_admin.CHANGE,
        ),
    ]
    return SubmenuMenuItem(_("Uitleendienst"), Menu(items=items), icon_name="folder-inverse", order=350)


@hooks.register("register_log_actions")
def register_loan_log_actions(actions):
    for key, label in [
        ("approve", _("Ontlening goedgekeurd")),
        ("reject", _("Ontlening geweigerd")),
        ("counter_payment", _("Ontlening betaald aan de balie")),
        ("ready", _("Ontlening klaargezet")),
        ("hand_out", _("Ontlening meegegeven")),
        ("check_in", _("Ontlening teruggebracht en nagekeken")),
        ("settle", _("Waarborg afgerekend")),
        ("cancel", _("Ontlening geannuleerd")),
        ("counter", _("Ontlening aan de balie aangemaakt")),
        ("block", _("Stuks geblokkeerd voor herstelling")),
        ("unblock", _("Blokkering opgeheven")),
        ("stock", _("Voorraad gewijzigd")),
    ]:
        actions.register_action(f"loans.loan_{key}", label, label)


def pending_loans(request):
    if not request.user.has_perm(loans_admin.VIEW):
        return []
    loans = scope_to_staff(Loan.objects.all(), request.user, "depot__municipality")
    count = loans.filter(state=LoanState.REQUESTED).count()
    if not count:
        return []
    text = ngettext(
        "%(n)d uitleenaanvraag wacht op goedkeuring", "%(n)d uitleenaanvragen wachten op goedkeuring", count
    ) % {"n": count}
    return [DashboardItem(count=count, text=text, url=reverse("loans_loan:index") + "?state=requested")]
