"""Forms of room hire. They only parse input; prices, rights and availability are checked by the services."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.localtime import BRUSSELS
from associations.selectors import bookable_associations_for
from reservations.rooms.models import Room

MYSELF = "self"


def _aware(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=BRUSSELS)


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class RoomFilterForm(forms.Form):
    people = forms.IntegerField(label=_("Aantal personen"), min_value=1, required=False)
    date = forms.DateField(label=_("Vrij op datum"), required=False, widget=DateInput)
    start_time = forms.TimeField(label=_("van"), required=False, widget=TimeInput)
    end_time = forms.TimeField(label=_("tot"), required=False, widget=TimeInput)
    equipment = forms.MultipleChoiceField(
        label=_("Uitrusting"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            ("has_projector", _("projector en scherm")),
            ("has_sound_system", _("geluidsinstallatie")),
            ("has_kitchen", _("keuken")),
            ("has_stage", _("podium")),
            ("has_wifi", _("wifi")),
        ],
    )
    accessibility = forms.MultipleChoiceField(
        label=_("Toegankelijkheid"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            ("step_free_access", _("zonder trappen")),
            ("adapted_toilet", _("aangepast toilet")),
            ("hearing_loop", _("ringleiding")),
        ],
    )

    def free_span(self) -> tuple[dt.datetime | None, dt.datetime | None]:
        data = self.cleaned_data
        if data.get("date") and data.get("start_time") and data.get("end_time"):
            return _aware(data["date"], data["start_time"]), _aware(data["date"], data["end_time"])
        return None, None


class BookingForm(forms.Form):
    date = forms.DateField(label=_("Datum"), widget=DateInput)
    start_time = forms.TimeField(label=_("Beginuur"), widget=TimeInput)
    end_time = forms.TimeField(label=_("Einduur"), widget=TimeInput, help_text=_("Tot middernacht: 23:59."))
    booked_for = forms.ChoiceField(label=_("Voor wie reserveert u?"))
    purpose = forms.CharField(
        label=_("Doel"), max_length=300, help_text=_("Bijvoorbeeld: verjaardagsfeest, vergadering.")
    )
    people = forms.IntegerField(label=_("Aantal personen"), min_value=1)
    layout = forms.ChoiceField(label=_("Opstelling"))
    extras = forms.ModelMultipleChoiceField(
        label=_("Extra's"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, room: Room, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.room = room
        associations = list(bookable_associations_for(user))
        self.associations = {str(a.pk): a for a in associations}
        self.fields["booked_for"].choices = [(MYSELF, _("Mezelf (privé)"))] + [
            (str(a.pk), a.name) for a in associations
        ]
        self.fields["layout"].choices = [
            (value, _("%(layout)s (tot %(max)s personen)") % {"layout": label, "max": maximum})
            for value, label, maximum in room.layouts()
        ]
        extras = room.extras.filter(is_active=True)
        if extras.exists():
            self.fields["extras"].queryset = extras
            self.fields["extras"].label_from_instance = lambda extra: f"{extra.name} (€ {extra.price})"
        else:
            del self.fields["extras"]

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("start_time") and data.get("end_time"):
            data["start"] = _aware(data["date"], data["start_time"])
            end_time = data["end_time"]
            data["end"] = (
                _aware(data["date"] + dt.timedelta(days=1), dt.time())
                if end_time == dt.time(23, 59)
                else _aware(data["date"], end_time)
            )
            if data["end"] <= data["start"]:
                self.add_error("end_time", _("Het einde moet na het begin liggen."))
        data["association"] = self.associations.get(data.get("booked_for", MYSELF))
        return data


class CancelForm(forms.Form):
    iban = forms.CharField(
        label=_("IBAN voor de terugbetaling"),
        required=False,
        max_length=34,
        help_text=_("Alleen nodig als u met een overschrijving betaalde."),
    )


class MoveForm(forms.Form):
    date = forms.DateField(label=_("Nieuwe datum"), widget=DateInput)
    start_time = forms.TimeField(label=_("Nieuw beginuur"), widget=TimeInput)

    def start(self) -> dt.datetime:
        return _aware(self.cleaned_data["date"], self.cleaned_data["start_time"])


class SeasonRequestForm(forms.Form):
    association = forms.ChoiceField(label=_("Vereniging"))
    weekday = forms.TypedChoiceField(
        label=_("Weekdag"),
        coerce=int,
        choices=[
            (0, _("maandag")),
            (1, _("dinsdag")),
            (2, _("woensdag")),
            (3, _("donderdag")),
            (4, _("vrijdag")),
            (5, _("zaterdag")),
            (6, _("zondag")),
        ],
    )
    start_time = forms.TimeField(label=_("Van"), widget=TimeInput)
    end_time = forms.TimeField(label=_("Tot"), widget=TimeInput)
    first_date = forms.DateField(label=_("Eerste dag van het seizoen"), widget=DateInput)
    last_date = forms.DateField(label=_("Laatste dag van het seizoen"), widget=DateInput)
    purpose = forms.CharField(label=_("Doel"), max_length=300)
    people = forms.IntegerField(label=_("Aantal personen"), min_value=1)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.associations = {str(a.pk): a for a in bookable_associations_for(user)}
        self.fields["association"].choices = [(pk, a.name) for pk, a in self.associations.items()]


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reden van weigering"), widget=forms.Textarea(attrs={"rows": 3}))


class CounterBookingForm(BookingForm):
    """Staff at the counter book for a resident (by e-mail) with the same rules and prices."""

    customer_email = forms.EmailField(label=_("E-mailadres van de klant"))
    field_order = ["customer_email"]
