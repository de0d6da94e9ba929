"""Thin Celery tasks of room hire: load by primary key, call a service or send a mail."""

import datetime as dt

from celery import shared_task

REMINDER_DAYS_BEFORE = 3


@shared_task(name="rooms.tasks.send_booking_confirmation")
def send_booking_confirmation(booking_id: int) -> None:
    from reservations.rooms import emails as emails_rooms

    emails_rooms.send_booking_confirmation(booking_id=booking_id)


@shared_task(name="rooms.tasks.send_booking_received")
def send_booking_received(booking_id: int) -> None:
    from reservations.rooms import emails as emails_rooms

    emails_rooms.send_booking_received(booking_id=booking_id)


@shared_task(name="rooms.tasks.send_booking_rejected")
def send_booking_rejected(booking_id: int) -> None:
    from reservations.rooms import emails as emails_rooms

    emails_rooms.send_booking_rejected(booking_id=booking_id)


@shared_task(name="rooms.tasks.send_booking_reminders")
def send_booking_reminders() -> int:
    """Daily: remind every confirmed booking that starts within REMINDER_DAYS_BEFORE days, once."""
    from django.db import transaction
    from django.utils import timezone

    from reservations.rooms import emails as emails_rooms
    from reservations.rooms.models import Booking, BookingState

    now = timezone.now()
    due = Booking.objects.filter(
        state=BookingState.CONFIRMED,
        reminder_sent_at__isnull=True,
        start__gt=now,
        start__lte=now + dt.timedelta(days=REMINDER_DAYS_BEFORE),
    )
    count = 0
    for booking_id in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            updated = Booking.objects.filter(pk=booking_id, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if updated:
                transaction.on_commit(lambda pk=booking_id: emails_rooms.send_booking_reminder(booking_id=pk))
                count += 1
    return count


@shared_task(name="rooms.tasks.expire_booking_options")
def expire_booking_options() -> int:
    from reservations.rooms import services as rooms

    return rooms.expire_booking_options()
