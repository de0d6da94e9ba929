"""Forms of the accounts app."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.models import HouseholdMember, User


class SignupExtraForm(forms.Form):
    """Extra fields on allauth's sign-up form: name and postal code decide the tariff later."""

    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Familienaam"), max_length=150)
    postal_code = forms.CharField(label=_("Postcode"), max_length=10, required=False)

    def signup(self, request, user) -> None:
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.postal_code = self.cleaned_data.get("postal_code", "")
        user.save()


class ProfileForm(forms.ModelForm):
    preferred_language = forms.ChoiceField(label=_("Voorkeurstaal"), choices=settings.LANGUAGES)

    class Meta:
        model = User
        fields = ["first_name", "last_name", "phone", "street", "postal_code", "city", "preferred_language"]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "street": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "postal_code": forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
        }


class HouseholdMemberForm(forms.ModelForm):
    class Meta:
        model = HouseholdMember
        fields = ["first_name", "last_name", "birth_date", "notes"]
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
