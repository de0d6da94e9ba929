"""Forms of the associations app; KBO and IBAN are checked with python-stdnum via the services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from associations import services
from associations.errors import AssociationError
from associations.models import Association, AssociationCategory, Role


class AssociationForm(forms.ModelForm):
    enterprise_number = forms.CharField(
        label=_("Ondernemingsnummer (KBO)"),
        max_length=20,
        required=False,
        help_text=_("10 cijfers, bv. 0123.456.749. Leeg laten als de vereniging er geen heeft."),
    )
    iban = forms.CharField(
        label=_("IBAN-rekeningnummer"),
        max_length=42,
        required=False,
        help_text=_("Bijvoorbeeld BE71 0961 2345 6769."),
    )

    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Association
        fields = [
            "name",
            "category",
            "enterprise_number",
            "iban",
            "email",
            "phone",
            "website",
            "street",
            "postal_code",
            "city",
            "description",
            "public",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["enterprise_number"] = self.instance.enterprise_number_display
            self.initial["iban"] = self.instance.iban_display

    def clean_enterprise_number(self) -> str:
        try:
            return services.clean_enterprise_number(self.cleaned_data["enterprise_number"])
        except AssociationError as error:
            raise ValidationError(error.message, code="invalid_kbo") from error

    def clean_iban(self) -> str:
        try:
            return services.clean_iban(self.cleaned_data["iban"])
        except AssociationError as error:
            raise ValidationError(error.message, code="invalid_iban") from error


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoek op naam"), required=False, max_length=100)
    category = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("Alle soorten")), *AssociationCategory.choices]
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres"))
    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices, initial=Role.MEMBER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices)
