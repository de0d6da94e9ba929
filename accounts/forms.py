"""Forms of the accounts app."""
from django import forms
from django.utils.translation import gettext_lazy as _


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
