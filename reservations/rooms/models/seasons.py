"""Season requests: an association asks a weekly slot for a season, one row per week."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from calendars.models import Weekday

from .venues import Room


class SeasonRequestState(models.TextChoices):
    REQUESTED = "requested", _("Aangevraagd")
    APPROVED = "approved", _("Goedgekeurd")
    PARTLY_APPROVED = "partly_approved", _("Gedeeltelijk goedgekeurd")
    REJECTED = "rejected", _("Geweigerd")


class SeasonRequest(models.Model):
    """An association asks for the same weekly slot for a whole season."""

    association = models.ForeignKey(
        "associations.Association",
        verbose_name=_("vereniging"),
        on_delete=models.PROTECT,
        related_name="season_requests",
    )
    room = models.ForeignKey(
        Room, verbose_name=_("zaal"), on_delete=models.PROTECT, related_name="season_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    weekday = models.PositiveSmallIntegerField(_("weekdag"), choices=Weekday.choices)
    start_time = models.TimeField(_("van"))
    end_time = models.TimeField(_("tot"))
    first_date = models.DateField(_("eerste dag van het seizoen"))
    last_date = models.DateField(_("laatste dag van het seizoen"))
    purpose = models.CharField(_("doel"), max_length=300)
    people = models.PositiveIntegerField(_("aantal personen"))
    state = models.CharField(
        _("status"), max_length=20, choices=SeasonRequestState.choices, default=SeasonRequestState.REQUESTED
    )
    series = models.ForeignKey(
        "calendars.Series", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    staff_note = models.TextField(_("opmerking van de dienst"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("beslist op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("seizoensaanvraag")
        verbose_name_plural = _("seizoensaanvragen")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.association} – {self.room} ({self.get_weekday_display()} {self.start_time:%H:%M})"


class SeasonOccurrence(models.Model):
    """One week of a season request, with what became of it."""

    class Result(models.TextChoices):
        PENDING = "pending", _("Nog te beslissen")
        APPROVED = "approved", _("Toegekend")
        DECLINED = "declined", _("Niet toegekend")

    season_request = models.ForeignKey(SeasonRequest, on_delete=models.CASCADE, related_name="occurrences")
    start = models.DateTimeField(_("begin"))
    end = models.DateTimeField(_("einde"))
    result = models.CharField(_("resultaat"), max_length=16, choices=Result.choices, default=Result.PENDING)
    reason = models.CharField(_("reden"), max_length=300, blank=True)
    allocation = models.ForeignKey(
        "calendars.Allocation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("week van een seizoensaanvraag")
        verbose_name_plural = _("weken van een seizoensaanvraag")
        ordering = ["start"]

    def __str__(self) -> str:
        return f"{self.season_request} {self.start:%Y-%m-%d}"
