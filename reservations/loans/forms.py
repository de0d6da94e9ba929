"""Forms of material loans: moments (pickup/return in Brussels time), basket, request, staff screens."""

import datetime as dt
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.localtime import BRUSSELS
from associations.selectors import bookable_associations_for
from reservations.loans.models import ItemCategory, LoanPaymentMode

# Where a ReservationError's field is shown on these forms.
FIELD_MAP = {
    "pickup_at": "pickup_date",
    "return_at": "return_date",
    "association": "association",
    "delivery": "delivery",
    "delivery_address": "delivery_address",
}


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class MomentsForm(forms.Form):
    pickup_date = forms.DateField(label=_("Afhalen op"), widget=DateInput, required=False)
    pickup_time = forms.TimeField(label=_("Afhaaluur"), widget=TimeInput(format="%H:%M"), required=False)
    return_date = forms.DateField(label=_("Terugbrengen op"), widget=DateInput, required=False)
    return_time = forms.TimeField(label=_("Terugbrenguur"), widget=TimeInput(format="%H:%M"), required=False)

    moments_required = False

    def clean(self):
        data = super().clean()
        parts = [data.get(k) for k in ("pickup_date", "pickup_time", "return_date", "return_time")]
        if self.moments_required:
            for name, value in zip(
                ("pickup_date", "pickup_time", "return_date", "return_time"), parts, strict=True
            ):
                if value is None and name not in self.errors:
                    self.add_error(name, _("Dit veld is verplicht."))
        if all(p is not None for p in parts):
            data["pickup_at"] = dt.datetime.combine(parts[0], parts[1], tzinfo=BRUSSELS)
            data["return_at"] = dt.datetime.combine(parts[2], parts[3], tzinfo=BRUSSELS)
            if data["return_at"] <= data["pickup_at"]:
                self.add_error("return_date", _("Het terugbrengmoment moet na het afhaalmoment liggen."))
        return data

    @staticmethod
    def initial_from(pickup_at: dt.datetime | None, return_at: dt.datetime | None) -> dict:
        initial = {}
        if pickup_at:
            local = pickup_at.astimezone(BRUSSELS)
            initial.update(pickup_date=local.date(), pickup_time=local.time())
        if return_at:
            local = return_at.astimezone(BRUSSELS)
            initial.update(return_date=local.date(), return_time=local.time())
        return initial


class CatalogueFilterForm(MomentsForm):
    category = forms.ModelChoiceField(
        label=_("Categorie"),
        queryset=ItemCategory.objects.all(),
        required=False,
        empty_label=_("Alle categorieën"),
        to_field_name="slug",
    )


class BasketAddForm(forms.Form):
    kind = forms.ChoiceField(choices=[("item", "item"), ("kit", "kit")], widget=forms.HiddenInput)
    object_id = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    quantity = forms.IntegerField(label=_("Aantal"), min_value=1, max_value=10000, initial=1)


class BasketUpdateForm(forms.Form):
    """One quantity per basket entry; 0 removes it."""

    def __init__(self, *args, entries: list[tuple[str, object, int]], **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = entries
        for kind, obj, quantity in entries:
            self.fields[f"{kind}_{obj.pk}"] = forms.IntegerField(
                label=_("Aantal %(what)s") % {"what": obj.name},
                min_value=0,
                max_value=10000,
                initial=quantity,
            )


class LoanRequestForm(MomentsForm):
    moments_required = True

    association = forms.ModelChoiceField(
        label=_("Ik ontleen voor"),
        queryset=None,
        required=False,
        empty_label=_("mezelf (privé)"),
    )
    purpose = forms.CharField(label=_("Waarvoor gebruikt u het materiaal?"), max_length=200, required=False)
    delivery = forms.BooleanField(
        label=_("Laat het materiaal leveren en ophalen door de gemeente"), required=False
    )
    delivery_address = forms.CharField(
        label=_("Leveringsadres"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    remarks = forms.CharField(
        label=_("Opmerkingen"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = bookable_associations_for(user)


class DecisionForm(forms.Form):
    payment_mode = forms.ChoiceField(label=_("Betaling"), choices=LoanPaymentMode.choices)
    note = forms.CharField(
        label=_("Toelichting of reden"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class HandOutForm(forms.Form):
    handed_out_to = forms.CharField(label=_("Meegegeven aan (naam)"), max_length=200)

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            self.fields[f"line_{line.pk}"] = forms.IntegerField(
                label=_("%(item)s meegegeven (gevraagd: %(n)s)")
                % {"item": line.item.name, "n": line.quantity},
                min_value=0,
                max_value=line.quantity,
                initial=line.quantity,
            )


class CheckInForm(forms.Form):
    note = forms.CharField(label=_("Opmerking"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            self.fields[f"returned_{line.pk}"] = forms.IntegerField(
                label=_("%(item)s teruggebracht (meegegeven: %(n)s)")
                % {"item": line.item.name, "n": line.handed_out_quantity},
                min_value=0,
                max_value=line.handed_out_quantity,
                initial=line.handed_out_quantity,
            )
            self.fields[f"damaged_{line.pk}"] = forms.IntegerField(
                label=_("%(item)s beschadigd") % {"item": line.item.name}, min_value=0, initial=0
            )
            self.fields[f"note_{line.pk}"] = forms.CharField(
                label=_("Schade aan %(item)s") % {"item": line.item.name}, required=False
            )
            self.fields[f"photo_{line.pk}"] = forms.ImageField(
                label=_("Foto van de schade aan %(item)s") % {"item": line.item.name}, required=False
            )


class SettleForm(forms.Form):
    retained_amount = forms.DecimalField(
        label=_("In te houden van de waarborg (€)"),
        min_value=Decimal("0"),
        decimal_places=2,
        initial=Decimal("0"),
    )
    extra_charge = forms.DecimalField(
        label=_("Bijkomend aan te rekenen (€)"),
        min_value=Decimal("0"),
        decimal_places=2,
        initial=Decimal("0"),
    )
    reason = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    iban = forms.CharField(label=_("IBAN voor de terugbetaling (bij overschrijving)"), required=False)


class BlockForm(forms.Form):
    quantity = forms.IntegerField(label=_("Aantal stuks"), min_value=1)
    start = forms.DateField(label=_("Van"), widget=DateInput)
    end = forms.DateField(label=_("Tot en met"), widget=DateInput)
    reason = forms.CharField(label=_("Reden"), max_length=200)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end"):
            data["start_at"] = dt.datetime.combine(data["start"], dt.time(), tzinfo=BRUSSELS)
            data["end_at"] = dt.datetime.combine(
                data["end"] + dt.timedelta(days=1), dt.time(), tzinfo=BRUSSELS
            )
            if data["end"] < data["start"]:
                self.add_error("end", _("Het einde moet na het begin liggen."))
        return data
