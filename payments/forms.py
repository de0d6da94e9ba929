from django import forms
from django.utils.translation import gettext_lazy as _

from payments.models import Payment


class ProviderChoiceForm(forms.Form):
    provider = forms.ChoiceField(label=_("Hoe wilt u betalen?"), widget=forms.RadioSelect)

    def __init__(self, *args, providers, **kwargs):
        super().__init__(*args, **kwargs)
        provider_field = self.fields["provider"]
        assert isinstance(provider_field, forms.ChoiceField)
        provider_field.choices = [(p.key, p.label) for p in providers]


class CounterPaymentForm(forms.Form):
    amount = forms.DecimalField(label=_("Bedrag (€)"), max_digits=12, decimal_places=2, min_value=0.01)
    method = forms.ChoiceField(
        label=_("Betaalmiddel"),
        choices=[(Payment.Method.CASH, _("Cash")), (Payment.Method.CARD_TERMINAL, _("Betaalterminal"))],
    )
    note = forms.CharField(label=_("Opmerking"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class StatementUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Rekeninguittreksel (CODA of CSV)"),
        help_text=_("Hetzelfde bestand twee keer inlezen boekt niets dubbel."),
    )


class RefundForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Bedrag (€)"),
        max_digits=12,
        decimal_places=2,
        min_value=0.01,
        required=False,
        help_text=_("Leeg laten voor alles."),
    )
    reason = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 2}))
    iban = forms.CharField(
        label=_("IBAN van de klant"), required=False, help_text=_("Nodig bij overschrijving.")
    )


class CashReportForm(forms.Form):
    day = forms.DateField(label=_("Dag"), widget=forms.DateInput(attrs={"type": "date"}))
