"""Thin Celery wrappers around calendars.services."""
from celery import shared_task

from calendars import services


@shared_task(name="calendars.tasks.release_expired_holds")
def release_expired_holds() -> int:
    """Periodic tidy-up (every minute, config/celery.py); expired holds already stopped blocking."""
    return services.release_expired_holds()
