"""Season requests: an association asks a weekly slot for a season; staff grant the weeks they choose."""

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.models import User
from associations.models import Association
from associations.selectors import user_can_book_for
from calendars import services as calendar_services
from reservations.rooms.errors import RoomHireError
from reservations.rooms.models import (
    Room,
    SeasonOccurrence,
    SeasonRequest,
    SeasonRequestState,
)

# --- season requests ------------------------------------------------------------------------------


def _season_occurrences(
    *, room: Room, weekday: int, start_time: dt.time, end_time: dt.time, first: dt.date, last: dt.date
) -> list[tuple[dt.datetime, dt.datetime]]:
    tz = room.resource.tz
    day = first + dt.timedelta(days=(weekday - first.weekday()) % 7)
    result = []
    while day <= last:
        result.append(
            (dt.datetime.combine(day, start_time, tzinfo=tz), dt.datetime.combine(day, end_time, tzinfo=tz))
        )
        day += dt.timedelta(days=7)
    return result


def request_season(
    *,
    room: Room,
    association: Association,
    requested_by: User,
    weekday: int,
    start_time: dt.time,
    end_time: dt.time,
    first_date: dt.date,
    last_date: dt.date,
    purpose: str,
    people: int,
    now: dt.datetime | None = None,
) -> SeasonRequest:
    """An association asks a weekly slot for a season; nothing is held until staff decide."""
    now = now or timezone.now()
    if not user_can_book_for(requested_by, association):
        raise RoomHireError(
            _("U mag niet reserveren voor %(association)s.") % {"association": association.name},
            field="association",
        )
    if end_time <= start_time:
        raise RoomHireError(_("Het einde moet na het begin liggen."), field="end_time")
    if last_date < first_date:
        raise RoomHireError(_("De laatste dag moet na de eerste liggen."), field="last_date")
    if first_date <= timezone.localdate(now):
        raise RoomHireError(_("Het seizoen moet in de toekomst beginnen."), field="first_date")
    if people > room.capacity:
        raise RoomHireError(
            _("Er mogen hoogstens %(max)s personen in deze zaal.") % {"max": room.capacity}, field="people"
        )
    occurrences = _season_occurrences(
        room=room, weekday=weekday, start_time=start_time, end_time=end_time, first=first_date, last=last_date
    )
    if not occurrences:
        raise RoomHireError(_("In deze periode valt die weekdag niet."), field="weekday")
    with transaction.atomic():
        season = SeasonRequest.objects.create(
            association=association,
            room=room,
            requested_by=requested_by,
            weekday=weekday,
            start_time=start_time,
            end_time=end_time,
            first_date=first_date,
            last_date=last_date,
            purpose=purpose,
            people=people,
        )
        SeasonOccurrence.objects.bulk_create(
            SeasonOccurrence(season_request=season, start=s, end=e) for s, e in occurrences
        )
    return season


def decide_season_request(
    *,
    season: SeasonRequest,
    staff: User,
    approve_ids: Sequence[int],
    note: str = "",
    now: dt.datetime | None = None,
) -> SeasonRequest:
    """Approve the chosen weeks (each one on its own: a taken week is declined with its reason)."""
    from recurrence import WEEKLY, Recurrence, Rule

    now = now or timezone.now()
    with transaction.atomic():
        season = SeasonRequest.objects.select_for_update().get(pk=season.pk)
        if season.state != SeasonRequestState.REQUESTED:
            raise RoomHireError(_("Deze aanvraag werd al behandeld."))
        occurrences = list(season.occurrences.all())
        chosen = {o.pk for o in occurrences if o.pk in set(approve_ids)}
        tz = season.room.resource.tz
        exdates = [o.start.astimezone(tz) for o in occurrences if o.pk not in chosen]
        allocated = {}
        if chosen:
            until = max(o.start for o in occurrences) + dt.timedelta(minutes=1)
            result = calendar_services.allocate_series(
                resources=season.room.resource,
                recurrence=Recurrence(rrules=[Rule(WEEKLY, byday=[season.weekday])], exdates=exdates),
                local_start_date=min(o.start for o in occurrences).astimezone(tz).date(),
                local_start_time=season.start_time,
                duration=dt.datetime.combine(dt.date.min, season.end_time)
                - dt.datetime.combine(dt.date.min, season.start_time),
                until=until.astimezone(tz),
                mode=calendar_services.SeriesMode.BEST_EFFORT,
                confirm=True,
                holder=season.association,
                reference=season,
                created_by=staff,
                title=season.purpose[:200],
                now=now,
            )
            season.series = result.series
            for occurrence in result.occurrences:
                allocated[occurrence.start] = occurrence
        approved = 0
        for occurrence in occurrences:
            outcome = allocated.get(occurrence.start)
            if occurrence.pk in chosen and outcome is not None and outcome.allocated:
                occurrence.result = SeasonOccurrence.Result.APPROVED
                occurrence.allocation = outcome.allocations[0]
                occurrence.reason = ""
                approved += 1
            else:
                occurrence.result = SeasonOccurrence.Result.DECLINED
                if occurrence.pk in chosen and outcome is not None and outcome.error is not None:
                    occurrence.reason = str(outcome.error)[:300]
                else:
                    occurrence.reason = _("Niet toegekend door de dienst.")
            occurrence.save(update_fields=["result", "allocation", "reason"])
        if approved == len(occurrences):
            season.state = SeasonRequestState.APPROVED
        elif approved:
            season.state = SeasonRequestState.PARTLY_APPROVED
        else:
            season.state = SeasonRequestState.REJECTED
        season.staff_note = note
        season.decided_by, season.decided_at = staff, now
        season.save()
        log(instance=season, action="rooms.season.decide", user=staff)
    return season
