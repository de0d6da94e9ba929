"""The Celery app; tasks are thin wrappers that load by id and call a service."""
import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("dorpsplein")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The beat schedule lives in code so every deployment runs the same periodic work.
app.conf.beat_schedule = {
    "release-expired-holds": {
        "task": "calendars.tasks.release_expired_holds",
        "schedule": 60.0,
    },
    "apply-pending-payments": {
        "task": "payments.tasks.apply_pending_payments",
        "schedule": 60.0,
    },
    "expire-baskets": {
        "task": "payments.tasks.expire_baskets",
        "schedule": 60.0,
    },
    "expire-unpaid-orders": {
        "task": "payments.tasks.expire_unpaid_orders",
        "schedule": 60.0,
    },
    "send-payment-reminders": {
        "task": "payments.tasks.send_payment_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
    "expire-room-booking-options": {
        "task": "rooms.tasks.expire_booking_options",
        "schedule": 15 * 60.0,
    },
    "send-room-booking-reminders": {
        "task": "rooms.tasks.send_booking_reminders",
        "schedule": crontab(hour=9, minute=0),
    },
    "expire-stale-loan-requests": {
        "task": "loans.tasks.expire_stale_loan_requests",
        "schedule": crontab(minute=5),
    },
    "clean-expired-sessions": {
        "task": "accounts.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=30),
    },
}


@app.task(name="config.ping")
def ping() -> str:
    """Round trip used by the deploy smoke test to prove a worker is consuming."""
    return "pong"
