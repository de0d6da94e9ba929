"""Resources with a capacity over time, and the allocations that claim it.

Every state change goes through calendars.services; these models only describe the data.
"""

import datetime as dt
import secrets
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import connections, models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from recurrence.fields import RecurrenceField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from accounts import localtime

BRUSSELS = localtime.ZONE_NAME  # the default zone of resources and series (settings.TIME_ZONE)


class ResourceKind(models.TextChoices):
    SPACE = "space", _("Ruimte")
    EQUIPMENT = "equipment", _("Materiaal")
    PLACES = "places", _("Plaatsen")


class AllocationState(models.TextChoices):
    HELD = "held", _("Voorlopig vastgehouden")
    CONFIRMED = "confirmed", _("Bevestigd")
    RELEASED = "released", _("Vrijgegeven")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("maandag")
    TUESDAY = 1, _("dinsdag")
    WEDNESDAY = 2, _("woensdag")
    THURSDAY = 3, _("donderdag")
    FRIDAY = 4, _("vrijdag")
    SATURDAY = 5, _("zaterdag")
    SUNDAY = 6, _("zondag")


class Resource(ClusterableModel):
    """Anything that can be booked, lent, sold or enrolled in: a room, a stock of chairs, a ticket quota."""

    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(
        _("soort"), max_length=16, choices=ResourceKind.choices, default=ResourceKind.SPACE
    )
    capacity = models.PositiveIntegerField(
        _("capaciteit"), default=1, help_text=_("1 voor een zaal; het aantal stuks of plaatsen anders.")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("deel van"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts",
        help_text=_("Een deel (bv. een derde van de sporthal) blokkeert het geheel en omgekeerd."),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    timezone = models.CharField(_("tijdzone"), max_length=64, default=BRUSSELS)
    closed_on_public_holidays = models.BooleanField(_("gesloten op wettelijke feestdagen"), default=True)
    buffer_before = models.DurationField(_("buffer vooraf"), default=dt.timedelta(0))
    buffer_after = models.DurationField(_("buffer achteraf"), default=dt.timedelta(0))
    min_duration = models.DurationField(_("minimale duur"), null=True, blank=True)
    max_duration = models.DurationField(_("maximale duur"), null=True, blank=True)
    slot_granularity = models.DurationField(
        _("tijdsblok"),
        null=True,
        blank=True,
        help_text=_("Begin en einde moeten op een veelvoud hiervan vallen (bv. 0:30:00)."),
    )
    lead_time = models.DurationField(
        _("minimale termijn vooraf"), default=dt.timedelta(0), help_text=_("Hoe lang vooraf ten minste.")
    )
    booking_horizon = models.DurationField(
        _("boekingshorizon"), null=True, blank=True, help_text=_("Hoe ver vooruit ten hoogste.")
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("kind"),
                FieldPanel("capacity"),
                FieldPanel("parent"),
                FieldPanel("is_active"),
            ],
            heading=_("Algemeen"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("min_duration"),
                FieldPanel("max_duration"),
                FieldPanel("slot_granularity"),
                FieldPanel("buffer_before"),
                FieldPanel("buffer_after"),
                FieldPanel("lead_time"),
                FieldPanel("booking_horizon"),
                FieldPanel("closed_on_public_holidays"),
            ],
            heading=_("Regels"),
        ),
        InlinePanel("opening_hours", heading=_("Openingsuren"), label=_("Openingsuren")),
        InlinePanel("closures", heading=_("Sluitingen"), label=_("Sluiting")),
    ]

    class Meta:
        verbose_name = _("reserveerbaar item")
        verbose_name_plural = _("reserveerbare items")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def tz(self) -> ZoneInfo:
        return localtime.zone(self.timezone)

    @property
    def is_exclusive(self) -> bool:
        """Capacity-1 resources get the database exclusion constraint as a second line of defence."""
        return self.capacity == 1


class OpeningHours(Orderable):
    """One open range on one weekday; several rows per weekday allow a lunch break."""

    resource = ParentalKey(Resource, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("weekdag"), choices=Weekday.choices)
    opens = models.TimeField(_("open van"))
    closes = models.TimeField(_("open tot"), help_text=_("00:00 betekent tot middernacht."))

    panels = [FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")]

    class Meta(Orderable.Meta):
        verbose_name = _("openingsuren")
        verbose_name_plural = _("openingsuren")

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Closure(Orderable):
    """The resource is closed all day from start_date to end_date inclusive (works, holidays of its own)."""

    resource = ParentalKey(Resource, on_delete=models.CASCADE, related_name="closures")
    start_date = models.DateField(_("van"))
    end_date = models.DateField(_("tot en met"))
    reason = models.CharField(_("reden"), max_length=200, blank=True)

    panels = [FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("reason")]

    class Meta(Orderable.Meta):
        verbose_name = _("sluiting")
        verbose_name_plural = _("sluitingen")

    def __str__(self) -> str:
        return f"{self.start_date}–{self.end_date} {self.reason}"


class PublicHoliday(models.Model):
    """Belgian public holidays, loaded per year by services.load_public_holidays; closes every resource
    with closed_on_public_holidays."""

    date = models.DateField(_("datum"), unique=True)
    name = models.CharField(_("naam"), max_length=200)

    class Meta:
        verbose_name = _("wettelijke feestdag")
        verbose_name_plural = _("wettelijke feestdagen")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class Series(models.Model):
    """A recurring claim (a weekly training all season).

    django-recurrence stores datetimes in UTC; the local start date and time live in their own fields
    so every expansion gets a Europe/Brussels-aware dtstart and keeps its wall time across DST.
    """

    recurrence = RecurrenceField(_("herhaling"))
    local_start_date = models.DateField(_("eerste dag"))
    local_start_time = models.TimeField(_("beginuur"))
    duration = models.DurationField(_("duur"))
    timezone = models.CharField(_("tijdzone"), max_length=64, default=BRUSSELS)
    title = models.CharField(_("titel"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reeks")
        verbose_name_plural = _("reeksen")

    def __str__(self) -> str:
        return self.title or f"{self.local_start_date} {self.local_start_time:%H:%M}"

    @property
    def dtstart(self) -> dt.datetime:
        return dt.datetime.combine(
            self.local_start_date, self.local_start_time, tzinfo=localtime.zone(self.timezone)
        )

    def occurrences(self, *, until: dt.datetime | None = None) -> list[tuple[dt.datetime, dt.datetime]]:
        """(start, end) pairs in UTC, expanded in local wall time so 19:00 stays 19:00 across DST."""
        tz = localtime.zone(self.timezone)
        dtstart = self.dtstart
        if until is None:
            until = dtstart + dt.timedelta(days=366 * 2)
        starts = self.recurrence.between(dtstart, until, inc=True, dtstart=dtstart)
        result = []
        for start in starts:
            local = start.astimezone(tz) if timezone.is_aware(start) else start.replace(tzinfo=tz)
            # Rebuild from wall time: the rule may come back with a fixed offset from before the change.
            local = dt.datetime.combine(local.date(), self.local_start_time, tzinfo=tz)
            utc_start = local.astimezone(dt.UTC)
            result.append((utc_start, (local + self.duration).astimezone(dt.UTC)))
        return result


class ActiveAllocationQuerySet(models.QuerySet):
    def blocking(self, *, now: dt.datetime | None = None) -> "ActiveAllocationQuerySet":
        """Confirmed and unexpired held allocations: expiry is checked at read time, so an expired hold
        never blocks anyone even before the periodic task releases it."""
        now = now or timezone.now()
        return self.filter(
            Q(state=AllocationState.CONFIRMED)
            | Q(state=AllocationState.HELD) & (Q(hold_expires_at__isnull=True) | Q(hold_expires_at__gt=now))
        )

    def overlapping(self, start: dt.datetime, end: dt.datetime) -> "ActiveAllocationQuerySet":
        """Half-open overlap of the blocked span (buffers included). On PostgreSQL the range form lets
        the GiST index find the overlaps instead of scanning every older allocation."""
        if connections[self.db].vendor == "postgresql":
            from django.contrib.postgres.fields import RangeBoundary
            from psycopg.types.range import TimestamptzRange

            from calendars.db import TsTzRange

            return self.alias(span_range=TsTzRange("blocked_start", "blocked_end", RangeBoundary())).filter(
                span_range__overlap=TimestamptzRange(start, end, "[)")
            )
        return self.filter(blocked_start__lt=end, blocked_end__gt=start)


class Allocation(models.Model):
    """A quantity of a resource over the half-open span [start, end)."""

    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="allocations")
    start = models.DateTimeField(_("begin"))
    end = models.DateTimeField(_("einde"))
    # The span including the resource's buffers; overlap checks and the exclusion constraint use it.
    blocked_start = models.DateTimeField(editable=False)
    blocked_end = models.DateTimeField(editable=False)
    quantity = models.PositiveIntegerField(_("aantal"), default=1)
    state = models.CharField(
        _("status"), max_length=16, choices=AllocationState.choices, default=AllocationState.HELD
    )
    hold_expires_at = models.DateTimeField(_("vervalt op"), null=True, blank=True)
    exclusive = models.BooleanField(default=False, editable=False)
    whole = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="part_allocations",
        help_text="The allocation of the composite whole this part allocation was made for.",
    )
    series = models.ForeignKey(
        Series, null=True, blank=True, on_delete=models.SET_NULL, related_name="allocations"
    )
    reference_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reference_id = models.CharField(max_length=64, blank=True)
    reference = GenericForeignKey("reference_type", "reference_id")
    holder_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    holder_id = models.CharField(max_length=64, blank=True)
    holder = GenericForeignKey("holder_type", "holder_id")
    title = models.CharField(_("titel"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActiveAllocationQuerySet.as_manager()

    class Meta:
        verbose_name = _("toewijzing")
        verbose_name_plural = _("toewijzingen")
        ordering = ["start", "pk"]
        indexes = [
            models.Index(fields=["resource", "blocked_start", "blocked_end"], name="cal_alloc_res_span"),
            models.Index(fields=["state", "hold_expires_at"], name="cal_alloc_state_expiry"),
            models.Index(fields=["holder_type", "holder_id"], name="cal_alloc_holder"),
            models.Index(fields=["reference_type", "reference_id"], name="cal_alloc_reference"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="cal_alloc_end_after_start"),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="cal_alloc_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.resource} {self.start:%Y-%m-%d %H:%M}"

    @property
    def is_expired(self) -> bool:
        return (
            self.state == AllocationState.HELD
            and self.hold_expires_at is not None
            and self.hold_expires_at <= timezone.now()
        )


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class FeedToken(models.Model):
    """An unguessable, revocable address for an iCal feed of a resource or a holder (person, association).

    Revoking deletes the row; rotating replaces the token, so old subscriptions stop working."""

    token = models.CharField(max_length=64, unique=True, default=new_feed_token, editable=False)
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.CharField(max_length=64)
    target = GenericForeignKey("target_type", "target_id")
    label = models.CharField(_("omschrijving"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agenda-abonnement")
        verbose_name_plural = _("agenda-abonnementen")
        indexes = [models.Index(fields=["target_type", "target_id"], name="cal_feed_target")]

    def __str__(self) -> str:
        return self.label or f"{self.target_type} {self.target_id}"
