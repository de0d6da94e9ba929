"""Staff manage the association registry in the Wagtail admin; recognising one is audit-logged."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from associations import services
from associations.errors import AssociationError
from associations.models import Association


class AssociationAdminForm(WagtailAdminModelForm):
    enterprise_number = forms.CharField(label=_("Ondernemingsnummer (KBO)"), max_length=20, required=False)
    iban = forms.CharField(label=_("IBAN"), max_length=42, required=False)

    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["enterprise_number"] = self.instance.enterprise_number_display
            self.initial["iban"] = self.instance.iban_display

    def clean_enterprise_number(self) -> str:
        try:
            return services.clean_enterprise_number(self.cleaned_data["enterprise_number"])
        except AssociationError as error:
            raise ValidationError(error.message) from error

    def clean_iban(self) -> str:
        try:
            return services.clean_iban(self.cleaned_data["iban"])
        except AssociationError as error:
            raise ValidationError(error.message) from error


class RecognitionThroughServiceMixin:
    """Recognition is a staff decision logged on its own, not hidden inside a generic edit."""

    def save_instance(self):
        recognised = self.form.cleaned_data.get("recognised", False)
        previous = (
            bool(self.form.instance.pk) and Association.objects.get(pk=self.form.instance.pk).recognised
        )
        self.form.instance.recognised = previous
        with transaction.atomic():
            instance = super().save_instance()
            services.set_recognised(association=instance, recognised=recognised, by=self.request.user)
        return instance


class AssociationCreateView(RecognitionThroughServiceMixin, CreateView):
    pass


class AssociationEditView(RecognitionThroughServiceMixin, EditView):
    pass


class AssociationViewSet(ModelViewSet):
    model = Association
    icon = "group"
    menu_label = _("Verenigingen")
    menu_order = 250
    add_to_admin_menu = True
    add_view_class = AssociationCreateView
    edit_view_class = AssociationEditView
    list_display = ["name", "category", "recognised", "city", "public"]
    list_filter = ["category", "recognised", "public"]
    search_fields = ["name", "enterprise_number", "city", "email"]
    list_export = ["name", "enterprise_number", "iban", "category", "recognised", "email", "city"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("name"),
                    FieldPanel("slug"),
                    FieldRowPanel([FieldPanel("category"), FieldPanel("recognised"), FieldPanel("public")]),
                ],
                heading=_("Vereniging"),
            ),
            MultiFieldPanel(
                [FieldPanel("enterprise_number"), FieldPanel("iban")],
                heading=_("Ondernemingsnummer en rekening"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("email"),
                    FieldPanel("phone"),
                    FieldPanel("website"),
                    FieldPanel("street"),
                    FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                ],
                heading=_("Contact en adres"),
            ),
            FieldPanel("description"),
            InlinePanel(
                "memberships",
                heading=_("Leden"),
                label=_("Lid"),
                panels=[FieldPanel("user"), FieldPanel("role")],
            ),
        ],
        base_form_class=AssociationAdminForm,
    )


@hooks.register("register_admin_viewset")
def register_association_viewset():
    return AssociationViewSet("association_registry")


@hooks.register("register_log_actions")
def register_association_log_actions(actions):
    actions.register_action("associations.recognise", _("Erkennen"), _("Vereniging erkend door de gemeente"))
    actions.register_action(
        "associations.unrecognise", _("Erkenning intrekken"), _("Erkenning van de vereniging ingetrokken")
    )
