"""Thin Celery tasks of room hire: load by primary key, call a service or send a mail."""

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
    from reservations.rooms import services as rooms

    return rooms.remind_upcoming_bookings(days_before=REMINDER_DAYS_BEFORE)


@shared_task(name="rooms.tasks.expire_booking_options")
def expire_booking_options() -> int:
    from reservations.rooms import services as rooms

    return rooms.expire_booking_options()
